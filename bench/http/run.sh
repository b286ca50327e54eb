#!/usr/bin/env bash
# HTTP benchmark: giamsat's dynamic unit page and JSON API against nginx
# serving the same page bytes as a static file (the ceiling on this
# machine), side by side in one run, on SQLite and on PostgreSQL.
#
#   bench/http/run.sh [UNIT_CODE]     (default 10183, Đảng ủy xã Thường Tín)
#
# For each engine it builds a fresh demo database, starts
# `./giamsat serve` on 127.0.0.1, logs in as admin (session cookie for the
# page, bearer token for the API), saves the unit page's exact bytes for
# nginx, then runs `wrk -t2 -c64 -d${BENCH_SECONDS:-10}s --latency` against:
#   nginx   the static copy of the unit page
#   page    GET /don-vi/CODE with the session cookie
#   api     GET /api/v1/units/CODE with the bearer token
# and prints requests/s, p99 latency and the ratio to nginx's rate.
# Goal (issue 2): page >= 50% of nginx, p99 < 20 ms, on both engines.
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_SERVE_ARGS
# (extra `giamsat serve` options, e.g. "--cache-ms 0" to measure without
# the per-thread micro-cache).
# Everything listens on 127.0.0.1 only; every wrk run is bounded in time;
# servers, the PostgreSQL cluster and temp files are removed on exit.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
secs=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-64}
unit_code=${1:-10183} # Đảng ủy xã Thường Tín (demo)

scripts/install-deps --bench
make --no-print-directory -j2 giamsat >/dev/null

tmp=$(mktemp -d "${TMPDIR:-/tmp}/giamsat-bench.XXXXXX")
chmod 755 "$tmp"
pids=()
pgdir=""
cleanup() {
	local p
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	if [ -n "$pgdir" ]; then
		scripts/pg-test-cluster stop "$pgdir" >/dev/null 2>&1 || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_up() { # wait_up URL PID
	local i
	for i in $(seq 1 100); do
		kill -0 "$2" 2>/dev/null || return 1
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

export GIAMSAT_ADMIN_PASSWORD="B$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)1"
export GIAMSAT_DEMO_PASSWORD="$GIAMSAT_ADMIN_PASSWORD"

# ---- nginx: the static ceiling ----
ng="$tmp/nginx"
mkdir -p "$ng/www" "$ng/tmp"
ng_port=$(free_port)
cat >"$ng/nginx.conf" <<EOF
worker_processes 2;
pid $ng/nginx.pid;
error_log $ng/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $ng/tmp;
    proxy_temp_path $ng/tmp;
    fastcgi_temp_path $ng/tmp;
    uwsgi_temp_path $ng/tmp;
    scgi_temp_path $ng/tmp;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    server {
        listen 127.0.0.1:$ng_port;
        root $ng/www;
    }
}
EOF

# log in through the login form; writes the cookie jar $1/cookies
login_cookie() { # login_cookie DIR BASEURL
	local form csrf
	form=$(curl -fsS -c "$1/cookies" -b "$1/cookies" "$2/dang-nhap")
	csrf=$(printf '%s' "$form" | grep -o 'name="csrf"[^>]*value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')
	curl -fsS -o /dev/null -c "$1/cookies" -b "$1/cookies" \
		--data-urlencode "login=admin" --data-urlencode "password=$GIAMSAT_ADMIN_PASSWORD" \
		--data-urlencode "csrf=$csrf" "$2/dang-nhap"
}

cookie_header() { # the Cookie: header value from a curl jar
	awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$1"
}

# run_wrk NAME URL [HEADER]: prints "NAME rps p99ms" to $tmp/results
run_wrk() {
	local name=$1 url=$2 hdr=${3:-} out="$tmp/wrk-$1.txt"
	if [ -n "$hdr" ]; then
		timeout $((secs + 30)) wrk -t2 -c"$conns" -d"${secs}s" --latency -H "$hdr" "$url" >"$out"
	else
		timeout $((secs + 30)) wrk -t2 -c"$conns" -d"${secs}s" --latency "$url" >"$out"
	fi
	local rps p99 bad
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
	p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
		printf "%.2f", v }' "$out")
	bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
	echo "$name $rps $p99 ${bad:-0}" >>"$tmp/results"
}

