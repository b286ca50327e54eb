#!/usr/bin/env bash
# giamsat audit verify: intact on a new database, broken after a row is forged outside giamsat.
set -euo pipefail
g=${GIAMSAT:?}
d=$(mktemp -d)
fail() { echo "FAIL: $*" >&2; exit 1; }

"$g" audit verify --db "$d/a.db" >"$d/out" || fail "new database should verify"
grep -q "intact: 0 entries" "$d/out" || fail "$(cat "$d/out")"

# a forged entry inserted with the sqlite3 shell, not through giamsat
sqlite3 "$d/a.db" "INSERT INTO audit (seq, at, entity, entity_id, action, prev_hash, hash)
  VALUES (1, 0, 'finding', 1, 'delete', zeroblob(32), zeroblob(32))"
set +e
"$g" audit verify --db "$d/a.db" >"$d/out"; rc=$?
set -e
[ "$rc" = 1 ] || fail "forged entry should fail verify, got $rc"
grep -q "BROKEN at entry 1" "$d/out" || fail "$(cat "$d/out")"

set +e
"$g" audit frobnicate 2>/dev/null; rc=$?
set -e
[ "$rc" = 2 ] || fail "bad usage should exit 2"
rm -rf "$d"
