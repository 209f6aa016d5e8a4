// The browser tests' harness: Debian's Chromium (scripts/install-chromium.sh) driven headless by
// puppeteer-core of the same major version — nothing downloaded — against the whole stack on
// real parts (Temporal dev server from globalSetup's tools, PGlite, worker, API and console).
// One person per role, signed in through the login page; axe-core checked in the page;
// screenshots saved to docs/screenshots/ for the README.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { ROLES, type Role } from '../../client/api/auth';
import { People, type RoleGrantInput } from '../../client/people/people';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { LICENSEE_ORG, startE2E, type E2E } from './stack';

export const CHROMIUM = process.env.TF_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(__dirname, '..', '..', 'docs', 'screenshots');
/** Every browser person's password (test only). */
export const BROWSER_PASSWORD = 'browser-test-password';

/** The scopes of the test people: the same bank and licensee as the test API keys. */
const SCOPES: Partial<Record<Role, Omit<RoleGrantInput, 'role'>>> = {
  bank: { bankIds: [EXAMPLE_LOAN_REQUEST.bank.id] },
  licensee: { licenseeId: LICENSEE_ORG },
  department: { department: '材料科学与工程学院' },
};

/** The login of the person who acts in `role`. */
export const loginOf = (role: Role) => `${role}-1`;

/** Display names of the test people, as a university office would have them. */
const NAMES: Record<Role, string> = {
  tto: '王芳',
  bank: '陈静',
  auditor: '刘洋',
  admin: '张伟',
  department: '李娜',
  committee: '赵磊',
  licensee: '孙强',
  reviewer: '周敏',
};

export interface ConsoleStack {
  e2e: E2E;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * puppeteer-core is an ES module only; jest runs these files as CommonJS, where TypeScript would
 * turn import() into require(). A Function's import() stays a real dynamic import, which jest
 * serves under --experimental-vm-modules (set by npm test).
 */
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: run scripts/install-chromium.sh (npm test does)`);
  type Puppeteer = typeof import('puppeteer-core').default;
  const puppeteer = ((await importEsm('puppeteer-core')) as { default: Puppeteer }).default;
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root in a container Chromium's sandbox cannot start; the pages are our own.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN', '--font-render-hinting=none'],
    defaultViewport: { width: 1280, height: 860 },
  });
}

/** The stack with one person per role, and a browser; stop both with close(). */
export async function startConsoleStack(): Promise<ConsoleStack> {
  const e2e = await startE2E('pglite');
  const people = new People(e2e.db.prisma);
  for (const role of ROLES)
    await people.create({
      login: loginOf(role),
      name: NAMES[role],
      password: BROWSER_PASSWORD,
      roles: [{ role, ...SCOPES[role] }],
    });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await e2e.close();
    throw error;
  }
  return {
    e2e,
    url: e2e.stack.apiUrl,
    browser,
    close: async () => {
      await browser.close();
      await e2e.close();
    },
  };
}

/** Opens the login page in a fresh browser context (its own cookies) and signs in as the person of `role`. */
export async function loginAs(stack: ConsoleStack, role: Role): Promise<Page> {
  const context = await stack.browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${stack.url}/login`);
  await page.type('#login', loginOf(role));
  await page.type('#password', BROWSER_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form.stack button[type="submit"]')]);
  if (new URL(page.url()).pathname === '/login') throw new Error(`could not sign in as ${loginOf(role)}`);
  return page;
}

/** Submits the form around `selector` by clicking it, waiting for the next page. */
export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/** Runs axe-core in the page: no serious or critical violation (the rest are printed). */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  // Evaluated through DevTools, which the console's CSP (its own scripts only) does not govern.
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }).axe;
    return axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
  })) as AxeResult;
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect({ url: page.url(), serious }).toEqual({ url: page.url(), serious: [] });
}

/** Saves the page as docs/screenshots/<name>.png (the README shows them). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file as `${string}.png`, fullPage: true });
  return file;
}
