#!/usr/bin/env bash
# giamsat reuse sync: the copy-detection index of the stored documents is rebuilt from the store.
set -euo pipefail
g=${GIAMSAT:?}
root=${GIAMSAT_ROOT:?}
d=$(mktemp -d)
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$d"
export GIAMSAT_ADMIN_PASSWORD=admin-password-1 GIAMSAT_DEMO_PASSWORD=demo-password-1
"$g" demo --db demo.db --data "$root/data" >demo.log 2>&1 || fail "demo: $(tail -3 demo.log)"
grep -q "Copy-detection index demo.db.reuse: 7 documents" demo.log || fail "demo index: $(tail -2 demo.log)"

# lost index: rebuilt beside the database, where serve looks for it
rm -rf demo.db.reuse
"$g" reuse sync --db demo.db >out 2>err || fail "sync: $(cat err)"
grep -q "index demo.db.reuse rebuilt: 7 documents" out || fail "$(cat out)"
"$g" reuse verify --index demo.db.reuse >/dev/null 2>&1 || fail "verify after sync"

# damaged index: sync replaces it whole
printf 'garbage' > demo.db.reuse/MANIFEST
"$g" reuse sync --db demo.db >/dev/null 2>&1 || fail "sync over a damaged index"
"$g" reuse verify --index demo.db.reuse >/dev/null 2>&1 || fail "verify after resync"

set +e
"$g" reuse sync --db "$d/none/x.db" 2>err; rc=$?
set -e
[ "$rc" = 1 ] || fail "a database that cannot be opened: exit $rc"
grep -q "giamsat reuse sync:" err || fail "message: $(cat err)"
cd /; rm -rf "$d"
