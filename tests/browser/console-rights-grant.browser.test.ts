// A rights grant from launch to the separate ledger, through the pages only, in Debian's Chromium:
// the office launches it, the department and the office approve, the department objects during
// publicity (back to the office), the office approves again, the publicity ends, the committee
// decides, the office signs, and the grant's ledger entry shows. Publicity lasts 15 working days,
// so this stack runs on the time-skipping test server (as tests/e2e/rights-grant does), which
// skips them on the test's word; everything else is the real stack.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv } from '../support/temporal-env';
import { startConsoleOn, type ConsoleOnTemporal } from '../support/console-on-temporal';
import { expectNoSeriousA11yViolations, loginAs, screenshot } from '../support/browser';
import { fill, press, text, until, untilStage } from '../support/console-pages';

let env: TestWorkflowEnvironment;
let c: ConsoleOnTemporal;

beforeAll(async () => {
  env = await timeSkippingEnv();
  c = await startConsoleOn({ address: env.address }, { tto: '王芳', department: '李娜', committee: '赵磊' });
}, 180_000);
afterAll(async () => {
  await c?.close();
  await env?.teardown();
});

test('a rights grant from launch through department, office, an objection, the committee and signing to the ledger', async () => {
  const url = (p: string) => `${c.stack.apiUrl}${p}`;
  const page = url('/cases/br-rg-2');
  const tto = await loginAs(c.console, 'tto');
  await tto.goto(url('/new/rights-grant?example=1'));
  await fill(tto, { caseId: 'br-rg-2', department: '材料科学与工程学院' });
  await expectNoSeriousA11yViolations(tto);
  await screenshot(tto, 'console-launch-rights-grant');
  await press(tto, 'form.launch button[type="submit"]:not([formaction])');

  const dept = await loginAs(c.console, 'department');
  await untilStage(dept, page, '院系审核');
  await fill(dept, { reason: '成果归属清楚' });
  await press(dept, 'button[name="action"][value="approve"]');
  await untilStage(tto, page, '转化办审核');
  await press(tto, 'button[name="action"][value="approve"]');
  await untilStage(dept, page, '公示');

  // An objection during publicity: back to the office.
  await fill(dept, { reason: '完成人名单遗漏一名研究生，请核实' });
  await press(dept, 'button[name="action"][value="object"]');
  await untilStage(tto, page, '转化办审核');
  expect(await text(tto, '#h-grant ~ ul')).toContain('完成人名单遗漏一名研究生');
  await fill(tto, { reason: '已核实：该研究生未参与发明' });
  await press(tto, 'button[name="action"][value="approve"]');
  await untilStage(tto, page, '公示');

  // Fifteen working days of publicity pass without objection.
  await env.sleep('22 days');
  const committee = await loginAs(c.console, 'committee');
  await untilStage(committee, page, '集体决策', 30_000);
  await fill(committee, { reason: '经转化委员会集体审议通过' });
  await press(committee, 'button[name="action"][value="approve"]');

  await untilStage(tto, page, '签订协议');
  await fill(tto, { reference: 'HFUT-AGR-2026-002' });
  await press(tto, 'button[name="action"][value="sign"]');
  const done = await until(tto, page, '登记时间', 30_000);
  expect(done).toContain('HFUT-AGR-2026-002');
  expect(await text(tto, '.ledger-entry')).toContain('Hefei University of Technology');
  const timeline = await text(tto, '.timeline');
  for (const step of ['提出异议', '公示期满', '签订', '登记入账']) expect(timeline).toContain(step);
  await expectNoSeriousA11yViolations(tto);
  await screenshot(tto, 'console-rights-grant');
});
