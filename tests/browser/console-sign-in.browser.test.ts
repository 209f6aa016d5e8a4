// Signing in and administration, through the pages only, in Debian's Chromium: the login page,
// a sign-in per role, the language switch, the admin adding a person and making an API key (the
// key working on /v1, then revoked → 401), and a wrong role refused. axe-core on every page;
// screenshots for the README.
import type { Page } from 'puppeteer-core';
import { ROLES } from '../../client/api/auth';
import {
  clickAndWait,
  expectNoSeriousA11yViolations,
  loginAs,
  loginOf,
  screenshot,
  startConsoleStack,
  type ConsoleStack,
} from '../support/browser';

let stack: ConsoleStack;
beforeAll(async () => {
  stack = await startConsoleStack();
}, 180_000);
afterAll(async () => stack?.close());

const text = (page: Page, selector = 'main') =>
  page.$eval(selector, (e) => (e as unknown as { innerText: string }).innerText);

test('the login page, in Chinese by default, accessible', async () => {
  const page = await (await stack.browser.createBrowserContext()).newPage();
  await page.goto(`${stack.url}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  expect(await page.$eval('html', (e) => e.lang)).toBe('zh-CN');
  expect(await text(page, 'h1')).toBe('登录');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-login');
  // A wrong password: the form again, with the reason, focus on it.
  await page.type('#login', loginOf('tto'));
  await page.type('#password', 'wrong password!');
  await clickAndWait(page, 'form.stack button[type="submit"]');
  expect(await text(page, '#login-error')).toContain('用户名或密码不正确');
  await page.close();
});

const ROLE_NAMES: Record<string, string> = {
  tto: '技术转移办公室',
  bank: '银行',
  auditor: '审计人员',
  admin: '系统管理员',
  department: '院系',
  committee: '决策委员会',
  licensee: '被许可方',
  reviewer: '尽职免责审查人',
};

test.each(ROLES.map((r) => [r]))('a person acting as %s signs in and lands on what waits for them', async (role) => {
  const page = await loginAs(stack, role);
  // The inbox for every role that acts on cases; a bank's loan checks; the auditor's home page.
  const landing = role === 'bank' ? '/loan-checks' : role === 'auditor' ? '/' : '/inbox';
  expect(new URL(page.url()).pathname).toBe(landing);
  expect(await text(page, 'header')).toContain(ROLE_NAMES[role]);
  if (landing === '/inbox') expect(await text(page, 'h1')).toBe('待办事项');
  if (role === 'tto') {
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'console-landing-inbox');
    // Home still says who they are and the roles they hold.
    await page.goto(`${stack.url}/`);
    expect(await text(page)).toContain(ROLE_NAMES[role]);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'console-home');
  }
  await page.browserContext().close();
});

test('the language switch turns every label to English and is remembered for the person', async () => {
  const page = await loginAs(stack, 'department');
  await page.goto(`${stack.url}/`);
  await clickAndWait(page, 'form[action="/language"] button');
  expect(await page.$eval('html', (e) => e.lang)).toBe('en');
  expect(await text(page, 'h1')).toBe('Home');
  expect(await text(page, 'header')).toContain('Sign out');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-home-en');
  // Signed out and in again (a new browser): still English.
  await clickAndWait(page, 'form[action="/logout"] button');
  await page.browserContext().close();
  const again = await loginAs(stack, 'department');
  expect(await text(again, 'h1')).toBe('Inbox');
  await clickAndWait(again, 'form[action="/language"] button');
  expect(await text(again, 'h1')).toBe('待办事项');
  await again.browserContext().close();
});

test('a wrong role is refused with the reason, and the page stays usable', async () => {
  const page = await loginAs(stack, 'tto');
  const response = await page.goto(`${stack.url}/admin/people`);
  expect(response!.status()).toBe(403);
  expect(await text(page)).toContain('当前角色“技术转移办公室”不能使用此页面');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-forbidden');
  await page.browserContext().close();
});

test('the admin adds a person, who then signs in with the password shown once', async () => {
  const page = await loginAs(stack, 'admin');
  await clickAndWait(page, 'nav a[href="/admin/people"]');
  await expectNoSeriousA11yViolations(page);
  await page.type('#new-login', 'chen.li');
  await page.type('#new-name', '陈立');
  await page.type('#new-email', 'chen.li@example.edu.cn');
  await page.click('form[action="/admin/people"] input[name="roles"][value="committee"]');
  await clickAndWait(page, 'form[action="/admin/people"] button[type="submit"]');
  const password = await text(page, '#shown-secret');
  expect(password).toMatch(/^[\w-]{20}$/);
  expect(await text(page, 'tbody')).toContain('chen.li');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-admin-people');

  const newcomer = await (await stack.browser.createBrowserContext()).newPage();
  await newcomer.goto(`${stack.url}/login`);
  await newcomer.type('#login', 'chen.li');
  await newcomer.type('#password', password);
  await clickAndWait(newcomer, 'form.stack button[type="submit"]');
  // A committee member lands on their inbox, signed in under their own name.
  expect(new URL(newcomer.url()).pathname).toBe('/inbox');
  expect(await text(newcomer, 'header')).toContain('陈立');
  expect(await text(newcomer, 'header')).toContain('决策委员会');
  await newcomer.browserContext().close();
  await page.browserContext().close();
});

test('the admin makes an API key: shown once, it works on /v1, and once revoked it is refused 401', async () => {
  const page = await loginAs(stack, 'admin');
  await clickAndWait(page, 'nav a[href="/admin/api-keys"]');
  await page.type('#key-name', 'erp-bank-link');
  await page.select('#key-role', 'bank');
  await page.type('#key-bankIds', 'icbc-chongqing');
  await clickAndWait(page, 'form[action="/admin/api-keys"] button[type="submit"]');
  const key = await text(page, '#shown-secret');
  expect(key).toMatch(/^tf_bank_/);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-admin-api-keys');
  const policies = () => fetch(`${stack.url}/v1/loan-checks?limit=1`, { headers: { authorization: `Bearer ${key}` } });
  expect((await policies()).status).toBe(200);
  await clickAndWait(page, 'form[action="/admin/api-keys/erp-bank-link/revoke"] button');
  expect(await text(page, '[role="status"]')).toContain('已吊销密钥 erp-bank-link');
  expect((await policies()).status).toBe(401);
  await page.browserContext().close();
});
