// Browser test of the programmes cascade (issue 3): the city registers a
// programme and an indicator, a ward's clerk creates the ward's plan, adopts
// the indicator, adds a task without its lead and sees the check name it,
// fixes it and submits; the city's leader accepts. Each step through the
// forms a person uses, with a screenshot of every page checked.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, DEMO_PASSWORD, DEMO, newPage, login, shot, close } from './lib.mjs';

after(close);

// dd/mm/yyyy of today + days (the server's dates are Hanoi's)
function vnDate(days = 0) {
  const d = new Date(Date.now() + 7 * 3600 * 1000 + days * 86400 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

const year = Number(vnDate().slice(6));
const NUMBER_TYPED = 'Số: 90-ctr/tu'; // a variant: the page says which canonical form it chose
const NUMBER = '90-CTr/TU';
// Dated in the 2015-2020 term so that it sorts after the demo's programmes in
// every "newest first" list the other browser tests read from the same database.
const DOC_DATE = '02/01/2020';
const TITLE = 'Chương trình thí điểm chuyển đổi số trong công tác đảng (kiểm thử trình duyệt)';

async function submit(page, form, button) {
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.locator(form).getByRole('button', { name: button }).click(),
  ]);
  return resp;
}

test('the city registers a programme, a ward plans it, the leader accepts it', async () => {
  // 1. the city's office: next number, registration with a variant number, an indicator
  const admin = await newPage();
  await login(admin.page, 'admin', ADMIN_PASSWORD);
  await admin.page.goto('/chuong-trinh');
  assert.match(await admin.page.locator('h1').innerText(), /Chương trình, văn bản chỉ đạo/);
  await admin.page.locator('#nn-kind').selectOption('CTr');
  await admin.page.locator('#nn-date').fill(vnDate());
  await submit(admin.page, 'form.search', 'Xem số tiếp theo');
  assert.match(await admin.page.locator('strong.next').innerText(), /^\d{2,}-CTr\/TU$/);
  await admin.page.locator('#d-number').fill(NUMBER_TYPED);
  await admin.page.locator('#d-date').fill(DOC_DATE);
  await admin.page.locator('#d-title').fill(TITLE);
  await admin.page.locator('#d-from').fill('01/01/2020');
  await admin.page.locator('#d-to').fill(`31/12/${year + 2}`);
  // an impossible date first: the form comes back with the message and what was typed
  await admin.page.locator('#d-date').fill('31/02/2025');
  let resp = await submit(admin.page, 'form[action="/chuong-trinh"]', 'Đăng ký văn bản');
  assert.equal(resp.status(), 422);
  assert.match(await admin.page.locator('.register .alert').innerText(), /31\/02\/2025.*không có thật/);
  assert.equal(await admin.page.locator('#d-title').inputValue(), TITLE);
  await shot(admin.page, 'cascade-register-error');
  await admin.page.locator('#d-date').fill(DOC_DATE);
  resp = await submit(admin.page, 'form[action="/chuong-trinh"]', 'Đăng ký văn bản');
  assert.equal(resp.status(), 200);
  const ok = await admin.page.locator('.ok').innerText();
  assert.match(ok, new RegExp(`Đã đăng ký văn bản số ${NUMBER.replace('/', '\\/')}`));
  assert.match(ok, /Đã chuẩn hoá «Số: 90-ctr\/tu» thành «90-CTr\/TU»/);
  const directivePath = new URL(admin.page.url()).pathname;
  await admin.page.locator('#i-code').fill('BT01');
  await admin.page.locator('#i-name').fill('Tỷ lệ chi bộ sinh hoạt trên nền tảng số');
  await admin.page.locator('#i-measure').fill('%');
  await admin.page.locator('#i-target').fill('90');
  await admin.page.locator('#i-agg').selectOption('mean');
  resp = await submit(admin.page, '.add-indicator form', 'Thêm chỉ tiêu');
  assert.equal(resp.status(), 200);
  assert.match(await admin.page.locator('table.indicators').innerText(), /BT01/);
  await shot(admin.page, 'cascade-directive');
  await admin.context.close();

  // 2. the ward's clerk: finds it, creates the plan, adopts the indicator
  const clerk = await newPage();
  await login(clerk.page, DEMO.wardLogin, DEMO_PASSWORD);
  await clerk.page.goto('/chuong-trinh');
  await Promise.all([clerk.page.waitForNavigation(), clerk.page.getByRole('link', { name: NUMBER }).click()]);
  assert.equal(new URL(clerk.page.url()).pathname, directivePath);
  resp = await submit(clerk.page, '#lap-ke-hoach form', 'Lập kế hoạch');
  assert.equal(resp.status(), 200);
  assert.match(await clerk.page.locator('.ok').innerText(), /Đã lập kế hoạch/);
  const planPath = new URL(clerk.page.url()).pathname;
  await clerk.page.getByRole('checkbox', { name: 'Nhận BT01' }).check();
  await clerk.page.getByRole('textbox', { name: 'Mục tiêu BT01' }).fill('95');
  await submit(clerk.page, '#nhan-chi-tieu form', 'Lưu chỉ tiêu nhận');
  assert.match(await clerk.page.locator('.ok').innerText(), /Đã lưu các chỉ tiêu/);

  // 3. two leads are refused with the reason, the values kept
  const fill = async (lead) => {
    await clerk.page.locator('#t-content').fill('Tổ chức sinh hoạt chi bộ trên ứng dụng Sổ tay đảng viên');
    await clerk.page.locator('#t-lead').fill(lead);
    await clerk.page.locator('#t-process').fill('Hướng dẫn, tập huấn, sinh hoạt thử tại 3 chi bộ rồi nhân rộng');
    await clerk.page.locator('#t-resp').fill('Bí thư chi bộ chịu trách nhiệm trước Đảng ủy');
    await clerk.page.locator('#t-result').fill('100% chi bộ sinh hoạt trên nền tảng số');
    await clerk.page.locator('#t-deadline').fill(vnDate(60));
  };
  await fill('Văn phòng Đảng ủy và Ban Xây dựng Đảng');
  resp = await submit(clerk.page, '#them-nhiem-vu form', 'Thêm nhiệm vụ');
  assert.equal(resp.status(), 422);
  assert.match(await clerk.page.locator('#them-nhiem-vu .alert').innerText(), /nhiều đầu mối chủ trì/);
  assert.equal(await clerk.page.locator('#t-lead').inputValue(), 'Văn phòng Đảng ủy và Ban Xây dựng Đảng');
  await shot(clerk.page, 'cascade-two-leads');

  // 4. the task without its lead: stored, and the check names what is missing
  await fill('');
  resp = await submit(clerk.page, '#them-nhiem-vu form', 'Thêm nhiệm vụ');
  assert.equal(resp.status(), 200);
  const row = clerk.page.locator('table.tasks tbody tr').first();
  assert.match(await row.locator('td.check').innerText(), /Rõ người/);
  await shot(clerk.page, 'cascade-task-missing-lead');

  // 5. fix it through the edit form: nothing missing any more
  await Promise.all([clerk.page.waitForNavigation(), row.getByRole('link', { name: 'Sửa' }).click()]);
  assert.match(await clerk.page.locator('.notice').innerText(), /Rõ người/);
  await clerk.page.locator('#t-lead').fill('Văn phòng Đảng ủy');
  resp = await submit(clerk.page, 'main form.form', 'Lưu nhiệm vụ');
  assert.equal(resp.status(), 200);
  assert.equal(new URL(clerk.page.url()).pathname, planPath);
  assert.match(await clerk.page.locator('table.tasks tbody tr').first().locator('td.check').innerText(), /Đủ/);

  // 6. submit to the superior
  await submit(clerk.page, `form[action="${planPath}/gui"]`, 'Gửi cấp trên');
  assert.match(await clerk.page.locator('.plan-state').innerText(), /Đã gửi/);
  assert.equal(await clerk.page.locator('#them-nhiem-vu').count(), 0); // no editing once sent
  await shot(clerk.page, 'cascade-submitted');
  await clerk.context.close();

  // 7. the city's leader accepts (the check passes: no override needed)
  const leader = await newPage();
  await login(leader.page, 'lanhdao', DEMO_PASSWORD);
  resp = await leader.page.goto(planPath);
  assert.equal(resp.status(), 200);
  assert.equal(await leader.page.locator('p.notice').count(), 0);
  await submit(leader.page, `form[action="${planPath}/chap-thuan"]`, 'Chấp thuận');
  assert.match(await leader.page.locator('.plan-state').innerText(), /Đã chấp thuận/);
  assert.match(await leader.page.locator('.ok').innerText(), /Đã chấp thuận kế hoạch/);
  await shot(leader.page, 'cascade-accepted');
  await leader.context.close();

  // 8. another ward cannot open it
  const other = await newPage();
  await login(other.page, 'thuongtin', DEMO_PASSWORD);
  resp = await other.page.goto(planPath);
  assert.equal(resp.status(), 403);
  await other.context.close();
});
