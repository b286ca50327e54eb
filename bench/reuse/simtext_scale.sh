#!/bin/sh
# Time per query of Debian's sim_text against ours on one synthetic corpus:
# the N documents and the 20-page query of bench_check, written as files for
# sim_text, indexed once for ours. Same machine, same run.
#
#   bench/reuse/simtext_scale.sh [N] [OUT]     (run from the repository root)
#
# N defaults to 10000 (about 270 MB of text); OUT to /tmp/giamsat-simtext-N.
# sim_text is run RUNS times (default 3), ours 20 times (median reported).
set -eu

ROOT=$(pwd)
N=${1:-10000}
OUT=${2:-/tmp/giamsat-simtext-$N}
DATA=${DATA:-$ROOT/../shared/data}
BIN=$ROOT/build/bench/reuse
RUNS=${RUNS:-3}

[ -f bench/reuse/simtext_scale.sh ] || { echo "run from the repository root" >&2; exit 2; }
if [ "${BUILD:-1}" = 1 ]; then
	make -j2 "$BIN/bench_check" "$BIN/runtime" >&2
fi
rm -rf "$OUT"
mkdir -p "$OUT/bin"
cp "$BIN/bench_check" "$BIN/runtime" "$OUT/bin/" # others may rebuild the tree meanwhile
BIN=$OUT/bin
"$BIN/bench_check" dump --docs "$N" --out "$OUT" --data "$DATA"
"$BIN/bench_check" dump --docs "$N" --out "$OUT" --data "$DATA" --query
"$BIN/bench_check" build --index "$OUT/idx" --docs "$N" --data "$DATA" > "$OUT/build.txt" 2>/dev/null
"$BIN/bench_check" query --index "$OUT/idx" --docs "$N" --data "$DATA" --queries 1 --repeat 20 > "$OUT/ours.txt"

cd "$OUT"
ls syn > files.list
i=0
: > simtext.times
while [ $i -lt "$RUNS" ]; do
	# shellcheck disable=SC2046
	(cd syn && "$BIN/runtime" ../simtext.times sim_text -r8 -n -S ../query.txt / $(cat ../files.list)) > simtext.out 2>/dev/null || true
	i=$((i + 1))
done
med() { awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
sim_wall=$(med simtext.times 1)
sim_cpu=$(med simtext.times 2)
ours_wall=$(sed -n 's/^check: .* median \([0-9.]*\) ms.*/\1/p' ours.txt)
ours_cpu=$(sed -n 's/^check, CPU time.* median \([0-9.]*\) ms.*/\1/p' ours.txt)
echo "corpus: $N synthetic documents, $(du -sh syn | cut -f1) of text; query: $(wc -c < query.txt) bytes"
echo "sim_text -r8 -n -S: median wall $sim_wall s, CPU $sim_cpu s per query over $RUNS runs ($(wc -l < simtext.out) lines of output)"
echo "ours (C API, the same query 20 times): median wall $ours_wall ms, CPU $ours_cpu ms"
echo "ratio sim_text / ours: wall $(echo "scale=0; $sim_wall * 1000 / $ours_wall" | bc)x, CPU $(echo "scale=0; $sim_cpu * 1000 / $ours_cpu" | bc)x"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB; load average $(cut -d" " -f1-3 /proc/loadavg); $(date -u "+%Y-%m-%d %H:%M UTC")"
