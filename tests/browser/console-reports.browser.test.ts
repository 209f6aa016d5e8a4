// The portfolio reports in Debian's Chromium, on a seeded database: every table each report page
// shows, and its CSV and XLSX downloads, hold the figures the test works out itself from the rows
// (read back with plain Prisma queries, summed here with exact decimals: not the reports' SQL).
// Filters (dates, unit, jurisdiction) narrow them; a bank sees its own loan checks and nothing else.
import Decimal from 'decimal.js';
import { Workbook } from 'exceljs';
import type { Page } from 'puppeteer-core';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { pageText, fileText } from '../../client/console/reports/cells';
import { chinaToday } from '../../client/console/reports/filters';
import type { Cell, Column } from '../../client/console/reports/table';
import { t, type Lang } from '../../client/console/i18n';
import type { MessageKey } from '../../client/console/messages';
import {
  expectNoSeriousA11yViolations,
  loginAs,
  screenshot,
  startConsoleStack,
  type ConsoleStack,
} from '../support/browser';
import { seedReportData } from '../support/report-seed';

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
const fen = (amount: Decimal.Value) => BigInt(new Decimal(amount).times(100).toFixed(0));

/** A table as the test expects it: its column kinds and rows of codes, text, counts and fen. */
interface Expected {
  columns: Column[];
  rows: Cell[][];
}
const code = (prefix: string): Column => ({ title: 'report.col.kind', kind: 'code', prefix });
const text = (title: MessageKey = 'report.col.name'): Column => ({ title, kind: 'text' });
const count: Column = { title: 'report.col.cases', kind: 'count' };
const money: Column = { title: 'report.col.received', kind: 'fen' };

/** Counts rows by a key made of some of their fields. */
function tally<T>(items: T[], key: (item: T) => string[], add: (item: T) => bigint[] = () => [1n]): Cell[][] {
  const groups = new Map<string, { key: string[]; sums: bigint[] }>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(JSON.stringify(k)) ?? { key: k, sums: [] };
    add(item).forEach((v, i) => (g.sums[i] = (g.sums[i] ?? 0n) + v));
    groups.set(JSON.stringify(k), g);
  }
  return [...groups.values()].map((g) => [...g.key, ...g.sums]);
}

