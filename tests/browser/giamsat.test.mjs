// Browser tests: what a person does in the web interface, in Debian's
// chromium. One test per scenario; each starts from a fresh context (no
// session) and takes a screenshot of every page it checks.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { PATHS, ADMIN_PASSWORD, DEMO_PASSWORD, DEMO, newPage, login, shot, close } from './lib.mjs';

after(close);

async function asAdmin() {
  const { context, page } = await newPage();
  await login(page, 'admin', ADMIN_PASSWORD);
  return { context, page };
}

test('admin logs in and lands on a Vietnamese page with a logout button', async () => {
  const { context, page } = await newPage();
  await page.goto(PATHS.tree);
  // not logged in: sent to the login page
  assert.match(new URL(page.url()).pathname, new RegExp(`^${PATHS.login}`));
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  await shot(page, 'login');

  // wrong password: a clear Vietnamese error, still on the login page
  await login(page, 'admin', ADMIN_PASSWORD + 'x');
  assert.match(new URL(page.url()).pathname, new RegExp(`^${PATHS.login}`));
  assert.match(await page.locator('body').innerText(), /sai|không đúng/i);
  await shot(page, 'login-wrong-password');

  await login(page, 'admin', ADMIN_PASSWORD);
  assert.doesNotMatch(new URL(page.url()).pathname, new RegExp(`^${PATHS.login}`));
  const body = await page.locator('body').innerText();
  assert.match(body, /Đăng xuất/);
  assert.match(body, /admin/);
  await shot(page, 'after-login');
  await context.close();
});

test('organisation tree: the city committee is shown and a node expands', async () => {
  const { context, page } = await asAdmin();
  await page.goto(PATHS.tree);
  assert.match(await page.locator('h1').innerText(), /Cây tổ chức/);
  assert.match(await page.locator('.tree .root').innerText(), /Hà Nội/);
  const closed = page.locator('.tree details:not([open])');
  assert.ok(await closed.count() > 0, 'the tree has a collapsed node');
  // pin the node by its code: ':not([open])' stops matching once it opens
  const code = await closed.first().getAttribute('data-code');
  const node = page.locator(`.tree details[data-code="${code}"]`);
  const name = await node.locator('summary .name').innerText();
  await node.locator('summary').click();
  assert.equal(await node.getAttribute('open'), '');
  // the children come from GET /api/v1/units/CODE (app.js)
  const child = node.locator('ul.children > li:not(.open-unit):not(.muted)').first();
  await child.waitFor({ state: 'visible' });
  assert.ok((await child.innerText()).trim().length > 0);
  assert.ok(await node.locator('ul.children a', { hasText: `Xem trang đơn vị ${name}` }).count() === 1);
  await shot(page, 'tree-expanded');
  await context.close();
});

test('search "thuong tin" finds "Thường Tín"', async () => {
  const { context, page } = await asAdmin();
  await page.goto(PATHS.tree);
  const q = page.locator('input[name="q"]');
  await q.fill('thuong tin');
  await Promise.all([page.waitForNavigation(), q.press('Enter')]);
  const hit = page.locator('a', { hasText: 'Thường Tín' }).first();
  await hit.waitFor({ state: 'visible' });
  // NFC, with diacritics, exactly as stored
  assert.equal((await hit.innerText()).normalize('NFC'), await hit.innerText());
  await shot(page, 'search-thuong-tin');
  await context.close();
});

test("a unit's page shows its code, kind and place; a merged commune links to its successor", async () => {
  const { context, page } = await asAdmin();
  await page.goto(PATHS.tree + '?q=' + encodeURIComponent('thuong tin'));
  const ward = page.getByRole('link', { name: 'Đảng ủy xã Thường Tín', exact: true });
  await Promise.all([page.waitForNavigation(), ward.click()]);
  assert.equal(new URL(page.url()).pathname, PATHS.unit('10183'));
  assert.match(await page.locator('h1').innerText(), /^Đảng ủy xã Thường Tín/);
  const body = await page.locator('main, body').first().innerText();
  assert.match(body, /Mã đơn vị\s+10183/);
  assert.match(body, /Loại\s+Đảng ủy xã, phường/);
  assert.match(body, /Thành ủy Hà Nội/); // breadcrumb to the city committee
  await shot(page, 'unit');

  // a commune merged on 1/7/2025 stays readable and links to its successor
  await page.goBack();
  const old = page.getByRole('link', { name: 'Đảng ủy thị trấn Thường Tín', exact: true });
  await Promise.all([page.waitForNavigation(), old.click()]);
  const oldBody = await page.locator('body').innerText();
  assert.match(oldBody, /kết thúc hoạt động từ ngày 30\/06\/2025/);
  assert.match(oldBody, /Đơn vị kế thừa\s+Đảng ủy xã Thường Tín/);
  const succ = page.locator(`a[href="${PATHS.unit('10183')}"]`, { hasText: 'Đảng ủy xã Thường Tín' });
  assert.equal(await succ.count(), 1);
  await shot(page, 'unit-former-district');
  await context.close();
});

