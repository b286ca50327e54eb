#!/bin/sh
# Text-reuse quality benchmark: generate a labelled corpus, index its sources
# with `giamsat reuse index`, check every suspicious plan with
# `giamsat reuse check --json`, score with PAN's measures (plagdet), per
# obfuscation kind. Then the same corpus and queries through Debian's
# sim_text (similarity-tester), scored the same way, with time per query.
#
#   bench/reuse/eval.sh [OUT]          (run from the repository root)
#
# Environment: SEED (1), PER_KIND (12), NEGATIVES (12), DIRECTIVES (30),
# OTHERS (60), DATA (../shared/data), SIMTEXT=0 to skip sim_text,
# BUILD=0 to use already built binaries. OUT defaults to
# /tmp/giamsat-reuse-eval and is replaced (the binaries are copied to
# OUT.bin first); nothing is written to the repo.
# Results: OUT/results.txt (both tables), OUT/ours.tsv, OUT/simtext.tsv,
# OUT/ours-verbose.txt (missed cases, false detections, split cases).
set -eu

ROOT=$(pwd)
OUT=${1:-/tmp/giamsat-reuse-eval}
SEED=${SEED:-1}
DATA=${DATA:-$ROOT/../shared/data}
BIN=$ROOT/build/bench/reuse
GS=$ROOT/giamsat

case "$OUT" in
"$ROOT"/*) echo "eval.sh: OUT must be outside the repository" >&2; exit 2 ;;
esac
[ -f bench/reuse/eval.sh ] || { echo "eval.sh: run from the repository root" >&2; exit 2; }

if [ "${BUILD:-1}" = 1 ]; then
	make -j2 giamsat "$BIN/gen_corpus" "$BIN/plagdet" "$BIN/simtext2json" "$BIN/bench_check" "$BIN/runtime" >&2
fi

now() { date +%s.%N; }

rm -rf "$OUT"
# private copies: others may rebuild the tree while this runs
mkdir -p "$OUT.bin"
cp "$GS" "$BIN/gen_corpus" "$BIN/plagdet" "$BIN/simtext2json" "$BIN/runtime" "$OUT.bin/"
[ -x "$BIN/bench_check" ] && cp "$BIN/bench_check" "$OUT.bin/"
GS=$OUT.bin/giamsat
BIN=$OUT.bin
"$BIN/gen_corpus" "$OUT" --seed "$SEED" --data "$DATA" --per-kind "${PER_KIND:-12}" \
	--negatives "${NEGATIVES:-12}" --directives "${DIRECTIVES:-30}" --others "${OTHERS:-60}"
cd "$OUT"
mkdir -p det simdet simout

echo "== index $(wc -l < sources.list) sources" >&2
t0=$(now)
# shellcheck disable=SC2046
"$GS" reuse index --index idx $(cat sources.list) > index.log 2>&1 || {
	echo "eval.sh: giamsat reuse index failed:" >&2
	tail -5 index.log >&2
	exit 1
}
t1=$(now)
src_bytes=$(cat $(cat sources.list) | wc -c)
echo "index: $(wc -l < sources.list) documents, $src_bytes bytes in $(echo "$t1 - $t0" | bc) s" > timing.txt

# median, p95 and mean of column $2 of a file of seconds, in ms
stats() { awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1; s+=$1} END{printf "median %.2f ms, p95 %.2f ms, mean %.2f ms", a[int((NR+1)/2)]*1000, a[int(NR*0.95+0.999)]*1000, s/NR*1000}'; }

echo "== check $(wc -l < susp.list) plans" >&2
fail=0
: > ours.times
while read -r f; do
	n=$(basename "$f" .txt)
	if ! "$BIN/runtime" ours.times "$GS" reuse check --index idx "$f" --json > "det/$n.json" 2> "det/$n.err"; then
		fail=$((fail + 1))
	fi
done < susp.list
nq=$(wc -l < susp.list)
echo "ours (CLI: process start + index open + check + JSON): wall $(stats ours.times 1); CPU $(stats ours.times 2); over $nq queries; $fail failed" >> timing.txt

echo "ours: giamsat reuse check" > results.txt
"$BIN/plagdet" truth det --tsv ours.tsv >> results.txt
"$BIN/plagdet" truth det --verbose > ours-verbose.txt

# the same queries through the C API (index opened once), if bench_check is built
if [ -x "$BIN/bench_check" ]; then
	"$BIN/bench_check" --index idx --queries susp.list --repeat 5 >> timing.txt 2>&1 || true
fi

if [ "${SIMTEXT:-1}" = 1 ]; then
	echo "== sim_text on the same queries" >&2
	: > simtext.times
	while read -r f; do
		n=$(basename "$f" .txt)
		# shellcheck disable=SC2046
		"$BIN/runtime" simtext.times sim_text -r8 -n -S "$f" / $(cat sources.list) > "simout/$n.out" 2>/dev/null || true
	done < susp.list
	while read -r f; do
		n=$(basename "$f" .txt)
		"$BIN/simtext2json" "$f" < "simout/$n.out" > "simdet/$n.json"
	done < susp.list
	echo "sim_text -r8 -n -S (process per query, like our CLI): wall $(stats simtext.times 1); CPU $(stats simtext.times 2); over $nq queries" >> timing.txt
	{
		echo
		echo "sim_text -r8 -n -S (line ranges converted to byte spans)"
		"$BIN/plagdet" truth simdet --tsv simtext.tsv
	} >> results.txt
fi
{
	echo
	cat timing.txt
	echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB; load average $(cut -d" " -f1-3 /proc/loadavg); $(date -u "+%Y-%m-%d %H:%M UTC"); seed $SEED"
} >> results.txt
cat results.txt
