// Browser tests of inspections (issue 5): the demo inspector opens the
// year's programme, adds an inspection of the demo ward and its team (a
// member from the ward itself is refused: conflict of interest), drafts
// the conclusion with a finding that lacks its deadline, is refused at
// issue, fixes the finding, issues the conclusion and downloads the notice
// (.docx); the risk list proposes targets; a commune's account is refused
// the ward's conclusion, on the page and through the API.
//
// Every run adds its own inspection (a title and a one-day date of its
// own), so the test can run again on the same database.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { DEMO_PASSWORD, DEMO, newPage, login, shot, close } from './lib.mjs';

after(close);

const INSPECTOR = 'kiemtra';  // demo inspector of the city
const LEADER = 'lanhdao';     // demo leader of the city: the team leader
const YEAR = 2024;
const RUN = Date.now();
// a day of YEAR of this run (team members may not sit on two teams on one day)
const DAY = new Date(Date.UTC(YEAR, 0, 1 + (Math.floor(RUN / 1000) % 330)));
const dmy = (d) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
const TITLE = `Kiểm tra chuyên đề tại phường Hoàn Kiếm (kiểm thử ${RUN})`;

let inspectionPath; // /kiem-tra/ID of this run
let conclusionId;

async function submit(page, form) {
  const [resp] = await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
  return resp;
}

test('the inspector plans an inspection, its team, and issues its conclusion', async () => {
  const { context, page } = await newPage();
  await login(page, INSPECTOR, DEMO_PASSWORD);

  // the programme of the year, with its calendar and the add form
  let resp = await page.goto(`/kiem-tra?nam=${YEAR}`);
  assert.equal(resp.status(), 200);
  await page.getByRole('heading', { level: 1, name: `Chương trình kiểm tra, giám sát năm ${YEAR}` }).waitFor();
  const add = page.locator('form[action="/kiem-tra/them"]');
  await add.locator('select[name="loai"]').selectOption('inspection_thematic');
  await add.locator('select[name="don_vi"]').selectOption(DEMO.wardCode);
  await add.locator('input[name="ten"]').fill(TITLE);
  await add.locator('input[name="so_qd"]').fill('301-QĐ/UBKTTU');
  await add.locator('input[name="van_ban"]').fill('Chương trình số 01-CTr/TU');
  // impossible dates first: refused, values kept
  await add.locator('input[name="tu_ngay"]').fill('31/02/2024');
  await add.locator('input[name="den_ngay"]').fill(dmy(DAY));
  resp = await submit(page, add);
  assert.equal(resp.status(), 422);
  await page.getByText('Ngày bắt đầu và ngày kết thúc phải là ngày hợp lệ (dd/mm/yyyy).').waitFor();
  assert.equal(await add.locator('input[name="ten"]').inputValue(), TITLE);
  await add.locator('input[name="tu_ngay"]').fill(dmy(DAY));
  await add.locator('textarea[name="muc_dich"]').fill('Đánh giá việc cụ thể hóa Chương trình 01-CTr/TU');
  resp = await submit(page, add);
  assert.equal(resp.status(), 200);
  await page.getByText('Đã thêm cuộc kiểm tra, giám sát vào chương trình.').waitFor();
  inspectionPath = new URL(page.url()).pathname;
  assert.match(inspectionPath, /^\/kiem-tra\/\d+$/);
  await shot(page, 'inspect-added');

  // the team: the ward's own staff is a conflict of interest; the city's leader leads
  const team = page.locator(`form[action="${inspectionPath}/doan"]`);
  await team.locator('input[name="tai_khoan"]').fill(DEMO.wardLogin);
  resp = await submit(page, team);
  assert.equal(resp.status(), 422);
  await page.getByText('Xung đột lợi ích', { exact: false }).first().waitFor();
  await team.locator('input[name="tai_khoan"]').fill(LEADER);
  await team.locator('select[name="vai_tro"]').selectOption('leader');
  resp = await submit(page, team);
  assert.equal(resp.status(), 200);
  await page.getByText('Đã thêm thành viên đoàn.').waitFor();
  await page.locator('table.team').getByText('Trưởng đoàn').waitFor();

  // the programme lists it with its team and draws it on the calendar
  await page.goto(`/kiem-tra?nam=${YEAR}`);
  const row = page.locator('table.programme tr', { hasText: TITLE });
  await row.getByText('Trưởng đoàn:', { exact: false }).waitFor();
  assert.ok(await page.locator('table.insp-cal td.cal-on').count() >= 1);
  await shot(page, 'inspect-programme');

  // the conclusion draft with a finding that lacks its deadline
  await page.goto(inspectionPath);
  const draft = page.locator(`form[action="${inspectionPath}/ket-luan"]`);
  await draft.locator('input[name="so"]').fill('301-TB/UBKTTU');
  await draft.locator('input[name="ngay"]').fill(`15/12/${YEAR}`);
  await draft.locator('textarea[name="bieu_duong"]').fill('Ban hành kế hoạch kịp thời');
  await draft.locator('textarea[name="phe_binh"]').fill('Chỉ số cải cách hành chính còn thấp');
  resp = await submit(page, draft);
  assert.equal(resp.status(), 200);
  await page.getByText('Đã lập dự thảo kết luận.').waitFor();
  const addF = page.locator(`form[action="${inspectionPath}/khuyet-diem"]`);
  await addF.locator('textarea[name="noi_dung"]').fill('Chỉ số cải cách hành chính xếp cuối bảng của thành phố');
  await addF.locator('select[name="loai_nguyen_nhan"]').selectOption('subjective');
  await addF.locator('input[name="nguyen_nhan"]').fill('Người đứng đầu chưa quan tâm chỉ đạo');
  await addF.locator('input[name="dia_chi_don_vi"]').fill(DEMO.wardCode);
  await addF.locator('input[name="bien_phap"]').fill('Xây dựng kế hoạch nâng chỉ số');
  resp = await submit(page, addF);
  assert.equal(resp.status(), 200);
  await page.getByText('Đã thêm khuyết điểm vào dự thảo.').waitFor();
  await page.locator('table.findings').getByText('Thiếu thời hạn').waitFor();
  conclusionId = await page.locator(`form[action="${inspectionPath}/ban-hanh"] input[name="kl"]`).inputValue();

  // issue: refused, naming the finding
  resp = await submit(page, page.locator(`form[action="${inspectionPath}/ban-hanh"]`));
  assert.equal(resp.status(), 422);
  await page.getByText('khuyết điểm số 1', { exact: false }).first().waitFor();
  await shot(page, 'inspect-issue-refused');

  // fix the finding, then issue
  await page.locator('details.edit-finding summary', { hasText: 'Sửa khuyết điểm số 1' }).click();
  const edit = page.locator(`form[action="${inspectionPath}/sua-khuyet-diem"]`);
  await edit.locator('input[name="thoi_han"]').fill(`31/03/${YEAR + 1}`);
  resp = await submit(page, edit);
  assert.equal(resp.status(), 200);
  await page.getByText('Đã sửa khuyết điểm.').waitFor();
  resp = await submit(page, page.locator(`form[action="${inspectionPath}/ban-hanh"]`));
  assert.equal(resp.status(), 200);
  await page.getByText('Đã ban hành kết luận.').waitFor();
  await page.locator('.conc-state', { hasText: 'Đã ban hành' }).waitFor();
  await page.locator('table.findings').getByText(`31/03/${YEAR + 1}`).waitFor();
  await shot(page, 'inspect-issued');

  // the notice, as a Word file
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải thông báo kết luận (.docx)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^thong-bao-ket-luan-\d+-v1\.docx$/);
  const file = await download.path();
  const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
  assert.equal(head, 'PK');
  await context.close();
});

