#!/usr/bin/env bash
# giamsat plan check on the command line: exit codes, JSON shape, bad files.
set -euo pipefail
g=${GIAMSAT:?}
d=$(mktemp -d)
fail() { echo "FAIL: $*" >&2; exit 1; }

"$g" plan --help | grep -q "plan check FILE" || fail "--help"

cat >"$d/good.txt" <<'PLAN'
KẾ HOẠCH thực hiện Chương trình số 01-CTr/TU
II. NHIỆM VỤ
1. Rà soát quy hoạch cán bộ
- Chủ trì: Ban Tổ chức Đảng ủy
- Quy trình: rà soát, thẩm định, trình Ban Thường vụ
- Trách nhiệm: Trưởng Ban Tổ chức
- Kết quả: danh sách quy hoạch được phê duyệt
- Thời hạn: trước ngày 30/6/2022
PLAN
"$g" plan check "$d/good.txt" >"$d/out" || fail "complete plan should exit 0"
grep -q "1 tasks, 1 complete" "$d/out" || fail "summary line: $(cat "$d/out")"

cat >"$d/bad.txt" <<'PLAN'
II. NHIỆM VỤ
1. Rà soát quy hoạch cán bộ
- Chủ trì: Ban Tổ chức, Văn phòng
2. Tăng cường kiểm tra
- Thời gian: thường xuyên
PLAN
set +e
"$g" plan check --json "$d/bad.txt" >"$d/out.json"
rc=$?
set -e
[ "$rc" = 1 ] || fail "plan with gaps should exit 1, got $rc"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const want = [
  ["1", "Rà soát quy hoạch cán bộ", ["process","responsibility","result","deadline","single_lead"]],
  ["2", "Tăng cường kiểm tra", ["lead","process","responsibility","result","deadline"]],
];
if (r.tasks.length !== 2) throw new Error("tasks: " + JSON.stringify(r.tasks));
want.forEach(([n, c, m], i) => {
  const t = r.tasks[i];
  if (t.number !== n || t.content !== c) throw new Error("task " + i + ": " + JSON.stringify(t));
  if (JSON.stringify(t.missing.slice().sort()) !== JSON.stringify(m.slice().sort()))
    throw new Error("missing " + i + ": " + JSON.stringify(t.missing));
});
if (r.ok !== false) throw new Error("ok should be false");
' "$d/out.json" || fail "JSON: $(cat "$d/out.json")"

: >"$d/empty.txt"
set +e
"$g" plan check "$d/empty.txt" 2>"$d/err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "empty file should exit 2, got $rc"
grep -q "empty" "$d/err" || fail "empty file message: $(cat "$d/err")"

set +e
"$g" plan check "$d/nonexistent.docx" 2>"$d/err"; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "no such file" "$d/err" || fail "missing file: rc=$rc $(cat "$d/err")"

printf 'no tasks here\n' >"$d/none.txt"
set +e
"$g" plan check "$d/none.txt" >"$d/out"; rc=$?
set -e
[ "$rc" = 1 ] && grep -q "no tasks found" "$d/out" || fail "no tasks: rc=$rc"
rm -rf "$d"
echo ok
