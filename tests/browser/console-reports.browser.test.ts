// The portfolio reports in Debian's Chromium, on a seeded database (tests/support/report-seed.ts):
// every table each report page shows, and its CSV and XLSX downloads, hold the figures the test
// works out itself from the rows (tests/support/report-expected.ts: plain Prisma reads, exact sums,
// not the reports' SQL). Filters (dates, unit, jurisdiction) narrow them; a bank sees its own loan
// checks and nothing else.
import type { Page } from 'puppeteer-core';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { pageText } from '../../client/console/reports/cells';
import { chinaToday } from '../../client/console/reports/filters';
import { t } from '../../client/console/i18n';
import {
  expectNoSeriousA11yViolations,
  loginAs,
  screenshot,
  startConsoleStack,
  type ConsoleStack,
} from '../support/browser';
import { seedReportData } from '../support/report-seed';
import * as expected from '../support/report-expected';
import { download, expectTable, pageTable, sorted } from '../support/report-tables';

let cs: ConsoleStack;
let now: Date;
const OWN_BANK = EXAMPLE_LOAN_REQUEST.bank.id;

beforeAll(async () => {
  cs = await startConsoleStack();
  now = new Date();
  await seedReportData(cs.e2e.db.prisma, now, [OWN_BANK, 'other-bank']);
}, 180_000);
afterAll(async () => {
  await cs?.close();
});

const prisma = () => cs.e2e.db.prisma;

async function open(page: Page, path: string): Promise<void> {
  const r = await page.goto(`${cs.url}${path}`);
  expect(r?.status()).toBe(200);
}

test('cases by kind and stage, and narrowed by jurisdiction and by date', async () => {
  const page = await loginAs(cs, 'tto');
  const cases = await prisma().case.findMany();
  await open(page, '/reports/cases');
  await expectTable(page, '/reports/cases', 'by-kind-and-stage', expected.casesByKindAndStage(cases));
  expect(await page.$('.chart svg[role="img"] rect')).not.toBeNull();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-report-cases');

  const hefei = `jurisdiction=${encodeURIComponent('合肥')}`;
  await open(page, `/reports/cases?${hefei}`);
  const inHefei = cases.filter((c) => c.jurisdiction === '合肥');
  await expectTable(page, '/reports/cases', 'by-kind-and-stage', expected.casesByKindAndStage(inHefei), hefei);

  const from = chinaToday(new Date(now.getTime() - 36 * 86_400_000));
  const recent = cases.filter((c) => chinaToday(c.createdAt) >= from);
  await open(page, `/reports/cases?from=${from}`);
  await expectTable(page, '/reports/cases', 'by-kind-and-stage', expected.casesByKindAndStage(recent), `from=${from}`);
  expect(recent.length).toBeLessThan(cases.length);
});

test('overdue steps by role and by person (a stale claim counts for nobody)', async () => {
  const page = await loginAs(cs, 'admin');
  const at = new Date();
  const { byRole, byPerson } = expected.overdueSteps(
    await prisma().case.findMany(),
    await prisma().stepClaim.findMany(),
    await prisma().person.findMany(),
    at,
  );
  await open(page, '/reports/overdue');
  await expectTable(page, '/reports/overdue', 'by-role', byRole);
  await expectTable(page, '/reports/overdue', 'by-person', byPerson);
  expect(await pageTable(page, 'by-person')).toContainEqual(['（无人认领）', '（未注明）', '2']);
  await screenshot(page, 'console-report-overdue');
});

test('payments due in 30/60/90 days and overdue amounts per licensee, to the fen', async () => {
  const page = await loginAs(cs, 'tto');
  const licences = await prisma().case.findMany({ where: { kind: 'deferred-licence' } });
  await open(page, '/reports/payments');
  await expectTable(page, '/reports/payments', 'per-licensee', expected.paymentsDue(licences, chinaToday(new Date())));
  // The seed's figures, spelled out: 123,456.78 within 30 days; +200,000.00 within 60; +0.99 within 90.
  expect(await pageTable(page, 'per-licensee')).toContainEqual([
    'ORG-1',
    '两江传感',
    '¥123,456.78',
    '¥323,456.78',
    '¥323,457.77',
    '¥488,888.88',
  ]);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-report-payments');
});

test('money received by month and year, and within a date range', async () => {
  const page = await loginAs(cs, 'auditor');
  const ledger = await prisma().licenceLedgerEntry.findMany();
  await open(page, '/reports/received');
  await expectTable(page, '/reports/received', 'by-month', expected.moneyReceived(ledger, 7));
  await expectTable(page, '/reports/received', 'by-year', expected.moneyReceived(ledger, 4));
  await screenshot(page, 'console-report-received');
  const in2025 = ledger.filter((e) => e.on >= '2025-01-01' && e.on <= '2025-12-31');
  const range = 'from=2025-01-01&to=2025-12-31';
  await open(page, `/reports/received?${range}`);
  await expectTable(page, '/reports/received', 'by-year', expected.moneyReceived(in2025, 4), range);
  expect(await pageTable(page, 'by-year')).toEqual([['2025', '¥112,345.67', '¥0.00', '¥112,345.67']]);
});