const sorted = (rows: string[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const asPage = (lang: Lang, e: Expected) => sorted(e.rows.map((r) => r.map((c, i) => pageText(lang, e.columns[i], c))));
const asFile = (lang: Lang, e: Expected) => sorted(e.rows.map((r) => r.map((c, i) => fileText(lang, e.columns[i], c))));

async function pageTable(page: Page, id: string): Promise<string[][]> {
  const rows = await page.$$eval(`table[data-table="${id}"] tbody tr`, (trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => (td as unknown as { innerText: string }).innerText.trim()),
    ),
  );
  return sorted(rows);
}

/** A download fetched by the signed-in page (its session cookie), as bytes. */
async function download(page: Page, href: string): Promise<{ status: number; type: string; body: Buffer }> {
  const r = await page.evaluate(async (url: string) => {
    const res = await fetch(url);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return { status: res.status, type: res.headers.get('content-type') ?? '', b64: btoa(s) };
  }, href);
  return { status: r.status, type: r.type, body: Buffer.from(r.b64, 'base64') };
}

function parseCsv(buf: Buffer): string[][] {
  const textBody = buf.toString('utf8');
  expect(textBody.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = textBody.slice(1);
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

async function parseXlsx(buf: Buffer): Promise<Array<Array<string | number>>> {
  const book = new Workbook();
  await book.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: Array<Array<string | number>> = [];
  book.worksheets[0].eachRow((r) => rows.push((r.values as Array<string | number>).slice(1)));
  return rows;
}

/**
 * The page's table, its CSV and its XLSX all hold `expected`: the page in the page's words, the
 * CSV with yuan as exact text, the XLSX with counts and yuan as numbers (fen to the fen).
 */
async function expectTable(page: Page, reportPath: string, id: string, expected: Expected, query = ''): Promise<void> {
  expect(await pageTable(page, id)).toEqual(asPage('zh', expected));
  const base = `${reportPath}/download?table=${id}${query ? `&${query}` : ''}`;
  const csv = await download(page, `${base}&format=csv`);
  expect(csv.status).toBe(200);
  expect(csv.type).toContain('text/csv');
  const [header, ...csvRows] = parseCsv(csv.body);
  expect(header).toHaveLength(expected.columns.length);
  expect(sorted(csvRows)).toEqual(asFile('zh', expected));
  const xlsx = await download(page, `${base}&format=xlsx`);
  expect(xlsx.status).toBe(200);
  expect(xlsx.type).toContain('spreadsheetml');
  const [, ...sheetRows] = await parseXlsx(xlsx.body);
  const fromSheet = sheetRows.map((r) =>
    r.map((v, i) => {
      const c = expected.columns[i];
      if (c.kind === 'fen') return fileText('zh', c, BigInt(Math.round((v as number) * 100)));
      return String(v);
    }),
  );
  expect(sorted(fromSheet)).toEqual(asFile('zh', expected));
}

async function open(page: Page, path: string): Promise<void> {
  const r = await page.goto(`${cs.url}${path}`);
  expect(r?.status()).toBe(200);
}

test('cases by kind and stage, and narrowed by jurisdiction and by date', async () => {
  const page = await loginAs(cs, 'tto');
  const cases = await prisma().case.findMany();
  const columns = [code('kind.'), code('stage.'), count];
  await open(page, '/reports/cases');
  await expectTable(page, '/reports/cases', 'by-kind-and-stage', {
    columns,
    rows: tally(cases, (c) => [c.kind, c.stage]),
  });
  expect(await page.$('.chart svg[role="img"] rect')).not.toBeNull();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'console-report-cases');

  const inHefei = cases.filter((c) => c.jurisdiction === '合肥');
  await open(page, `/reports/cases?jurisdiction=${encodeURIComponent('合肥')}`);
  await expectTable(
    page,
    '/reports/cases',
    'by-kind-and-stage',
    { columns, rows: tally(inHefei, (c) => [c.kind, c.stage]) },
    `jurisdiction=${encodeURIComponent('合肥')}`,
  );

  const from = chinaToday(new Date(now.getTime() - 36 * 86_400_000));
  const recent = cases.filter((c) => chinaToday(c.createdAt) >= from);
  await open(page, `/reports/cases?from=${from}`);
  await expectTable(
    page,
    '/reports/cases',
    'by-kind-and-stage',
    { columns, rows: tally(recent, (c) => [c.kind, c.stage]) },
    `from=${from}`,
  );
  expect(recent.length).toBeLessThan(cases.length);
});

test('overdue steps by role and by person (a stale claim counts for nobody)', async () => {
  const page = await loginAs(cs, 'admin');
  const at = new Date();
  const overdue = (await prisma().case.findMany()).filter(
    (c) => c.pendingRoles.length > 0 && (c.escalated || (c.dueAt !== null && c.dueAt < at)),
  );
  const claims = await prisma().stepClaim.findMany();
  const people = await prisma().person.findMany();
  const holder = (c: (typeof overdue)[number]) =>
    claims.find((s) => s.caseId === c.id && s.stage === c.stage)?.holderId ?? '';
  await open(page, '/reports/overdue');
  await expectTable(page, '/reports/overdue', 'by-role', {
    columns: [code('role.'), count],
    rows: tally(
      overdue.flatMap((c) => c.pendingRoles),
      (r) => [r],
    ),
  });
  await expectTable(page, '/reports/overdue', 'by-person', {
    columns: [{ title: 'report.col.holder', kind: 'code', prefix: 'report.holder.' }, text(), count],
    rows: tally(overdue, (c) => [holder(c), people.find((p) => p.login === holder(c))?.name ?? '']),
  });
  expect(await pageTable(page, 'by-person')).toContainEqual(['（无人认领）', '（未注明）', '2']);
  await screenshot(page, 'console-report-overdue');
});

test('payments due in 30/60/90 days and overdue amounts per licensee, to the fen', async () => {
  const page = await loginAs(cs, 'tto');
  const today = chinaToday(new Date());
  const plus = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const licences = await prisma().case.findMany({ where: { kind: 'deferred-licence' } });
  type Item = { dueOn: string; amountCny: string | null; paidCny: string; status: string };
  const per = new Map<string, bigint[]>();
  const names = new Map<string, string>();
  for (const l of licences) {
    const input = l.input as { licensee: { id?: string; name: string } };
    const who = input.licensee.id ?? input.licensee.name;
    names.set(who, input.licensee.name);
    const sums = per.get(who) ?? [0n, 0n, 0n, 0n];
    const view = l.view as { schedule: Item[]; ledger: { overdueCny: string } };
    for (const it of view.schedule) {
      if (!['scheduled', 'due'].includes(it.status) || it.amountCny === null) continue;
      // Fallen due but within grace (status due) is payable now; a scheduled item counts from its day.
      if (it.status === 'scheduled' && it.dueOn < today) continue;
      const left = fen(it.amountCny) - fen(it.paidCny);
      [30, 60, 90].forEach((n, i) => {
        if (it.dueOn <= plus(n)) sums[i] += left;
      });
    }
    sums[3] += fen(view.ledger.overdueCny);
    per.set(who, sums);
  }
  const rows = [...per].filter(([, s]) => s[2] !== 0n || s[3] !== 0n).map(([who, s]) => [who, names.get(who)!, ...s]);
  await open(page, '/reports/payments');
  await expectTable(page, '/reports/payments', 'per-licensee', {
    columns: [text(), text(), money, money, money, money],
    rows,
  });
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
  const received = await prisma().licenceLedgerEntry.findMany({
    where: { kind: { in: ['payment', 'guarantee-claim'] } },
  });
  const columns = [text(), money, money, money];
  const by = (len: number, list = received) =>
    tally(
      list,
      (e) => [e.on.slice(0, len)],
      (e) => [
        e.kind === 'payment' ? fen(e.amountCny) : 0n,
        e.kind === 'guarantee-claim' ? fen(e.amountCny) : 0n,
        fen(e.amountCny),
      ],
    );
  await open(page, '/reports/received');
  await expectTable(page, '/reports/received', 'by-month', { columns, rows: by(7) });
  await expectTable(page, '/reports/received', 'by-year', { columns, rows: by(4) });
  await screenshot(page, 'console-report-received');
  const in2025 = received.filter((e) => e.on >= '2025-01-01' && e.on <= '2025-12-31');
  await open(page, '/reports/received?from=2025-01-01&to=2025-12-31');
  await expectTable(
    page,
    '/reports/received',
    'by-year',
    { columns, rows: by(4, in2025) },
    'from=2025-01-01&to=2025-12-31',
  );
  expect(await pageTable(page, 'by-year')).toEqual([['2025', '¥112,345.67', '¥0.00', '¥112,345.67']]);
});

test('grants by status and jurisdiction, and for one unit', async () => {
  const page = await loginAs(cs, 'tto');
  const grants = await prisma().case.findMany({ where: { kind: 'rights-grant' } });
  const check = async (list: typeof grants, query: string) => {
    await open(page, `/reports/grants${query ? `?${query}` : ''}`);
    await expectTable(
      page,
      '/reports/grants',
      'by-status',
      { columns: [code('stage.'), count], rows: tally(list, (g) => [g.stage]) },
      query,
    );
    await expectTable(
      page,
      '/reports/grants',
      'by-status-and-jurisdiction',
      { columns: [code('stage.'), text(), count], rows: tally(list, (g) => [g.stage, g.jurisdiction ?? '']) },
      query,
    );
  };
  await check(grants, '');
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
    const approved = (l: (typeof all)[number]) => [1n, l.decision === 'approved' ? 1n : 0n];
    await expectTable(page, '/reports/loan-checks', 'by-decision', {
      columns: [code('decision.'), count],
      rows: tally(list, (l) => [l.decision]),
    });
    await expectTable(page, '/reports/loan-checks', 'by-policy', {
      columns: [text(), count, count],
      rows: tally(list, (l) => [`${l.policyId}@${l.policyVersion}`], approved),
    });
    await expectTable(page, '/reports/loan-checks', 'by-city', {
      columns: [text(), count, count],
      rows: tally(list, (l) => [l.jurisdiction], approved),
    });
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
  const reviews = await prisma().case.findMany({ where: { kind: 'diligence-exemption' } });
  const persons: Array<{ outcome: string; review: string | null }> = reviews.flatMap((r) => {
    const outcomes = (r.view as { determination: { outcomes: Array<{ outcome: string }> } | null }).determination
      ?.outcomes;
    return outcomes?.length
      ? outcomes.map((o) => ({ outcome: o.outcome, review: r.id }))
      : [{ outcome: r.stage === 'declined' ? 'declined' : 'pending', review: r.id }];
  });
  const rows = tally(persons, (p) => [p.outcome]).map(([outcome]) => {
    const mine = persons.filter((p) => p.outcome === outcome);
    const determined = !['pending', 'declined'].includes(outcome as string);
    return [outcome, determined ? BigInt(mine.length) : 0n, BigInt(new Set(mine.map((p) => p.review)).size)];
  });
  await open(page, '/reports/reviews');
  await expectTable(page, '/reports/reviews', 'by-outcome', { columns: [code('report.outcome.'), count, count], rows });
  await screenshot(page, 'console-report-reviews');
  await page.click('form[action="/language"] button');
  await page.waitForSelector('html[lang="en"]');
  expect(await page.$eval('h1', (h) => h.textContent)).toBe(t('en', 'report.reviews.title'));
  expect(await pageTable(page, 'by-outcome')).toEqual(
    sorted(rows.map((r) => [pageText('en', code('report.outcome.'), r[0]), String(r[1]), String(r[2])])),
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
