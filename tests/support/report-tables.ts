// A report table as the browser shows it and as it downloads: the page's rows, the CSV (UTF-8 with
// a byte-order mark, CRLF, RFC 4180 quoting) and the XLSX, each compared with what a test expects
// (tests/support/report-expected.ts), rows as sets (the order is the report's business).
import { Workbook } from 'exceljs';
import type { Page } from 'puppeteer-core';
import { fileText, pageText } from '../../client/console/reports/cells';
import type { Lang } from '../../client/console/i18n';
import type { Expected } from './report-expected';

export const sorted = (rows: string[][]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const asPage = (lang: Lang, e: Expected) => sorted(e.rows.map((r) => r.map((c, i) => pageText(lang, e.columns[i], c))));
const asFile = (lang: Lang, e: Expected) => sorted(e.rows.map((r) => r.map((c, i) => fileText(lang, e.columns[i], c))));

export async function pageTable(page: Page, id: string): Promise<string[][]> {
  const rows = await page.$$eval(`table[data-table="${id}"] tbody tr`, (trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => (td as unknown as { innerText: string }).innerText.trim()),
    ),
  );
  return sorted(rows);
}

/** A download fetched by the signed-in page (its session cookie), as bytes. */
export async function download(page: Page, href: string): Promise<{ status: number; type: string; body: Buffer }> {
  const r = await page.evaluate(async (url: string) => {
    const res = await fetch(url);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return { status: res.status, type: res.headers.get('content-type') ?? '', b64: btoa(s) };
  }, href);
  return { status: r.status, type: r.type, body: Buffer.from(r.b64, 'base64') };
}

export function parseCsv(buf: Buffer): string[][] {
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

export async function parseXlsx(buf: Buffer): Promise<Array<Array<string | number>>> {
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
export async function expectTable(
  page: Page,
  reportPath: string,
  id: string,
  expected: Expected,
  query = '',
): Promise<void> {
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