test('grants by status and jurisdiction, and for one unit', async () => {
  const page = await loginAs(cs, 'tto');
  const grants = await prisma().case.findMany({ where: { kind: 'rights-grant' } });
  const check = async (list: typeof grants, query: string) => {
    await open(page, `/reports/grants${query ? `?${query}` : ''}`);
    const { byStatus, byPlace } = expected.grantsByStatus(list);
    await expectTable(page, '/reports/grants', 'by-status', byStatus, query);
    await expectTable(page, '/reports/grants', 'by-status-and-jurisdiction', byPlace, query);
  };
  await check(grants, '');
  // The chart's bars follow the process (department review first, closed last), not the codes.
  const bars = await page.$$eval('#t-by-status svg text[text-anchor="end"]', (ts) =>
    ts.map((x) => x.textContent!.trim()),
  );
  expect(bars).toEqual(['院系审核', '转化办审核', '公示', '集体决策', '已结案']);
  await screenshot(page, 'console-report-grants');
  const unit = '重庆大学';
  await check(
    grants.filter((g) => (g.input as { unit?: { name: string } }).unit?.name === unit),
    `unit=${encodeURIComponent(unit)}`,
  );
});

test('loan checks by decision, policy and city: all of them for the office, its own for a bank', async () => {
  const all = await prisma().loanCheck.findMany();
  const expectLoans = async (page: Page, list: typeof all) => {
    await open(page, '/reports/loan-checks');
    const { byDecision, byPolicy, byCity } = expected.loanChecks(list);
    await expectTable(page, '/reports/loan-checks', 'by-decision', byDecision);
    await expectTable(page, '/reports/loan-checks', 'by-policy', byPolicy);
    await expectTable(page, '/reports/loan-checks', 'by-city', byCity);
  };
  const tto = await loginAs(cs, 'tto');
  await expectLoans(tto, all);

  const bank = await loginAs(cs, 'bank');
  const own = all.filter((l) => l.bankId === OWN_BANK);
  expect(own.length).toBeGreaterThan(0);
  expect(own.length).toBeLessThan(all.length);
  await expectLoans(bank, own);
  await screenshot(bank, 'console-report-loan-checks');
  // The bank's city choices are its own checks' cities only.
  const places = await bank.$$eval('#rf-place option', (os) =>
    os.map((o) => (o as unknown as { value: string }).value),
  );
  expect(places.filter(Boolean).sort()).toEqual([...new Set(own.map((l) => l.jurisdiction))].sort());
  // A bank reads no other report, and its list shows only its own.
  await open(bank, '/reports');
  const links = await bank.$$eval('main .report-list a', (as) => as.map((a) => a.getAttribute('href')));
  expect(links).toEqual(['/reports/loan-checks']);
  expect((await bank.goto(`${cs.url}/reports/cases`))?.status()).toBe(403);
  expect((await download(bank, '/reports/payments/download?table=per-licensee&format=csv')).status).toBe(403);
});

test('exemption reviews by outcome, in English too', async () => {
  const page = await loginAs(cs, 'auditor');
  const table = expected.reviewsByOutcome(await prisma().case.findMany({ where: { kind: 'diligence-exemption' } }));
  await open(page, '/reports/reviews');
  await expectTable(page, '/reports/reviews', 'by-outcome', table);
  await screenshot(page, 'console-report-reviews');
  await page.click('form[action="/language"] button');
  await page.waitForSelector('html[lang="en"]');
  expect(await page.$eval('h1', (h) => h.textContent)).toBe(t('en', 'report.reviews.title'));
  expect(await pageTable(page, 'by-outcome')).toEqual(
    sorted(table.rows.map((r) => r.map((c, i) => pageText('en', table.columns[i], c)))),
  );
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-report-reviews-en');
});

test('a bad filter is refused with the field named, and a download names a table it has', async () => {
  const page = await loginAs(cs, 'tto');
  const bad = await page.goto(`${cs.url}/reports/cases?from=2026-13-01`);
  expect(bad?.status()).toBe(400);
  expect(await page.$eval('main', (m) => m.textContent)).toContain('from');
  const reversed = await page.goto(`${cs.url}/reports/cases?from=2026-03-02&to=2026-03-01`);
  expect(reversed?.status()).toBe(400);
  expect((await download(page, '/reports/cases/download?table=nope&format=csv')).status).toBe(404);
  expect((await download(page, '/reports/cases/download?table=by-kind-and-stage&format=pdf')).status).toBe(400);
});
