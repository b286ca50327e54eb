// Browser tests of progress (issue 3): a commune clerk enters a value of
// the demo's 310/KH-UBND with a PDF evidence and sees the dashboard's SVG
// charts; the city's leader sees the roll-up up the tree and the reminder
// (đôn đốc) list; another ward is refused the commune's pages and files.
//
// Demo data (src/model/demo_cascade.c): Thường Tín (10183) adopted MT01
// without a number and has 1 of 3 parks with 5G in 2026; Thạch Thất
// (09955) 1 of 2, and one task overdue since 30/09/2026.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, DEMO, PATHS, newPage, login, shot, close } from './lib.mjs';

after(close);

const CLERK = 'thuongtin';               // staff of Đảng ủy xã Thường Tín
const COMMUNE = DEMO.otherWardCode;      // 10183
const LEADER = 'lanhdao';                // the city's leader
const OTHER = DEMO.wardLogin;            // staff of Hoàn Kiếm: must not see Thường Tín
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let progressPath; // /tien-do/10183?ct=ID
let evidencePath; // /minh-chung-tien-do/VALUE/HASH

test('a commune clerk enters a value with a PDF evidence and sees the dashboard', async () => {
  const { context, page } = await newPage();
  await login(page, CLERK, DEMO_PASSWORD);
  await page.goto(PATHS.unit(COMMUNE));
  const link = page.locator('.unit-cascade a', { hasText: 'Tiến độ' }).first();
  progressPath = await link.getAttribute('href');
  assert.match(progressPath, /^\/tien-do\/10183\?ct=\d+$/);
  await link.click();
  assert.match(await page.locator('h1').innerText(), /Tiến độ thực hiện của Đảng ủy xã Thường Tín/);
  await shot(page, 'progress-commune');

  const form = page.locator('form[action="/tien-do/10183/nhap"]');
  const mt01 = await form.locator('select[name="chi_tieu"] option', { hasText: 'MT01' }).getAttribute('value');
  await form.locator('select[name="chi_tieu"]').selectOption(mt01);
  await form.locator('input[name="ky"]').fill('2026');
  // a bad number first: a Vietnamese error, the values typed kept, nothing stored
  await form.locator('input[name="tu_so"]').fill('hai');
  await form.locator('input[name="mau_so"]').fill('3');
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
  assert.match(await page.locator('.alert').innerText(), /tử số và mẫu số/);
  assert.equal(await page.locator('input[name="tu_so"]').inputValue(), 'hai');
  await shot(page, 'progress-bad-number');

  const form2 = page.locator('form[action="/tien-do/10183/nhap"]');
  await form2.locator('select[name="chi_tieu"]').selectOption(mt01);
  await form2.locator('input[name="tu_so"]').fill('2');
  await form2.locator('input[name="mau_so"]').fill('3');
  await form2.locator('input[name="ghi_chu"]').fill('Kiểm thử trình duyệt');
  await form2.locator('input[type="file"][name="minh_chung"]').setInputFiles({
    name: 'biên bản kiểm tra trạm 5G.pdf', mimeType: 'application/pdf', buffer: PDF,
  });
  await Promise.all([page.waitForNavigation(), form2.locator('button[type="submit"]').click()]);
  assert.match(await page.locator('.ok').innerText(), /Đã lưu số liệu/);
  const values = page.locator('table.values');
  assert.match(await values.innerText(), /66,67/);
  const ev = values.locator('a.evidence', { hasText: 'biên bản kiểm tra trạm 5G.pdf' });
  evidencePath = await ev.getAttribute('href');
  assert.match(evidencePath, /^\/minh-chung-tien-do\/\d+\/[0-9a-f]{64}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), ev.click()]);
  assert.equal(download.suggestedFilename(), 'biên bản kiểm tra trạm 5G.pdf');
  await shot(page, 'progress-saved');

  // the dashboard: three kinds of server-drawn SVG, each with a title, and the data as tables
  await page.locator('.prog-tabs a', { hasText: 'Tổng hợp' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('h1').innerText(), /Tổng hợp thực hiện/);
  for (const kind of ['chart-bars', 'chart-stack', 'chart-line']) {
    const svg = page.locator(`svg.${kind}`).first();
    assert.equal(await svg.getAttribute('role'), 'img');
    assert.ok((await svg.locator('title').first().textContent()).length > 0, `${kind} has a title`);
  }
  assert.match(await page.locator('svg.chart-bars').innerHTML(), /66,67 \/ — %|66,67/);
  assert.ok(await page.locator('table.chart-data').count() >= 3);
  await shot(page, 'dashboard-commune');
  await context.close();
});

test('the city leader sees the roll-up of the communes and the reminder list', async () => {
  const { context, page } = await newPage();
  await login(page, LEADER, DEMO_PASSWORD);
  const ct = new URL(progressPath ?? '/tien-do/x?ct=0', 'http://x').searchParams.get('ct');
  await page.goto(`/tien-do/01?ct=${ct}&ky=2026&ngay=01/11/2026`);
  const row = page.locator('table.progress:not(.kids) tr', { hasText: 'MT01' });
  // ratio of sums over the tree: Thạch Thất 1/2 and Thường Tín 2/3 → 3/5 = 60 %
  assert.match(await row.innerText(), /\b60\b/);
  const kids = page.locator('table.kids');
  assert.match(await kids.locator('tr', { hasText: 'Thường Tín' }).innerText(), /66,67/);
  assert.match(await kids.locator('tr', { hasText: 'Thạch Thất' }).innerText(), /\b50\b/);
  await shot(page, 'progress-city');

  await page.locator('.prog-tabs a', { hasText: 'Danh sách đôn đốc' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('h1').innerText(), /Danh sách đôn đốc/);
  const group = page.locator('section.lead-group', { hasText: 'Văn phòng Đảng ủy xã' });
  assert.match(await group.innerText(), /Tuyên truyền cho 40 doanh nghiệp/);
  assert.match(await group.innerText(), /Quá hạn 32 ngày/);
  await shot(page, 'reminders-city');

  // the superior reads the commune's evidence
  const r = await context.request.get(evidencePath);
  assert.equal(r.status(), 200);
  assert.equal(r.headers()['content-type'], 'application/pdf');
  assert.match(r.headers()['content-disposition'], /^attachment/);
  await context.close();
});

test('another ward is refused the commune\'s progress, dashboard and evidence', async () => {
  const { context, page } = await newPage();
  await login(page, OTHER, DEMO_PASSWORD);
  for (const p of [progressPath, progressPath.replace('/tien-do/', '/tong-hop/'), '/don-doc/10183']) {
    const resp = await page.goto(p);
    assert.equal(resp.status(), 403, p);
    assert.match(await page.locator('body').innerText(), /không có quyền/i);
  }
  await shot(page, 'progress-other-ward-403');
  const r = await context.request.get(evidencePath);
  assert.equal(r.status(), 403);
  await context.close();
});
