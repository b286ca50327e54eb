// Browser tests of follow-up (issue 5): a commune reports a remedy with a
// PDF, the inspector returns it, then accepts a second one; a finding past
// its deadline is on the accountability list with its days overdue; a
// complaint registered without a declared time-limit rule says so.
//
// The findings are a review's (kiểm điểm) created through the JSON API as
// the demo inspector, on the demo commune of Thường Tín, so the test does
// not depend on the inspection demo data.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, DEMO, newPage, login, shot, close, apiToken } from './lib.mjs';

after(close);

const INSPECTOR = 'kiemtra';       // demo inspector of the city
const COMMUNE = 'thuongtin';       // demo staff of the commune
const COMMUNE_CODE = DEMO.otherWardCode;
const YEAR = 2019; // a year of its own: the demo's reviews (2022) stay the default year
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let fixed;   // the finding followed to the end
let overdue; // a finding left overdue

async function api(context, token, path, data) {
  const r = await context.request.post(`/api/v1${path}`, { data, headers: { Authorization: `Bearer ${token}` } });
  return { status: r.status(), json: await r.json().catch(() => ({})) };
}

before(async () => {
  const { context } = await newPage();
  const tok = await apiToken(context, INSPECTOR, DEMO_PASSWORD);
  const g = await api(context, tok, '/review-groups', { year: YEAR, no: 7, name: 'Tổ công tác số 7 (kiểm thử)' });
  assert.ok(g.status === 201 || g.status === 409, `group: ${g.status}`);
  let rv = await api(context, tok, '/reviews', {
    year: YEAR, unit: COMMUNE_CODE, group: 7, points: 'Làm rõ trách nhiệm trong cải cách hành chính',
    points_date: '2019-01-10',
  });
  if (rv.status === 409) { // already there from an earlier run on this database
    const list = await context.request.get(`/api/v1/reviews?year=${YEAR}`, { headers: { Authorization: `Bearer ${tok}` } });
    const found = (await list.json()).reviews.find((x) => x.unit.code === COMMUNE_CODE);
    rv = { status: 201, json: { id: found.id } };
  }
  assert.equal(rv.status, 201);
  const f1 = await api(context, tok, `/reviews/${rv.json.id}/findings`, {
    content: 'Chưa công khai thủ tục hành chính tại bộ phận một cửa', cause_kind: 'subjective',
    cause: 'Cấp ủy chưa kiểm tra, đôn đốc', addressee_unit: COMMUNE_CODE,
    remedy: 'Niêm yết đủ thủ tục, báo cáo kết quả', deadline: '2019-06-30',
  });
  const f2 = await api(context, tok, `/reviews/${rv.json.id}/findings`, {
    content: 'Chậm xây dựng kế hoạch nâng chỉ số cải cách hành chính', cause_kind: 'objective',
    cause: 'Thiếu cán bộ chuyên trách', addressee_unit: COMMUNE_CODE,
    remedy: 'Ban hành kế hoạch', deadline: '2019-03-31',
  });
  assert.equal(f1.status, 201, JSON.stringify(f1.json));
  assert.equal(f2.status, 201, JSON.stringify(f2.json));
  fixed = f1.json.id;
  overdue = f2.json.id;
  await context.close();
});

async function as(user) {
  const { context, page } = await newPage();
  await login(page, user, DEMO_PASSWORD);
  return { context, page };
}

async function report(page, text, file) {
  await page.goto(`/kiem-tra/phat-hien/${fixed}`);
  const form = page.locator('form[enctype="multipart/form-data"]');
  await form.locator('input[name="ngay"]').fill('01/07/2019');
  await form.locator('textarea[name="noi_dung"]').fill(text);
  await form.locator('input[name="minh_chung"]').setInputFiles({ name: file, mimeType: 'application/pdf', buffer: PDF });
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
  assert.match(await page.locator('p.ok').innerText(), /Đã gửi báo cáo kết quả khắc phục/);
}

