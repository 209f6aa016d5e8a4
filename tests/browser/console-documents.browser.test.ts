// The licence statement, the due list and the ledger exports, on the real stack (dev server, PGlite,
// worker, API and console) in Debian's Chromium: a licence is launched, signed, registered, its
// first revenue reported (payment starts, the first instalment falls due) and a payment recorded
// through the API; its statement is printed from the link on its case page, rendered to PNG
// (pdftoppm) and read back (pdftotext) for its Chinese text, its totals and the fingerprint of the
// record served beside it, the totals checked against the database's own sums; another licensee's
// statement is 404 to the licensee. The due list's figures equal the "payments due" report's for
// the same day. Each ledger export (XLSX and CSV) holds the database's rows, and its totals rows
// the database's SUM (read here with plain Prisma, not the exports' SQL).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { Workbook } from 'exceljs';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';
import { chinaToday } from '../../client/console/reports/filters';
import { t } from '../../client/console/i18n';
import {
  expectNoSeriousA11yViolations,
  loginAs,
  SCREENSHOTS,
  startConsoleStack,
  type ConsoleStack,
} from '../support/browser';
import { checkDocument, fetchInPage, readPdf } from '../support/printed-documents';
import { text } from '../support/console-pages';
import { KEYS, LICENSEE_ORG } from '../support/stack';

