// The people who do the work, through the pages only, in Debian's Chromium on the dev server:
// the inbox and claim / release (by keyboard), a wrong role's refusal with nothing changed, the
// language switch on a case page; a licence launched, signed, registered, revenue reported by the
// licensee, a payment recorded and the ledger shown reconciled; an exemption review with an
// uploaded document, the findings and the committee's reasoned determination. axe-core on every
// page; screenshots for the README.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  expectNoSeriousA11yViolations,
  loginAs,
  screenshot,
  startConsoleStack,
  type ConsoleStack,
} from '../support/browser';
import { fill, press, text, until } from '../support/console-pages';
import { UNIT_ITEMS } from '../../workflows/diligence-exemption-definitions';
import { NEGATIVE_LIST } from '../support/review-driver';

let stack: ConsoleStack;
beforeAll(async () => {
  stack = await startConsoleStack();
}, 180_000);
afterAll(async () => stack?.close());

const url = (p: string) => `${stack.url}${p}`;

async function launch(page: Page, kind: string, caseId: string, extra: Record<string, string> = {}) {
  await page.goto(url(`/new/${kind}?example=1`));
  await fill(page, { caseId, ...extra });
  await press(page, 'form.launch button[type="submit"]:not([formaction])');
  expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
}

test('inbox, claim and release by keyboard, a wrong role refused, the language switch on a case page', async () => {
  const tto = await loginAs(stack, 'tto');
  await tto.goto(url('/new/rights-grant?example=1'));
  await fill(tto, { caseId: 'br-rg-1', department: '材料科学与工程学院' });
  await press(tto, 'form.launch button[formaction]'); // the preview, without starting anything
  expect(await text(tto, '#preview')).toContain('符合条件');
  await expectNoSeriousA11yViolations(tto);
  await screenshot(tto, 'console-launch-preview');
  await press(tto, 'form.launch button[type="submit"]:not([formaction])');
  expect(new URL(tto.url()).pathname).toBe('/cases/br-rg-1');

  const dept = await loginAs(stack, 'department');
  await until(dept, url('/inbox'), 'br-rg-1');
  await expectNoSeriousA11yViolations(dept);
  await screenshot(dept, 'console-inbox');
  // Keyboard only: focus the row's claim button, press Enter.
  await dept.focus('button[name="only"][value="br-rg-1"]');
  await Promise.all([dept.waitForNavigation(), dept.keyboard.press('Enter')]);
  expect(await text(dept)).toContain('我已认领');

  // The office tries the department's step: refused next to the form, nothing changed.
  await tto.goto(url('/cases/br-rg-1'));
  expect(await text(tto, '.claim')).toContain('department-1');
  await press(tto, 'button[name="action"][value="approve"]');
  const refused = await text(tto);
  expect(refused).toContain('您当前的身份（技术转移办公室）不能办理“同意”，未作任何更改。');
  expect(refused).toContain('may not approve at department-review');
  expect(await text(tto, '.where')).toContain('院系审核');
  await expectNoSeriousA11yViolations(tto);
  await screenshot(tto, 'console-refusal');

  await dept.goto(url('/cases/br-rg-1'));
  await press(dept, '.claim form[action$="/release"] button');
  expect(await text(dept, '.claim')).toContain('尚无人认领');
  await fill(dept, { reason: '与学院发展规划一致' });
  await press(dept, 'button[name="action"][value="approve"]');
  await until(dept, url('/cases/br-rg-1'), '转化办审核');
  const timeline = await text(dept, '.timeline');
  expect(timeline).toContain('认领');
  expect(timeline).toContain('释放');
  expect(timeline).toContain('与学院发展规划一致');

  // The language switch: the same case page in English.
  await press(dept, 'form[action="/language"] button');
  expect(await dept.$eval('html', (e) => e.lang)).toBe('en');
  expect(await text(dept, '.where')).toContain('Office review');
  expect(await text(dept, '#h-pack')).toBe('The policy pack that decided');
  await expectNoSeriousA11yViolations(dept);
  await screenshot(dept, 'console-case-rights-grant-en');
});

test('a licence: launched, signed, registered, revenue reported by the licensee, a payment recorded, the ledger reconciled', async () => {
  const tto = await loginAs(stack, 'tto');
  await launch(tto, 'deferred-licence', 'br-lic-1');
  await until(tto, url('/cases/br-lic-1'), '签订合同');
  await fill(tto, { reference: 'LIC-2026-001' });
  await press(tto, 'button[name="action"][value="sign"]');
  await until(tto, url('/cases/br-lic-1'), '合同登记');
  await fill(tto, { reference: 'REG-2026-001' });
  await press(tto, 'button[name="action"][value="register"]');
  await until(tto, url('/cases/br-lic-1'), '报告收入');

  const licensee = await loginAs(stack, 'licensee');
  await licensee.goto(url('/cases/br-lic-1'));
  await fill(
    licensee,
    { amountCny: '1,200,000.00', reference: 'REV-2026-Q1', note: '一季度销售收入' },
    '#form-revenue',
  );
  await press(licensee, '#form-revenue button[type="submit"]');
  expect(await text(licensee)).toContain('已办理：报告收入');
  await expectNoSeriousA11yViolations(licensee);

  await tto.goto(url('/cases/br-lic-1'));
  await fill(tto, { amountCny: '100000', reference: 'PAY-2026-001', payer: 'Liangjiang Sensors' }, '#form-payment');
  await press(tto, '#form-payment button[type="submit"]');
  const page = await until(tto, url('/cases/br-lic-1'), 'PAY-2026-001');
  expect(page).toContain('¥100,000.00');
  expect(await text(tto, '#reconciled')).toBe('台账与付款计划一致。');
  await expectNoSeriousA11yViolations(tto);
  await screenshot(tto, 'console-licence');
});