test('the risk list shows each unit\'s signals and proposes a target', async () => {
  const { context, page } = await newPage();
  await login(page, INSPECTOR, DEMO_PASSWORD);
  const resp = await page.goto(`/kiem-tra/rui-ro?nam=${YEAR}`);
  assert.equal(resp.status(), 200);
  await page.getByRole('heading', { level: 1, name: `Danh sách rủi ro năm ${YEAR}` }).waitFor();
  await page.locator('table.weights').waitFor();
  const first = page.locator('table.risk tbody tr').first();
  await first.getByRole('link', { name: 'Đề xuất kiểm tra' }).click();
  await page.waitForURL(/\/kiem-tra\?nam=/);
  const reason = await page.locator('textarea[name="muc_dich"]').inputValue();
  assert.match(reason, /^Đề xuất từ danh sách rủi ro năm 2024: điểm /);
  assert.notEqual(await page.locator('select[name="don_vi"]').inputValue(), '');
  await shot(page, 'inspect-risk-proposal');
  await context.close();
});

test('a commune is refused another ward\'s conclusion', async () => {
  assert.ok(inspectionPath && conclusionId, 'the first test created the inspection');
  const { context, page } = await newPage();
  await login(page, 'thuongtin', DEMO_PASSWORD);
  let resp = await page.goto(inspectionPath);
  assert.equal(resp.status(), 403);
  await page.getByText('Bạn không có quyền xem cuộc kiểm tra, giám sát này', { exact: false }).waitFor();
  assert.equal(await page.getByText('Chỉ số cải cách hành chính xếp cuối bảng').count(), 0);
  resp = await page.goto(`${inspectionPath}/thong-bao.docx`);
  assert.equal(resp.status(), 403);
  const api = await context.request.get(`/api/v1/conclusions/${conclusionId}`);
  assert.equal(api.status(), 403);
  assert.ok(!(await api.text()).includes('cuối bảng'));
  await shot(page, 'inspect-refused');
  await context.close();
});
