// Chromium's print-to-PDF: the document's HTML (self-contained, its styles inline) laid out on A4
// by Debian's chromium through puppeteer-core — the browser the tests drive, with fonts-noto-cjk
// for the Chinese text. One print at a time: a browser per print is heavy on a small server, and
// documents are printed by people, not in bulk.
import type { Browser } from 'puppeteer-core';
import { importEsm } from '../../esm';
import { config } from '../../config';

let queue: Promise<unknown> = Promise.resolve();

async function launch(): Promise<Browser> {
  type Puppeteer = typeof import('puppeteer-core').default;
  const puppeteer = (await importEsm<{ default: Puppeteer }>('puppeteer-core')).default;
  return puppeteer.launch({
    executablePath: config().console.chromium,
    headless: true,
    // Our own markup only, no network: as root in a container Chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
}

async function print(documentHtml: string): Promise<Buffer> {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    // Nothing outside the document may load: it is printed from its own text alone.
    await page.setRequestInterception(true);
    page.on('request', (r) => void (r.url().startsWith('data:') ? r.continue() : r.abort()));
    await page.setContent(documentHtml, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '18mm', bottom: '18mm', left: '20mm', right: '20mm' },
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}

export function printPdf(documentHtml: string): Promise<Buffer> {
  const next = queue.then(
    () => print(documentHtml),
    () => print(documentHtml),
  );
  queue = next.catch(() => undefined);
  return next;
}
