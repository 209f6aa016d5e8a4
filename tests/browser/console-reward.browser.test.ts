// A reward (先转化后奖励) from launch to the reconciled ledger, through the pages only, in Debian's
// Chromium: the office launches it from the console's form (the README's Zhejiang licence fee),
// confirms each member's written split, reviews the calculation with each person's part, the
// publicity passes, the committee approves, the office pays each person through payroll, and the
// case page shows the distribution ledger reconciled to the fen; "rewards paid" shows the same
// sums by person and by case, and a period without payments shows none. Publicity lasts 15
// working days, so the stack runs on the time-skipping test server, which skips them on the
// test's word; everything else is the real stack.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser } from 'puppeteer-core';
import { startStack, type Stack } from '../../client/stack';
import { FolderEvidenceStore } from '../../client/evidence-store';
import { People } from '../../client/people/people';
import type { Role } from '../../client/api/auth';
import { timeSkippingEnv } from '../support/temporal-env';
import { openTestDatabase, type TestDatabase } from '../support/test-db';
import { testKeys } from '../support/stack';
import {
  BROWSER_PASSWORD,
  expectNoSeriousA11yViolations,
  launchChromium,
  loginAs,
  loginOf,
  screenshot,
  type ConsoleStack,
} from '../support/browser';
import { fill, press, text, untilStage } from '../support/console-pages';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let stack: Stack;
let browser: Browser;
let evidenceDir: string;
let consoleStack: ConsoleStack;

beforeAll(async () => {
  [env, db] = await Promise.all([timeSkippingEnv(), openTestDatabase('pglite')]);
  evidenceDir = mkdtempSync(path.join(os.tmpdir(), 'tf-evidence-rw-'));
  stack = await startStack({
    temporal: { address: env.address, namespace: 'default' },
    database: db,
    keys: testKeys(),
    port: 0,
    evidence: new FolderEvidenceStore(evidenceDir),
  });
  const people = new People(db.prisma);
  const names: Partial<Record<Role, string>> = { tto: '王芳', committee: '赵磊', auditor: '周敏' };
  for (const [role, name] of Object.entries(names))
    await people.create({
      login: loginOf(role as Role),
      name,
      password: BROWSER_PASSWORD,
      roles: [{ role: role as Role }],
    });
  browser = await launchChromium();
  consoleStack = { browser, url: stack.apiUrl, e2e: undefined as never, close: async () => undefined };
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await env?.teardown();
  await db?.destroy();
  if (evidenceDir) rmSync(evidenceDir, { recursive: true, force: true });
});

test('a reward launched from the console: split confirmed, calculated, publicised, approved, paid, its ledger reconciled and in "rewards paid"', async () => {
  const url = (p: string) => `${stack.apiUrl}${p}`;
  const page = url('/cases/br-rw-1');
  const tto = await loginAs(consoleStack, 'tto');
  await tto.goto(url('/new'));
  expect(await text(tto)).toContain('新建转化奖励');
  await tto.goto(url('/new/reward?example=1'));
  await fill(tto, { caseId: 'br-rw-1' });
  // The preview is the reward evaluator's own decision on the form.
  await press(tto, 'form.launch button[formaction]');
  expect(await text(tto, '#preview')).toContain('团队奖励比例下限');
  await expectNoSeriousA11yViolations(tto);
  await screenshot(tto, 'console-launch-reward');
  await press(tto, 'form.launch button[type="submit"]:not([formaction])');

  await untilStage(tto, page, '确认分配方案');
  expect(await text(tto, '#reward-split')).toContain('未确认');
  for (const id of ['r-001', 'r-002']) {
    await fill(tto, { personId: id, reference: `ZJU-SPLIT-${id}` });
    await press(tto, 'button[name="action"][value="confirm-split"]');
  }
  await untilStage(tto, page, '转化办审核');
  // ¥100,000.00 − 6,000.00 − 1,500.00 = 92,500.00 net; 70 % (the Zhejiang floor) = 64,750.00; 60/40.
  const people = await text(tto, '#reward-people');
  for (const part of ['¥38,850.00', '¥19,425.00', '¥25,900.00', '¥12,950.00']) expect(people).toContain(part);
  expect(await text(tto, '#h-reward ~ dl.balances')).toContain('¥64,750.00');
  await fill(tto, { reason: '计算无误' });
  await press(tto, 'button[name="action"][value="approve"]');
  await untilStage(tto, page, '公示');
  expect(await text(tto)).toContain('15 个工作日');

  await env.sleep('25 days');
  const committee = await loginAs(consoleStack, 'committee');
  await untilStage(committee, page, '单位决策', 30_000);
  await fill(committee, { reason: '校转化委员会审议通过' });
  await press(committee, 'button[name="action"][value="approve"]');

  await untilStage(tto, page, '发放');
  for (const id of ['r-001', 'r-002']) {
    await fill(tto, { personId: id, reference: `PAYROLL-2026-${id}` });
    await press(tto, 'button[name="action"][value="pay"]');
  }
  await untilStage(tto, page, '已分配', 30_000);
  const ledger = await text(tto, '#reward-ledger');
  for (const row of ['¥100,000.00', '¥38,850.00', '¥25,900.00', 'PAYROLL-2026-r-001']) expect(ledger).toContain(row);
  expect(await text(tto, '#reconciled')).toContain('台账核对一致');
  expect(await text(tto, '#reward-payments')).toContain('计入绩效工资，不受总量限制');
  await expectNoSeriousA11yViolations(tto);
  await screenshot(tto, 'console-reward');

  // The auditor reads "rewards paid": per person and per case, the ledger's own sums.
  const auditor = await loginAs(consoleStack, 'auditor');
  await auditor.goto(url('/rewards/paid'));
  const byPerson = await text(auditor, '#paid-by-person');
  expect(byPerson).toContain('r-001');
  expect(byPerson).toContain('¥38,850.00');
  expect(byPerson).toContain('¥64,750.00');
  expect(await text(auditor, '#paid-by-case')).toContain('br-rw-1');
  const byYear = await text(auditor, '#paid-by-year');
  expect(byYear).toMatch(/20\d\d\s+r-002\s+1\s+¥25,900\.00/);
  const rows = await db.prisma.rewardLedgerEntry.findMany({ where: { caseId: 'br-rw-1', kind: 'payment' } });
  expect(rows.reduce((s, r) => s + Math.round(Number(r.amountCny) * 100), 0)).toBe(6_475_000);
  await expectNoSeriousA11yViolations(auditor);
  await screenshot(auditor, 'console-rewards-paid');
  // A period before any payment: nothing; a malformed date is said so, not guessed.
  await auditor.goto(url('/rewards/paid?from=2020-01-01&to=2020-02-01'));
  expect(await text(auditor, '#paid-none')).toContain('没有发放记录');
  const bad = await auditor.goto(url('/rewards/paid?from=2020-13-45'));
  expect(bad?.status()).toBe(400);
});