test('the commune reports a remedy with a PDF; the inspector returns it, then accepts a second one', async () => {
  const commune = await as(COMMUNE);
  await commune.page.goto(`/kiem-tra/phat-hien/${fixed}`);
  assert.match(await commune.page.locator('h1').innerText(), /Khuyết điểm, hạn chế số/);
  assert.match(await commune.page.locator('dd.status').innerText(), /Quá hạn chưa hoàn thành/);
  await report(commune.page, 'Đã niêm yết 45 thủ tục', 'Bien-ban-niem-yet.pdf');
  assert.match(await commune.page.locator('table.reports').innerText(), /Bien-ban-niem-yet\.pdf[\s\S]*Chờ xác nhận/);
  await shot(commune.page, 'followup-reported');
  // the evidence downloads as the PDF sent
  const href = await commune.page.locator('a.evidence').first().getAttribute('href');
  const dl = await commune.context.request.get(href);
  assert.equal(dl.status(), 200);
  assert.equal(dl.headers()['content-type'], 'application/pdf');
  assert.ok((await dl.body()).equals(PDF));

  // the inspector returns it: without a reason refused, with one accepted
  const insp = await as(INSPECTOR);
  await insp.page.goto(`/kiem-tra/phat-hien/${fixed}`);
  const decide = insp.page.locator('form.decide').first();
  const [refused] = await Promise.all([
    insp.page.waitForNavigation(),
    decide.locator('button[value="tra-lai"]').click(),
  ]);
  assert.equal(refused.status(), 422);
  assert.match(await insp.page.locator('p.alert').innerText(), /Trả lại báo cáo thì phải ghi lý do/);
  await shot(insp.page, 'followup-return-refused');
  await insp.page.locator('form.decide input[name="ly_do"]').first().fill('Thiếu ảnh chụp bảng niêm yết');
  await Promise.all([insp.page.waitForNavigation(), insp.page.locator('form.decide button[value="tra-lai"]').first().click()]);
  assert.match(await insp.page.locator('p.ok').innerText(), /Đã trả lại báo cáo/);
  assert.match(await insp.page.locator('table.reports').innerText(), /Bị trả lại[\s\S]*Lý do: Thiếu ảnh chụp bảng niêm yết/);
  await shot(insp.page, 'followup-returned');

  // the commune sees why, and reports again
  await commune.page.goto(`/kiem-tra/phat-hien/${fixed}`);
  assert.match(await commune.page.locator('table.reports').innerText(), /Thiếu ảnh chụp bảng niêm yết/);
  await report(commune.page, 'Bổ sung ảnh chụp bảng niêm yết', 'Anh-chup.pdf');

  // the inspector accepts: done late, no report form any more
  await insp.page.goto(`/kiem-tra/phat-hien/${fixed}`);
  await Promise.all([insp.page.waitForNavigation(), insp.page.locator('form.decide button[value="chap-nhan"]').first().click()]);
  assert.match(await insp.page.locator('p.ok').innerText(), /Đã xác nhận kết quả khắc phục/);
  assert.match(await insp.page.locator('dd.status').innerText(), /Hoàn thành quá hạn/);
  await shot(insp.page, 'followup-accepted');
  await commune.page.goto(`/kiem-tra/phat-hien/${fixed}`);
  assert.equal(await commune.page.locator('form[enctype="multipart/form-data"]').count(), 0);
  await commune.context.close();
  await insp.context.close();
});