test("a ward's account gets 403 on another ward's page", async () => {
  const { context, page } = await newPage();
  await login(page, DEMO.wardLogin, DEMO_PASSWORD);
  assert.doesNotMatch(new URL(page.url()).pathname, new RegExp(`^${PATHS.login}`));
  // its own unit: allowed
  const own = await page.goto(PATHS.unit(DEMO.wardCode));
  assert.equal(own.status(), 200);
  // another ward: the Vietnamese 403 page
  const other = await page.goto(PATHS.unit(DEMO.otherWardCode));
  assert.equal(other.status(), 403);
  assert.match(await page.locator('body').innerText(), /không có quyền/i);
  await shot(page, 'forbidden-403');
  await context.close();
});

test('logout returns to the login page and the session is gone', async () => {
  const { context, page } = await asAdmin();
  await page.goto(PATHS.account);
  await shot(page, 'account');
  const btn = page.locator(`form[action="${PATHS.logout}"] button, form[action="${PATHS.logout}"] input[type="submit"]`).first();
  await Promise.all([page.waitForNavigation(), btn.click()]);
  assert.match(new URL(page.url()).pathname, new RegExp(`^${PATHS.login}`));
  await shot(page, 'logged-out');
  // the old session no longer opens the tree
  await page.goto(PATHS.tree);
  assert.match(new URL(page.url()).pathname, new RegExp(`^${PATHS.login}`));
  await context.close();
});

test('a form posted without its CSRF token is refused and changes nothing', async () => {
  const { context, page } = await asAdmin();
  // logout without the token: refused, and the session still works
  const r = await context.request.post(PATHS.logout, { form: {}, maxRedirects: 0 });
  assert.equal(r.status(), 403);
  assert.match(await r.text(), /CSRF|mã bảo vệ|phiên/i);
  const again = await page.goto(PATHS.tree);
  assert.equal(again.status(), 200);
  assert.doesNotMatch(new URL(page.url()).pathname, new RegExp(`^${PATHS.login}`));
  // with a wrong token: refused too
  const r2 = await context.request.post(PATHS.logout, { form: { csrf: 'x'.repeat(43) }, maxRedirects: 0 });
  assert.equal(r2.status(), 403);
  await page.setContent(await r.text());
  await shot(page, 'csrf-refused');
  await context.close();
});

test("a plan's page shows what share was copied and from where, side by side", async () => {
  const { context, page } = await newPage();
  await login(page, 'kiemtra', DEMO_PASSWORD); // the city's inspector: sees every unit
  await page.goto(PATHS.unit('10183'));
  const plan = page.getByRole('link', { name: '21-KH/ĐU', exact: true });
  await Promise.all([page.waitForNavigation(), plan.click()]);
  assert.match(new URL(page.url()).pathname, /^\/van-ban\/\d+$/);
  const body = await page.locator('main').innerText();
  assert.match(body, /Mức độ sao chép/);
  assert.match(body, /\d{1,3},\d %\s+nội dung được sao chép/);
  assert.match(body, /Kế hoạch của đơn vị khác cho cùng văn bản/); // Quang Minh's plan, a peer
  assert.match(body, /Đảng ủy xã Quang Minh/);
  assert.match(body, /Kiểm tra nhiệm vụ/);
  await shot(page, 'plan-copy-report');
  const cmp = page.getByRole('link', { name: 'So sánh song song' }).first();
  await Promise.all([page.waitForNavigation(), cmp.click()]);
  assert.match(new URL(page.url()).pathname, /^\/van-ban\/\d+\/so-sanh\/\d+$/);
  const left = page.locator('.compare article').nth(0).locator('mark.copied');
  const right = page.locator('.compare article').nth(1).locator('mark.copied');
  assert.ok((await left.count()) > 0);
  assert.equal(await left.count(), await right.count());
  await shot(page, 'plan-side-by-side');
  await context.close();

  // the commune's own clerk sees the share, but not the other commune's plan
  const clerk = await newPage();
  await login(clerk.page, 'thuongtin', DEMO_PASSWORD);
  const own = await clerk.page.goto(new URL(page.url()).pathname.replace(/\/so-sanh\/\d+$/, ''));
  assert.equal(own.status(), 200);
  const cb = await clerk.page.locator('main').innerText();
  assert.match(cb, /ngoài phạm vi tài khoản của bạn/);
  assert.doesNotMatch(cb, /15-KH\/ĐU/);
  assert.equal(await clerk.page.getByRole('link', { name: 'So sánh song song' }).count(), 0);
  await clerk.context.close();
});

test('a district committee split among several communes lists each successor', async () => {
  const { context, page } = await asAdmin();
  await page.goto(PATHS.unit('279-2025')); // Huyện ủy Thường Tín until 30/6/2025
  const succ = page.locator('ul.succ li a');
  assert.ok((await succ.count()) > 1);
  assert.match(await page.locator('ul.succ').innerText(), /Xã Thường Tín|Đảng ủy xã Thường Tín/);
  await context.close();
});
