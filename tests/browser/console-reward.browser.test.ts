// A reward (先转化后奖励) from launch to the reconciled ledger, through the pages only, in Debian's
// Chromium: the office launches it from the console's form (the README's Zhejiang licence fee),
// confirms each member's written split, reviews the calculation with each person's part, the
// publicity passes, the committee approves, the office pays each person through payroll, and the
// case page shows the distribution ledger reconciled to the fen; "rewards paid" shows the same
// sums by person and by case, and a period without payments shows none. Publicity lasts 15
// working days, so the stack runs on the time-skipping test server, which skips them on the
// test's word; everything else is the real stack.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv } from '../support/temporal-env';
import { startConsoleOn, type ConsoleOnTemporal } from '../support/console-on-temporal';
import { expectNoSeriousA11yViolations, loginAs, screenshot } from '../support/browser';
import { fill, press, text, untilStage } from '../support/console-pages';

let env: TestWorkflowEnvironment;
let c: ConsoleOnTemporal;

beforeAll(async () => {
  env = await timeSkippingEnv();
  c = await startConsoleOn({ address: env.address }, { tto: '王芳', committee: '赵磊', auditor: '周敏' });
}, 180_000);
afterAll(async () => {
  await c?.close();
  await env?.teardown();
});

test('a reward launched from the console: split confirmed, calculated, publicised, approved, paid, its ledger reconciled and in "rewards paid"', async () => {
  const url = (p: string) => `${c.stack.apiUrl}${p}`;
  const page = url('/cases/br-rw-1');
  const tto = await loginAs(c.console, 'tto');
  await tto.goto(url('/new'));
  expect(await text(tto)).toContain('新建转化奖励');
  await tto.goto(url('/new/reward?example=1'));
  await fill(tto, { caseId: 'br-rw-1' });
  // The preview is the reward evaluator's own decision on the form.
  await press(tto, 'form.launch button[formaction]');
  expect(await text(tto, '#preview')).toContain('团队奖励份额下限');
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
  const committee = await loginAs(c.console, 'committee');
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
  const auditor = await loginAs(c.console, 'auditor');
  await auditor.goto(url('/rewards/paid'));
  const byPerson = await text(auditor, '#paid-by-person');
  expect(byPerson).toContain('r-001');
  expect(byPerson).toContain('¥38,850.00');
  expect(byPerson).toContain('¥64,750.00');
  expect(await text(auditor, '#paid-by-case')).toContain('br-rw-1');
  const byYear = await text(auditor, '#paid-by-year');
  expect(byYear).toMatch(/20\d\d\s+r-002\s+1\s+¥25,900\.00/);
  const rows = await c.db.prisma.rewardLedgerEntry.findMany({ where: { caseId: 'br-rw-1', kind: 'payment' } });
  expect(rows.reduce((s, r) => s + Math.round(Number(r.amountCny) * 100), 0)).toBe(6_475_000);
  await expectNoSeriousA11yViolations(auditor);
  await screenshot(auditor, 'console-rewards-paid');
  // Each table downloads as the reports' do: the CSV of "by person" holds the same sums, in yuan
  // (fetch's text() drops the byte-order mark).
  const csv = await auditor.evaluate(
    async (href: string) => {
      const res = await fetch(href);
      return { status: res.status, body: await res.text() };
    },
    (await auditor.$eval('#t-paid-by-person a[href*="format=csv"]', (a) => a.getAttribute('href')))!,
  );
  expect(csv.status).toBe(200);
  expect(csv.body.split('\r\n')).toEqual(['人员,笔数,合计', 'r-001,1,38850.00', 'r-002,1,25900.00', '']);
  // A period before any payment: nothing; a malformed date is said so, not guessed.
  await auditor.goto(url('/rewards/paid?from=2020-01-01&to=2020-02-01'));
  expect(await text(auditor, '#paid-none')).toContain('没有发放记录');
  const bad = await auditor.goto(url('/rewards/paid?from=2020-13-45'));
  expect(bad?.status()).toBe(400);
});
