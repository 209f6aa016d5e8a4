// Training mode as a new office meets it: the stack on the time-skipping test server started the
// way `npm start -- --training` starts it (client/training/server.ts), the banner on every page
// (signed in or not), and a rights grant walked past its 15-working-day publicity by the banner's
// "skip ahead N days" control — no test hook moves the clock, the person's form does.
import { startTrainingServer, type TrainingServer } from '../../client/training/server';
import { startConsoleOn, type ConsoleOnTemporal } from '../support/console-on-temporal';
import { expectNoSeriousA11yViolations, loginAs, screenshot } from '../support/browser';
import { fill, press, text, until, untilStage } from '../support/console-pages';

let server: TrainingServer;
let c: ConsoleOnTemporal;

beforeAll(async () => {
  server = await startTrainingServer();
  c = await startConsoleOn(
    { address: server.address, training: server.clock },
    { tto: '王芳', department: '李娜', committee: '赵磊' },
  );
}, 180_000);
afterAll(async () => {
  await c?.close();
  await server?.stop();
});

/** The training clock the banner shows, as an instant. */
async function bannerClock(page: import('puppeteer-core').Page): Promise<number> {
  return Date.parse(await page.$eval('.training time', (e) => e.getAttribute('datetime') ?? ''));
}

test('the banner is on the login page, in Chinese and English', async () => {
  const page = await c.browser.newPage();
  await page.goto(`${c.stack.apiUrl}/login`);
  expect(await text(page, '.training')).toContain('培训模式');
  // Not signed in: the clock is shown, the skip control is not.
  expect(await page.$('.training form')).toBeNull();
  await page.click('form[action="/language"] button');
  await page.waitForSelector('html[lang="en"]');
  expect(await text(page, '.training')).toContain('Practice data only, not real cases');
  await page.close();
});

test('a rights grant walked through publicity, the committee and the ledger with the skip control', async () => {
  const url = (p: string) => `${c.stack.apiUrl}${p}`;
  const casePage = url('/cases/tr-rg-1');
  const tto = await loginAs(c.console, 'tto');
  await tto.goto(url('/new/rights-grant?example=1'));
  expect(await text(tto, '.training')).toContain('快进');
  await fill(tto, { caseId: 'tr-rg-1' });
  await press(tto, 'form.launch button[type="submit"]:not([formaction])');

  const dept = await loginAs(c.console, 'department');
  await untilStage(dept, casePage, '院系审核');
  await fill(dept, { reason: '成果归属清楚' });
  await press(dept, 'button[name="action"][value="approve"]');
  await untilStage(tto, casePage, '转化办审核');
  await press(tto, 'button[name="action"][value="approve"]');
  await untilStage(tto, casePage, '公示');
  await expectNoSeriousA11yViolations(tto);
  await screenshot(tto, 'console-training-publicity');

  // Seven days (the form's default) do not end 15 working days of publicity…
  const before = await bannerClock(tto);
  await press(tto, '.training button[type="submit"]');
  expect(tto.url()).toBe(casePage);
  const after = await bannerClock(tto);
  expect(after - before).toBeGreaterThanOrEqual(7 * 86_400_000);
  expect(after - before).toBeLessThan(8 * 86_400_000);
  await new Promise((r) => setTimeout(r, 1000));
  await untilStage(tto, casePage, '公示');
  // …another 25 do.
  await fill(tto, { days: '25' }, '.training');
  await press(tto, '.training button[type="submit"]');
  const committee = await loginAs(c.console, 'committee');
  await untilStage(committee, casePage, '集体决策', 30_000);
  await fill(committee, { reason: '经转化委员会集体审议通过' });
  await press(committee, 'button[name="action"][value="approve"]');

  await untilStage(tto, casePage, '签订协议');
  await fill(tto, { reference: 'TRAIN-AGR-001' });
  await press(tto, 'button[name="action"][value="sign"]');
  const done = await until(tto, casePage, '登记时间', 30_000);
  expect(done).toContain('TRAIN-AGR-001');
  expect(await text(tto, '.timeline')).toContain('公示期满');
  await screenshot(tto, 'console-training-ledger');
});

test('a skip of 0 days or more than a year is refused with the field named, and the clock does not move', async () => {
  const tto = await loginAs(c.console, 'tto');
  await tto.goto(`${c.stack.apiUrl}/`);
  const before = await bannerClock(tto);
  const status = await tto.evaluate(async () => {
    const doc = (globalThis as unknown as { document: any }).document;
    const token = doc.querySelector('.training input[name="_csrf"]').value;
    const r = await fetch('/training/skip-ahead', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, days: '400' }).toString(),
      redirect: 'manual',
    });
    return { status: r.status, body: await r.text() };
  });
  expect(status.status).toBe(400);
  expect(status.body).toContain('days');
  await tto.goto(`${c.stack.apiUrl}/`);
  expect((await bannerClock(tto)) - before).toBeLessThan(60_000);
});