test("an exemption review: a document uploaded with its SHA-256 shown, the findings, the committee's reasoned determination", async () => {
  const reviewer = await loginAs(stack, 'reviewer');
  await launch(reviewer, 'diligence-exemption', 'br-rv-1', { linkedCaseId: '' });
  await until(reviewer, url('/cases/br-rv-1'), '受理');
  await fill(reviewer, { reason: '材料齐全，予以受理' });
  await press(reviewer, 'button[name="action"][value="accept"]');
  await until(reviewer, url('/cases/br-rv-1'), '证据审查');

  const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-browser-'));
  const file = path.join(dir, 'board-minutes-2025-03-10.txt');
  writeFileSync(file, 'Board minutes 2025-03-10: the licence was decided collectively.\n');
  const input = await reviewer.$('#evidence-file');
  await input!.uploadFile(file);
  await reviewer.waitForSelector('#evidence-result[data-sha256]');
  const sha256 = await reviewer.$eval('#evidence-result', (e) => e.getAttribute('data-sha256')!);
  expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(await text(reviewer, '#evidence-result')).toContain(sha256);
  expect(await reviewer.$eval('[name="evidence.0.sha256"]', (e) => (e as unknown as { value: string }).value)).toBe(
    sha256,
  );
  await expectNoSeriousA11yViolations(reviewer);
  await screenshot(reviewer, 'console-review-evidence');

  const unit: Record<string, string> = {
    pricing: 'negotiated',
    publicisedInUnit: 'true',
    publicisedOnExchange: 'true',
    collectiveDecision: 'true',
    internalRulesExist: 'true',
  };
  const findings = [
    ...UNIT_ITEMS.map((item) => ({ subject: 'unit', item, value: unit[item] })),
    ...NEGATIVE_LIST.map((item) => ({ subject: 'Li Ming', item, value: 'false' })),
  ];
  for (const f of findings) {
    await reviewer.goto(url('/cases/br-rv-1'));
    await fill(reviewer, {
      ...f,
      'evidence.0.name': 'board-minutes-2025-03-10.txt',
      'evidence.0.sha256': sha256,
    });
    await press(reviewer, 'button[name="action"][value="finding"]');
    expect({ finding: `${f.subject}/${f.item}`, path: new URL(reviewer.url()).search }).toEqual({
      finding: `${f.subject}/${f.item}`,
      path: '?done=finding',
    });
  }

  const committee = await loginAs(stack, 'committee');
  await until(committee, url('/cases/br-rv-1'), '初步认定');
  await fill(committee, {
    'outcomes.0.person': 'Li Ming',
    'outcomes.0.outcome': 'exempt',
    'outcomes.0.reason': '定价经集体决策并在单位和交易所公示，未发现负面清单情形',
    reason: '委员会一致认定',
    'evidence.0.name': 'board-minutes-2025-03-10.txt',
    'evidence.0.sha256': sha256,
  });
  await press(committee, 'button[name="action"][value="determine"]');
  const determined = await until(committee, url('/cases/br-rv-1'), '最终认定');
  expect(determined).toContain('定价经集体决策并在单位和交易所公示');
  expect(determined).toContain(sha256);
  await expectNoSeriousA11yViolations(committee);
  await screenshot(committee, 'console-review');
});

test("a bank's loan check from its form: previewed, submitted, its page with each check", async () => {
  const bank = await loginAs(stack, 'bank');
  await bank.goto(url('/loan-checks/new?example=1'));
  await fill(bank, { requestId: 'br-loan-1', asOf: '2025-06-01' });
  await press(bank, 'form.launch button[formaction]');
  expect(await text(bank, '#preview')).toContain('通过');
  await press(bank, 'form.launch button[type="submit"]:not([formaction])');
  expect(new URL(bank.url()).pathname).toMatch(/^\/loan-checks\/lc_/);
  const page = await text(bank);
  expect(page).toContain('br-loan-1');
  expect(page).toContain('贷款占交易价款比例');
  await expectNoSeriousA11yViolations(bank);
  await screenshot(bank, 'console-loan-check');
  await bank.goto(url('/loan-checks'));
  expect(await text(bank)).toContain('br-loan-1');
});