# bench_engine ENGINE DBURL: serve, fetch the page for nginx, run wrk x3
bench_engine() {
	local engine=$1 db=$2 d="$tmp/$1"
	mkdir -p "$d"
	# from $d: with PostgreSQL the demo's copy-detection index goes to ./
	(cd "$d" && "$root/giamsat" demo --db "$db" >demo.log 2>&1) || { cat "$d/demo.log"; return 1; }
	local port
	port=$(free_port)
	local base="http://127.0.0.1:$port"
	# shellcheck disable=SC2086 # BENCH_SERVE_ARGS is a list of options
	(cd "$d" && exec "$root/giamsat" serve --db "$db" --listen "127.0.0.1:$port" \
		${BENCH_SERVE_ARGS:-} >server.log 2>&1) &
	pids+=($!)
	wait_up "$base/healthz" "${pids[-1]}" || { tail "$d/server.log"; return 1; }
	login_cookie "$d" "$base"
	local cookie token code
	cookie=$(cookie_header "$d/cookies")
	[ -n "$cookie" ] || { echo "bench: login gave no session cookie" >&2; return 1; }
	token=$(curl -fsS -H 'Content-Type: application/json' \
		-d "{\"login\":\"admin\",\"password\":\"$GIAMSAT_ADMIN_PASSWORD\"}" \
		"$base/api/v1/session" | grep -o '"token" *: *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')
	[ -n "$token" ] || { echo "bench: POST /api/v1/session gave no token" >&2; return 1; }
	code=$unit_code
	# the exact bytes of the unit page, for nginx; it must be the unit's
	# page (200, its <h1>), not a redirect to the login page
	local st
	st=$(curl -sS -H "Cookie: $cookie" -o "$ng/www/unit-$engine.html" -w '%{http_code}' "$base/don-vi/$code")
	if [ "$st" != 200 ] || ! grep -q '<h1>' "$ng/www/unit-$engine.html" ||
		grep -q 'action="/dang-nhap"' "$ng/www/unit-$engine.html"; then
		echo "bench: GET /don-vi/$code with the session cookie gave $st, not the unit page" >&2
		return 1
	fi
	st=$(curl -sS -o "$d/unit.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/units/$code")
	[ "$st" = 200 ] || { echo "bench: GET /api/v1/units/$code gave $st" >&2; return 1; }
	echo "== $engine: unit $code: page $(wc -c <"$ng/www/unit-$engine.html") bytes, API $(wc -c <"$d/unit.json") bytes"
	run_wrk "$engine-nginx" "http://127.0.0.1:$ng_port/unit-$engine.html"
	run_wrk "$engine-page" "$base/don-vi/$code" "Cookie: $cookie"
	run_wrk "$engine-api" "$base/api/v1/units/$code" "Authorization: Bearer $token"
}

nginx -c "$ng/nginx.conf" -p "$ng" 2>/dev/null
sleep 0.3
pids+=("$(cat "$ng/nginx.pid")")

bench_engine sqlite "$tmp/sqlite/demo.db"

pgdir="$tmp/pg"
mkdir -p "$pgdir"
pgout=$(scripts/pg-test-cluster start "$pgdir")
pgurl=$(printf '%s\n' "$pgout" | grep -m1 -o 'postgresql://[^[:space:]]*')
bench_engine postgresql "$pgurl"

echo
echo "wrk -t2 -c$conns -d${secs}s --latency, on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), serve ${BENCH_SERVE_ARGS:-(defaults)}, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %12s %10s %10s %8s\n' target requests/s p99_ms vs_nginx non2xx
awk '{ split($1, a, "-"); if (a[2] == "nginx") base[a[1]] = $2
	printf "%-22s %12.0f %10.2f %9.0f%% %8s\n", $1, $2, $3, 100 * $2 / base[a[1]], $4 }' "$tmp/results"