let stack: ConsoleStack;
let tmp: string;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tf-documents-browser-'));
  stack = await startConsoleStack();
}, 180_000);
afterAll(async () => {
  await stack?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const url = (p: string) => `${stack.url}${p}`;
const prisma = () => stack.e2e.db.prisma;
const LICENCE = 'doc-lic-1';

/** The first sheet's rows, each cell as exceljs reads it (numbers stay numbers). */
async function xlsxRows(buf: Buffer): Promise<unknown[][]> {
  const book = new Workbook();
  await book.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

/** CSV rows (the exports quote no field these tests write: split on commas after the BOM). */
function csvRows(buf: Buffer): string[][] {
  const body = buf.toString('utf8');
  expect(body.startsWith('\uFEFF')).toBe(true);
  return body
    .slice(1)
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

/** An action through the API, retried briefly while the case row is being saved. */
async function call(method: string, p: string, key: string, body?: object) {
  for (let i = 0; ; i++) {
    const r = await stack.e2e.call(method, p, key, body);
    if (r.status < 300) return r.body;
    if ((r.status !== 404 && r.status !== 409) || i > 60)
      throw new Error(`${p}: ${r.status} ${JSON.stringify(r.body)}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** Sums by kind of a licence's ledger rows, read with Prisma (exact decimals). */
async function sumsOf(caseId: string): Promise<Record<string, string>> {
  const rows = await prisma().licenceLedgerEntry.findMany({ where: { caseId } });
  const sums: Record<string, Decimal> = {};
  for (const r of rows) sums[r.kind] = (sums[r.kind] ?? new Decimal(0)).plus(r.amountCny.toFixed(2));
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v.toFixed(2)]));
}

test('a licence statement printed from its case page, its ledger exported, and refused to another licensee', async () => {
  // Payment starts on the first revenue report: the first instalment of a ¥300,000.01 fee falls due.
  const terms = { ...EXAMPLE_LICENCE.terms, trigger: 'first-revenue' as const, freeMonths: undefined };
  await call('POST', '/v1/cases/deferred-licence', KEYS.tto, {
    caseId: LICENCE,
    ...EXAMPLE_LICENCE,
    terms,
    payment: { feeCny: 300000.01, instalments: 3, intervalMonths: 12 },
    guarantee: { kind: 'insurance', provider: 'PICC Chongqing', reference: 'POL-7731' },
  });
  await call('POST', `/v1/cases/${LICENCE}/actions`, KEYS.tto, { action: 'sign', reference: 'LIC-DOC-001' });
  await call('POST', `/v1/cases/${LICENCE}/actions`, KEYS.tto, { action: 'register', reference: 'REG-DOC-001' });
  await call('POST', `/v1/licences/${LICENCE}/revenue`, KEYS.licensee, { amountCny: 1200000, reference: 'REV-1' });
  await call('POST', `/v1/licences/${LICENCE}/payments`, KEYS.tto, {
    amountCny: 33333.33,
    reference: 'PAY-DOC-1',
    payer: 'Liangjiang Sensors',
  });
  for (let i = 0; (await prisma().licenceLedgerEntry.count({ where: { caseId: LICENCE } })) < 2; i++) {
    if (i > 80) throw new Error('the licence ledger did not get its due and payment rows');
    await new Promise((done) => setTimeout(done, 250));
  }
  const sums = await sumsOf(LICENCE);
  expect(sums.payment).toBe('33333.33');

  const tto = await loginAs(stack, 'tto');
  await tto.goto(url(`/cases/${LICENCE}`));
  const href = await tto.$eval('.licence-documents a.statement', (a) =>
    (a as unknown as { getAttribute(n: string): string }).getAttribute('href'),
  );
  expect(href).toBe(`/documents/cases/${LICENCE}/statement.pdf`);
  expect(await text(tto, '.licence-documents')).toContain('到期应收款清单');
  await expectNoSeriousA11yViolations(tto);
  // The licence's own sections (balances, schedule, ledger) and its documents, as the README shows them.
  const shown = (await tto.$('section[aria-labelledby="h-licence"]'))!;
  const docs = (await tto.$('.licence-documents'))!;
  const [a, b] = [(await shown.boundingBox())!, (await docs.boundingBox())!];
  await tto.screenshot({
    path: path.join(SCREENSHOTS, 'console-licence-documents.png') as `${string}.png`,
    clip: { x: 0, y: a.y - 10, width: 1280, height: b.y + b.height - a.y + 20 },
  });

  const due = sums.due ?? '0.00';
  const balance = new Decimal(due).minus(sums.payment).toFixed(2);
  const money = (v: string) =>
    `${new Decimal(v).isNegative() ? '-' : ''}¥${new Decimal(v)
      .abs()
      .toFixed(2)
      .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  const record = await checkDocument(
    tto,
    href,
    `/documents/cases/${LICENCE}/statement.json`,
    'document-licence-statement',
    [
      '先使用后付费许可结算单',
      '台账明细',
      LICENSEE_ORG,
      'LIC-DOC-001',
      'PAY-DOC-1',
      '¥33,333.33',
      money(balance),
      LICENCE,
    ],
    tmp,
  );
  // The printed totals are the database's sums of the rows, and agree with the licence's own.
  expect(record.facts.totals).toEqual({
    dueCny: due,
    paidCny: '33333.33',
    claimedCny: sums['guarantee-claim'] ?? '0.00',
    balanceCny: balance,
  });
  expect(record.facts.rows).toHaveLength(await prisma().licenceLedgerEntry.count({ where: { caseId: LICENCE } }));
  expect(record.facts.reconciled).toBe(true);
  expect(record.pack.id).toBe('cn-deferred-licence');
  const en = await fetchInPage(tto, `${href}?lang=en`);
  expect(en.status).toBe(200);
  expect(readPdf(en.body, 'document-licence-statement-en', tmp)).toContain('Licence statement');

  // The licence's ledger as XLSX and CSV: the database's rows, then its sums per kind and the balance.
  const entries = await prisma().licenceLedgerEntry.findMany({ where: { caseId: LICENCE }, orderBy: { seq: 'asc' } });
  const xlsx = await fetchInPage(tto, `/documents/cases/${LICENCE}/ledger?format=xlsx`);
  expect(xlsx.status).toBe(200);
  const [header, ...rows] = await xlsxRows(xlsx.body);
  expect(header).toEqual(['序号', '日期', '类别', '期次', '金额（元）', '凭证号', '付款人', '经办人']);
  expect(rows.slice(0, entries.length).map((r) => [r[0], r[1], r[4]])).toEqual(
    entries.map((e) => [e.seq.toString(), e.on, Number(e.amountCny.toFixed(2))]),
  );
  const totals = rows.slice(entries.length);
  expect(totals.map((r) => [r[0], r[2], r[4]])).toEqual([
    ['合计', '应收', Number(due)],
    ['合计', '收款', 33333.33],
    ...(sums['guarantee-claim'] ? [['合计', '理赔', Number(sums['guarantee-claim'])]] : []),
    ['余额（应收 − 收款）', '—', Number(balance)],
  ]);
  const csv = await fetchInPage(tto, `/documents/cases/${LICENCE}/ledger?format=csv`);
  const csvBody = csvRows(csv.body);
  expect(csvBody.slice(1, 1 + entries.length).map((r) => r[4])).toEqual(entries.map((e) => e.amountCny.toFixed(2)));
  expect(csvBody.at(-1)!.slice(0, 5)).toEqual(['余额（应收 − 收款）', '—', '—', '—', balance]);

  // The licensee reads its own statement; another licensee's licence is absent to it.
  await call('POST', '/v1/cases/deferred-licence', KEYS.tto, {
    caseId: 'doc-lic-other',
    ...EXAMPLE_LICENCE,
    licensee: { ...EXAMPLE_LICENCE.licensee, name: 'Other Licensee Ltd.' },
    payment: { feeCny: 300000, instalments: 3, intervalMonths: 12 },
  });
  const licensee = await loginAs(stack, 'licensee');
  expect((await fetchInPage(licensee, `/documents/cases/${LICENCE}/statement.json`)).status).toBe(200);
  for (const p of ['statement.pdf', 'statement.json', 'ledger?format=xlsx']) {
    const other = await fetchInPage(licensee, `/documents/cases/doc-lic-other/${p}`);
    expect({ p, status: other.status }).toEqual({ p, status: 404 });
  }
  // The auditor finds the statement among the audit page's documents.
  const auditor = await loginAs(stack, 'auditor');
  await auditor.goto(url(`/audit/cases/${LICENCE}`));
  expect(await auditor.$$eval('.audit-tools a', (as) => as.map((a) => a.getAttribute('href')))).toContain(href);
}, 240_000);

test('the due list: the payments-due report’s figures for the same day, per licensee, with totals', async () => {
  const tto = await loginAs(stack, 'tto');
  const today = chinaToday(new Date());
  const list = await checkDocument(
    tto,
    '/documents/due-list.pdf?days=90',
    `/documents/due-list.json?days=90&asOf=${today}`,
    'document-due-list',
    ['到期应收款清单', '合计', today.slice(0, 4)],
    tmp,
  );
  // The report's own table for today (its CSV): licensee, name, 30, 60, 90 days, overdue.
  const report = csvRows((await fetchInPage(tto, '/reports/payments/download?table=per-licensee&format=csv')).body);
  const expected = report
    .slice(1)
    .filter((r) => r[4] !== '0.00' || r[5] !== '0.00')
    .map((r) => ({ licensee: r[0], dueCny: r[4], overdueCny: r[5] }));
  expect(expected.length).toBeGreaterThan(0);
  expect(list.facts.lines.map((l: { licensee: string; dueCny: string; overdueCny: string }) => l)).toEqual(
    expected.map((e) => expect.objectContaining(e)),
  );
  const sum = (k: 'dueCny' | 'overdueCny') => expected.reduce((s, e) => s.plus(e[k]), new Decimal(0)).toFixed(2);
  expect(list.facts.totals).toEqual({ dueCny: sum('dueCny'), overdueCny: sum('overdueCny') });
  expect(list.facts.lines.flatMap((l: { cases: Array<{ caseId: string }> }) => l.cases.map((c) => c.caseId))).toContain(
    LICENCE,
  );

  // A licensee's due list holds its own line only.
  const licensee = await loginAs(stack, 'licensee');
  const own = JSON.parse((await fetchInPage(licensee, '/documents/due-list.json?days=90')).body.toString('utf8'));
  expect(own.facts.lines.map((l: { licensee: string }) => l.licensee)).toEqual([LICENSEE_ORG]);
});

test('the rights grant and reward ledgers as XLSX and CSV: the database’s rows, totals equal to its SUM', async () => {
  await prisma().ledgerEntry.createMany({
    data: [1, 2, 3].map((i) => ({
      caseId: `doc-rg-${i}`,
      unitName: '重庆大学',
      resultTitle: `一种传感器封装方法 ${i}`,
      resultKind: 'patent',
      form: i === 3 ? 'long-term-use' : 'ownership',
      teamShare: i === 3 ? null : '0.7',
      ltuYears: i === 3 ? 10 : null,
      agreementReference: `AGR-${i}`,
      registeredAt: new Date(Date.UTC(2026, 0, i)),
    })),
  });
  const amounts = ['100000.01', '2345.67', '0.05', '98765.43', '12.34'];
  await prisma().rewardLedgerEntry.createMany({
    data: [
      ...amounts.map((a, i) => ({
        entryKey: `doc-rw-${i}`,
        caseId: `doc-rw-case-${i % 2}`,
        kind: i === 0 ? 'income' : 'payment',
        personId: i === 0 ? null : `p-${i}`,
        amountCny: a,
        on: `2026-0${i + 1}-15`,
        actorId: 'tto-1',
      })),
      {
        entryKey: 'doc-rw-shares',
        caseId: 'doc-rw-case-0',
        kind: 'shares-registered',
        personId: 'p-1',
        shares: 1500n,
        on: '2026-07-01',
        actorId: 'tto-1',
      },
    ],
  });

  const auditor = await loginAs(stack, 'auditor');
  const grants = await xlsxRows((await fetchInPage(auditor, '/documents/ledgers/grants?format=xlsx')).body);
  const dbGrants = await prisma().ledgerEntry.findMany({ orderBy: [{ registeredAt: 'asc' }, { caseId: 'asc' }] });
  expect(grants.slice(1, -1).map((r) => [r[0], r[2], r[7]])).toEqual(
    dbGrants.map((g) => [g.caseId, g.resultTitle, g.agreementReference]),
  );
  expect(grants.at(-1)!.slice(0, 2)).toEqual(['合计（项数）', String(await prisma().ledgerEntry.count())]);

  // The reward ledger, linked from "rewards paid".
  const tto = await loginAs(stack, 'tto');
  await tto.goto(url('/rewards/paid'));
  await expectNoSeriousA11yViolations(tto);
  const link = await tto.$eval('.ledger-exports a', (a) => a.getAttribute('href'));
  expect(link).toBe('/documents/ledgers/rewards?format=xlsx');
  const reward = await xlsxRows((await fetchInPage(tto, link!)).body);
  const dbRows = await prisma().rewardLedgerEntry.findMany({ orderBy: { seq: 'asc' } });
  const body = reward.slice(1, 1 + dbRows.length);
  expect(body.map((r) => [r[1], r[5]])).toEqual(
    dbRows.map((e) => [e.caseId, e.amountCny ? Number(e.amountCny.toFixed(2)) : 0]),
  );
  const sums = await prisma().rewardLedgerEntry.groupBy({
    by: ['kind'],
    _sum: { amountCny: true, shares: true },
    orderBy: { kind: 'asc' },
  });
  expect(reward.slice(1 + dbRows.length).map((r) => [r[3], r[5], r[6]])).toEqual(
    sums.map((s) => [
      t('zh', `reward.kind.${s.kind}`),
      Number((s._sum.amountCny ?? 0).toFixed(2)),
      s._sum.shares === null ? '—' : s._sum.shares.toString(),
    ]),
  );
  const csv = csvRows((await fetchInPage(tto, '/documents/ledgers/rewards?format=csv')).body);
  const payments = amounts.slice(1).reduce((s, a) => s.plus(a), new Decimal(0));
  expect(csv.find((r) => r[0] === '合计' && r[5] === payments.toFixed(2))).toBeDefined();
  // A department person reads neither ledger.
  const dept = await loginAs(stack, 'department');
  expect((await fetchInPage(dept, '/documents/ledgers/grants?format=csv')).status).toBe(403);
});
