// Reading the console's printed documents back in browser tests: fetched with the page's session,
// each PDF's first page rendered to docs/screenshots (pdftoppm) and its text read (pdftotext), and
// its fingerprint checked against the JSON record served beside it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { SCREENSHOTS } from './browser';

/** GET from the page, with its session cookie: the body's bytes and the headers the tests read. */
export async function fetchInPage(
  page: Page,
  p: string,
): Promise<{ status: number; type: string; sha: string; body: Buffer }> {
  const r = await page.evaluate(async (target: string) => {
    const res = await fetch(target);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      sha: res.headers.get('x-content-sha256') ?? '',
      body: btoa(bin),
    };
  }, p);
  return { ...r, body: Buffer.from(r.body, 'base64') };
}

/** A PDF read back: its text (pdftotext) and its first page as a PNG in docs/screenshots (pdftoppm); `dir` holds the PDF. */
export function readPdf(pdf: Buffer, name: string, dir: string): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    file,
    path.join(SCREENSHOTS, name),
  ]);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** A document's record as the tests read it: its case, the pack that decided, and what it prints. */
export interface PrintedRecord {
  caseId: string;
  pack: { id: string; version: string; hash: string };
  facts: Record<string, any>;
}

/**
 * A printed document: the JSON record's SHA-256 is what both answers name, the PDF's text carries
 * the wanted words and that hash. Answers the record.
 */
export async function checkDocument<T = PrintedRecord>(
  page: Page,
  pdfPath: string,
  jsonPath: string,
  name: string,
  wanted: string[],
  dir: string,
): Promise<T> {
  const record = await fetchInPage(page, jsonPath);
  expect(record.status).toBe(200);
  const sha = createHash('sha256').update(record.body).digest('hex');
  expect(record.sha).toBe(sha);
  const pdf = await fetchInPage(page, pdfPath);
  expect({ status: pdf.status, type: pdf.type, sha: pdf.sha }).toEqual({ status: 200, type: 'application/pdf', sha });
  expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  const printed = readPdf(pdf.body, name, dir).replace(/\s+/g, '');
  for (const w of [...wanted, sha])
    expect({ name, printed: printed.includes(w.replace(/\s+/g, '')), w }).toEqual({ name, printed: true, w });
  return JSON.parse(record.body.toString('utf8')) as T;
}
