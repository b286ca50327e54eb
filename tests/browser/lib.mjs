// Shared helpers of the browser tests: one Debian chromium per test file,
// driven by playwright-core; a fresh context (no cookies) per test.
//
// scripts/test-all starts `giamsat serve` on a fresh demo database and sets:
//   GIAMSAT_URL             http://127.0.0.1:PORT
//   GIAMSAT_ADMIN_PASSWORD  password of "admin"
//   GIAMSAT_DEMO_PASSWORD   password of the demo accounts
//   GIAMSAT_SCREENSHOTS     directory for one screenshot per page visited
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BASE = process.env.GIAMSAT_URL ?? 'http://127.0.0.1:8080';
export const ADMIN_PASSWORD = process.env.GIAMSAT_ADMIN_PASSWORD ?? '';
export const DEMO_PASSWORD = process.env.GIAMSAT_DEMO_PASSWORD ?? '';
export const SHOTS = process.env.GIAMSAT_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'giamsat-shots-'));

// Page paths of the web interface (src/web routes).
export const PATHS = {
  login: '/dang-nhap',
  logout: '/dang-xuat',
  tree: '/to-chuc',
  unit: (code) => `/don-vi/${encodeURIComponent(code)}`,
  account: '/tai-khoan',
};

// Demo accounts (src/model/demo.c, docs/store.md): a ward's staff and
// another ward it must not see.
export const DEMO = {
  wardLogin: 'hoankiem', // staff of Đảng ủy phường Hoàn Kiếm
  wardCode: '00070',
  otherWardCode: '10183', // Đảng ủy xã Thường Tín
};

let browser;

// Launch Debian's chromium once per file. Never a downloaded browser.
// playwright gives it a fresh --user-data-dir under TMPDIR (it refuses the
// flag in args) and removes it on close.
export async function launch() {
  if (browser) return browser;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return browser;
}

export async function close() {
  if (browser) await browser.close();
  browser = undefined;
}

// A fresh context (own cookies) and page, Vietnamese locale.
export async function newPage() {
  const b = await launch();
  const context = await b.newContext({ baseURL: BASE, locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  return { context, page };
}

let shotSeq = 0;
export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${String(++shotSeq).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Log in through the login form; returns the response of the form post.
export async function login(page, user, password) {
  await page.goto(PATHS.login);
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill(password);
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.locator('form button[type="submit"], form input[type="submit"]').first().click(),
  ]);
  return resp;
}

// JSON API helper on a context (bearer token).
export async function apiToken(context, user, password) {
  const r = await context.request.post('/api/v1/session', { data: { login: user, password } });
  if (!r.ok()) throw new Error(`POST /api/v1/session: ${r.status()}`);
  const j = await r.json();
  return j.token;
}