test('a finding past its deadline is on the accountability list with its days overdue', async () => {
  const insp = await as(INSPECTOR);
  await insp.page.goto('/kiem-tra/trach-nhiem?ngay=01/07/2025');
  const days = Math.round((Date.UTC(2025, 6, 1) - Date.UTC(2019, 2, 31)) / 86400000); // 31/03/2019 -> 01/07/2025
  const row = insp.page.locator(`tr:has(a[href="/kiem-tra/phat-hien/${overdue}"])`);
  assert.equal(await row.count(), 1);
  // written the Vietnamese way: 2.284
  assert.equal((await row.locator('td.num').innerText()).trim(), String(days).replace(/\B(?=(\d{3})+(?!\d))/g, '.'));
  const group = insp.page.locator(`section.accountable:has(a[href="/kiem-tra/phat-hien/${overdue}"]) h2`);
  assert.match(await group.innerText(), /Thường Tín/);
  // the finding accepted in the other test is not there
  assert.equal(await insp.page.locator(`a[href="/kiem-tra/phat-hien/${fixed}"]`).count(), 0);
  await shot(insp.page, 'followup-accountability');
  // before its deadline it is not on the list
  await insp.page.goto('/kiem-tra/trach-nhiem?ngay=30/03/2019');
  assert.equal(await insp.page.locator(`a[href="/kiem-tra/phat-hien/${overdue}"]`).count(), 0);
  // the .xlsx download
  const x = await insp.context.request.get('/kiem-tra/trach-nhiem.xlsx?ngay=01/07/2025');
  assert.equal(x.status(), 200);
  assert.equal(x.headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  // the commune's own page lists it with its days overdue as of today
  const commune = await as(COMMUNE);
  await commune.page.goto(`/don-vi/${COMMUNE_CODE}`);
  const own = commune.page.locator(`section.open-findings tr:has(a[href="/kiem-tra/phat-hien/${overdue}"])`);
  assert.equal(await own.count(), 1);
  assert.match(await own.innerText(), /Quá hạn chưa hoàn thành/);
  await shot(commune.page, 'followup-unit-open-findings');
  await commune.context.close();
  await insp.context.close();
});

test('a complaint without a declared time-limit rule: refused and said so, nothing stored; registered on purpose, it has no due date', async () => {
  const commune = await as(COMMUNE);
  await commune.page.goto('/khieu-nai-to-cao');
  const before = await commune.page.locator('table.complaints tbody tr').count();
  const form = commune.page.locator('form[action="/khieu-nai-to-cao/them"]');
  await form.locator('select[name="loai"]').selectOption('khieu-nai');
  await form.locator('input[name="don_vi"]').fill(COMMUNE_CODE);
  // a date before any rule can be in force: no rule applies, none is invented
  await form.locator('input[name="ngay_nhan"]').fill('02/01/1990');
  await form.locator('textarea[name="tom_tat"]').fill('Khiếu nại về việc xét kết nạp đảng viên');
  await form.locator('input[name="nguoi_giai_quyet"]').fill('Ủy ban Kiểm tra Đảng ủy xã');
  const [resp] = await Promise.all([commune.page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
  assert.equal(resp.status(), 422);
  assert.match(await commune.page.locator('p.alert[role="alert"]').first().innerText(),
    /Chưa có quy định thời hạn giải quyết đơn khiếu nại áp dụng cho ngày nhận 02\/01\/1990/);
  // the values typed are kept
  assert.equal(await commune.page.locator('textarea[name="tom_tat"]').inputValue(), 'Khiếu nại về việc xét kết nạp đảng viên');
  await shot(commune.page, 'followup-complaint-no-rule');
  await commune.page.goto('/khieu-nai-to-cao');
  assert.equal(await commune.page.locator('table.complaints tbody tr').count(), before);

  // registered on purpose without a time limit: the register says so, no due date is invented
  const again = commune.page.locator('form[action="/khieu-nai-to-cao/them"]');
  await again.locator('select[name="loai"]').selectOption('khieu-nai');
  await again.locator('input[name="don_vi"]').fill(COMMUNE_CODE);
  await again.locator('input[name="ngay_nhan"]').fill('02/01/1990');
  await again.locator('textarea[name="tom_tat"]').fill('Khiếu nại về việc xét kết nạp đảng viên');
  await again.locator('input[name="nguoi_giai_quyet"]').fill('Ủy ban Kiểm tra Đảng ủy xã');
  await again.locator('input[name="chua_co_thoi_han"]').check();
  await Promise.all([commune.page.waitForNavigation(), again.locator('button[type="submit"]').click()]);
  assert.match(await commune.page.locator('p.ok').innerText(), /Đã vào sổ đơn/);
  assert.match(await commune.page.locator('dl.facts').innerText(), /Hạn giải quyết\s+Chưa khai báo thời hạn/);
  await shot(commune.page, 'followup-complaint-without-limit');
  await commune.page.goto('/khieu-nai-to-cao');
  assert.equal(await commune.page.locator('table.complaints tbody tr').count(), before + 1);
  assert.match(await commune.page.locator('table.complaints').innerText(), /Chưa khai báo thời hạn/);
  await commune.context.close();
});

test('the reviews of a year list the working group and the unit, and the unit enters its remediation plan', async () => {
  const insp = await as(INSPECTOR);
  await insp.page.goto(`/kiem-diem?nam=${YEAR}`);
  assert.match(await insp.page.locator('h1').innerText(), new RegExp(`năm ${YEAR}`));
  assert.match(await insp.page.locator('table.groups').innerText(), /Tổ công tác số 7 \(kiểm thử\)/);
  const row = insp.page.locator('table.reviews tr', { hasText: 'Thường Tín' });
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /Tổ 7[\s\S]*Làm rõ trách nhiệm trong cải cách hành chính[\s\S]*Chưa có/);
  await shot(insp.page, 'followup-reviews');
  const href = await row.locator('a').first().getAttribute('href');
  await insp.context.close();

  const commune = await as(COMMUNE);
  await commune.page.goto(href);
  assert.equal(await commune.page.locator('form[action$="/khuyet-diem"]').count(), 0); // not the unit's own to write
  const form = commune.page.locator('form[action$="/ke-hoach"]');
  await form.locator('textarea[name="ke_hoach"]').fill('1. Niêm yết đủ thủ tục hành chính.\n2. Kiểm tra hằng quý.');
  await form.locator('input[name="ngay"]').fill('15/02/2019');
  await Promise.all([commune.page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
  assert.match(await commune.page.locator('p.ok').innerText(), /Đã lưu kế hoạch khắc phục/);
  assert.match(await commune.page.locator('#ke-hoach p.plan').innerText(), /Niêm yết đủ thủ tục hành chính\.\n2\. Kiểm tra hằng quý\./);
  assert.match(await commune.page.locator('table.findings').innerText(), /Chưa công khai thủ tục hành chính/);
  await shot(commune.page, 'followup-review-plan');
  await commune.context.close();
});
