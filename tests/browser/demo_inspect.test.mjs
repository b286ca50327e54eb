// The new user's scenario of issue 5 on the demo database, read-only:
// the city inspector finds inspection team no. 2 at Thường Tín (5/5/2022)
// in the 2022 programme with its issued conclusion (the administrative-
// reform index at the bottom of the city's table, its remedy and deadline);
// viewed as of a date past that deadline the finding is on the
// accountability list with its days overdue, and not the day before; the
// conclusion notice downloads as a party-format .docx; the 2022 risk list,
// sorted by the ranking signal, puts Thường Tín first with the seed's words
// as the evidence.
//
// The data is the demo's (src/model/demo_inspect.c, data/demo/README.md);
// nothing is written, so the other browser files may run on the same
// database before or after this one.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { DEMO_PASSWORD, newPage, login, shot, close } from './lib.mjs';

after(close);

const INSPECTOR = 'kiemtra'; // demo inspector of the city: a member of team no. 2
const TEAM = 'Đoàn kiểm tra số 2 của Ban Thường vụ Thành ủy tại Huyện ủy Thường Tín';
const PAR = 'Chỉ số cải cách hành chính của huyện đứng cuối bảng xếp hạng của Thành phố.';

let inspectionPath; // /kiem-tra/ID of team no. 2
let parFinding;     // /kiem-tra/phat-hien/ID of the administrative-reform finding

async function asInspector() {
  const { context, page } = await newPage();
  await login(page, INSPECTOR, DEMO_PASSWORD);
  return { context, page };
}

test('team no. 2 at Thường Tín is in the 2022 programme with its issued conclusion', async () => {
  const { context, page } = await asInspector();
  const resp = await page.goto('/kiem-tra?nam=2022');
  assert.equal(resp.status(), 200);
  const row = page.locator('table.programme tbody tr', { hasText: TEAM });
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /Huyện ủy Thường Tín/);
  assert.match(await row.innerText(), /05\/05\/2022/);
  await shot(page, 'demo-inspect-programme');

  await Promise.all([page.waitForNavigation(), row.getByRole('link', { name: TEAM }).click()]);
  inspectionPath = new URL(page.url()).pathname;
  assert.match(inspectionPath, /^\/kiem-tra\/\d+$/);
  // the team: the Deputy Secretary leads, the demo inspector is a member
  const team = page.locator('table.team');
  assert.match(await team.locator('tr', { hasText: 'Nguyễn Ngọc Tuấn' }).innerText(), /Trưởng đoàn/);
  assert.match(await team.locator('tr', { hasText: 'Ủy ban Kiểm tra Thành ủy' }).innerText(), /Thành viên/);
  // the issued conclusion and its administrative-reform finding: cause, addressee, remedy, deadline
  await page.locator('.conc-state', { hasText: 'Đã ban hành' }).waitFor();
  const f = page.locator('table.findings tbody tr', { hasText: PAR });
  assert.equal(await f.count(), 1);
  const cells = await f.locator('td').allInnerTexts();
  assert.equal(cells[0].trim(), '1');
  assert.match(cells[2], /chủ quan/i);
  assert.match(cells[2], /Ban Thường vụ Huyện ủy/);
  assert.match(cells[3], /Huyện ủy Thường Tín/);
  assert.match(cells[4], /nâng bậc xếp hạng/);
  assert.equal(cells[5].trim(), '31/12/2022');
  parFinding = await f.locator('a[href^="/kiem-tra/phat-hien/"]').getAttribute('href');
  assert.match(parFinding, /^\/kiem-tra\/phat-hien\/\d+$/);
  // what went well and what did not, as the team leader said it
  assert.ok(await page.getByText('đạt kết quả tích cực', { exact: false }).count() >= 1);
  await shot(page, 'demo-inspect-conclusion');
  await context.close();
});

test('past its deadline the finding is on the accountability list with its days overdue', async () => {
  assert.ok(parFinding, 'the first test found the finding');
  const { context, page } = await asInspector();
  // on the deadline itself: open within deadline, not on the list
  await page.goto('/kiem-tra/trach-nhiem?ngay=31/12/2022');
  assert.equal(await page.locator(`a[href="${parFinding}"]`).count(), 0);
  // two days later: overdue by 2 days, under Huyện ủy Thường Tín
  const resp = await page.goto('/kiem-tra/trach-nhiem?ngay=02/01/2023');
  assert.equal(resp.status(), 200);
  const row = page.locator(`tr:has(a[href="${parFinding}"])`);
  assert.equal(await row.count(), 1);
  assert.equal((await row.locator('td.num').last().innerText()).trim(), '2');
  const group = page.locator(`section.accountable:has(a[href="${parFinding}"]) h2`);
  assert.match(await group.innerText(), /Huyện ủy Thường Tín/);
  await shot(page, 'demo-inspect-accountability');
  // the finding's own page as of that date says overdue
  await page.goto(`${parFinding}?ngay=02/01/2023`);
  assert.ok(await page.getByText('Quá hạn', { exact: false }).count() >= 1);
  assert.ok(await page.getByText(PAR, { exact: false }).count() >= 1);
  await context.close();
});

test('the conclusion notice downloads as a party-format .docx', async () => {
  assert.ok(inspectionPath, 'the first test found the inspection');
  const { context, page } = await asInspector();
  await page.goto(inspectionPath);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải thông báo kết luận (.docx)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^thong-bao-ket-luan-\d+-v1\.docx$/);
  const file = await download.path();
  assert.equal(fs.readFileSync(file).subarray(0, 2).toString('latin1'), 'PK');
  // its text: the party header, the notice, the team, the finding with its deadline
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
  const text = xml.replace(/<[^>]+>/g, '');
  for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'THÔNG BÁO', TEAM, 'Huyện ủy Thường Tín',
    'đứng cuối bảng xếp hạng của Thành phố', '31/12/2022']) {
    assert.ok(text.includes(s), `the notice says «${s}»`);
  }
  await context.close();
});

test('the 2022 risk list shows Thường Tín at the bottom of the ranking, with its source', async () => {
  const { context, page } = await asInspector();
  const resp = await page.goto('/kiem-tra/rui-ro?nam=2022&sap-xep=ranking');
  assert.equal(resp.status(), 200);
  const first = page.locator('table.risk tbody tr').first();
  assert.match(await first.innerText(), /Huyện ủy Thường Tín/);
  const ev = await first.locator('.evidence').allInnerTexts();
  const rank = ev.find((t) => t.includes('hạng 30/30'));
  assert.ok(rank, `evidence of the ranking: ${ev.join(' | ')}`);
  assert.match(rank, /cuối bảng/);
  assert.match(rank, /seeds\/000_f02fccab7e88711f\.txt/);
  await shot(page, 'demo-inspect-risk');
  await context.close();
});
