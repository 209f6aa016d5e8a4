// The notices pages in Debian's Chromium on the dev server (issue 14): a rights grant's notice
// history on its own page, linked from the case page — who was told what, when, and whether it
// was delivered (one mail through a real SMTP server, one still pending with the error of a mail
// server that is down) — and a person's notice preferences, read and saved through the page's
// CSRF-checked form. axe-core on each page; screenshots for the README.
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { NoticeSender } from '../../client/notices/sender';
import {
  expectNoSeriousA11yViolations,
  loginAs,
  screenshot,
  startConsoleStack,
  type ConsoleStack,
} from '../support/browser';
import { press, text, until } from '../support/console-pages';
import { MailCatcher } from '../support/mail-catcher';
import { KEYS } from '../support/stack';

let stack: ConsoleStack;
let mail: MailCatcher;
beforeAll(async () => {
  [stack, mail] = await Promise.all([startConsoleStack(), MailCatcher.start()]);
  // The department head reads Chinese, the office officer English.
  await stack.e2e.db.prisma.person.update({ where: { login: 'department-1' }, data: { email: 'li.na@unit.example' } });
  await stack.e2e.db.prisma.person.update({
    where: { login: 'tto-1' },
    data: { email: 'wang.fang@unit.example', language: 'en' },
  });
}, 180_000);
afterAll(async () => {
  await mail?.down();
  await stack?.close();
});

const url = (p: string) => `${stack.url}${p}`;
const prisma = () => stack.e2e.db.prisma;

async function untilNotices(caseId: string, n: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await prisma().notice.count({ where: { caseId } })) < n) {
    if (Date.now() > deadline) throw new Error(`${caseId} never had ${n} notices`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a case’s notice history: who was told what, when, and whether it was delivered', async () => {
  const launched = await stack.e2e.call('POST', '/v1/cases/rights-grant', KEYS.tto, {
    caseId: 'br-nt-1',
    ...EXAMPLE_RIGHTS_GRANT,
  });
  expect(launched.status).toBe(201);
  await untilNotices('br-nt-1', 1);
  const sender = new NoticeSender(prisma(), mail.smtp());
  expect(await sender.sendDue()).toBe(1); // the department head's mail, through the SMTP server
  expect(mail.to('li.na@unit.example').map((m) => m.subject)).toEqual([
    '[transferflow] 赋权 br-nt-1：“院系审核”环节等待您办理',
  ]);
  const approved = await stack.e2e.call('POST', '/v1/cases/br-nt-1/actions', KEYS.department, { action: 'approve' });
  expect(approved.status).toBe(200);
  await untilNotices('br-nt-1', 2);
  await mail.down(); // the office's mail waits: the server is down
  expect(await sender.sendDue()).toBe(0);

  const tto = await loginAs(stack, 'tto');
  await tto.goto(url('/cases/br-nt-1'));
  await press(tto, 'a[href="/cases/br-nt-1/notices"]');
  const page = await text(tto);
  expect(page).toContain('Notices of Rights grant br-nt-1'); // the officer reads English
  const rows = await tto.$$eval('table.notices tbody tr', (trs) =>
    trs.map((tr) => (tr as unknown as { innerText: string }).innerText),
  );
  expect(rows).toHaveLength(2);
  expect(rows[0]).toContain('Step waiting');
  expect(rows[0]).toContain('李娜');
  expect(rows[0]).toContain('li.na@unit.example · Chinese');
  expect(rows[0]).toMatch(/Sent\s+delivered/);
  expect(rows[1]).toContain('王芳');
  expect(rows[1]).toContain('wang.fang@unit.example · English');
  expect(rows[1]).toContain('the office review step is waiting for you');
  expect(rows[1]).toContain('Pending');
  expect(rows[1]).toContain('1 attempt(s)');
  expect(rows[1]).toMatch(/Last error: .*ECONNREFUSED/);
  await expectNoSeriousA11yViolations(tto);
  await screenshot(tto, 'console-notice-history');

  // The mail server back: the pending mail goes, and the page says so.
  await mail.up();
  await prisma().notice.updateMany({ where: { caseId: 'br-nt-1' }, data: { nextAttemptAt: new Date() } });
  expect(await sender.sendDue()).toBe(1);
  const after = await until(tto, url('/cases/br-nt-1/notices'), 'wang.fang@unit.example');
  expect(after).not.toContain('Pending');
  expect(after.match(/delivered \d/g)).toHaveLength(2);

  // A licensee may not read a case's notice history (it names the people told).
  const licensee = await loginAs(stack, 'licensee');
  const refused = await licensee.goto(url('/cases/br-nt-1/notices'));
  expect(refused?.status()).toBe(403);
}, 180_000);

test('a person’s notice preferences: read, saved with the form, and applied to waiting notices', async () => {
  const dept = await loginAs(stack, 'department');
  await dept.goto(url('/'));
  await press(dept, 'nav a[href="/notices/preferences"]');
  expect(await text(dept)).toContain('通知发送至 li.na@unit.example（中文）');
  const boxes = await dept.$$eval('input[name="receive"]', (els) =>
    els.map((e) => [
      (e as unknown as { value: string; checked: boolean }).value,
      (e as unknown as { value: string; checked: boolean }).checked,
    ]),
  );
  expect(boxes).toEqual([
    ['case.step-waiting', true],
    ['case.step-reminder', true],
    ['licence.reminder', true],
  ]);
  // A step-waiting notice still in the outbox for her: muting the kind keeps it from being sent.
  const launched = await stack.e2e.call('POST', '/v1/cases/rights-grant', KEYS.tto, {
    caseId: 'br-nt-2',
    ...EXAMPLE_RIGHTS_GRANT,
  });
  expect(launched.status).toBe(201);
  await untilNotices('br-nt-2', 1);

  await dept.click('input[name="digest"]');
  await dept.click('input[name="receive"][value="case.step-waiting"]');
  await expectNoSeriousA11yViolations(dept);
  await press(dept, 'form[action="/notices/preferences"] button[type="submit"]');
  expect(await text(dept, '[role="status"]')).toBe('通知设置已保存。');
  expect(
    await dept.$eval('input[name="digest"]', (e) => (e as unknown as { value: string; checked: boolean }).checked),
  ).toBe(true);
  const person = await prisma().person.findUniqueOrThrow({ where: { login: 'department-1' } });
  expect(await prisma().noticePreference.findUnique({ where: { personId: person.id } })).toMatchObject({
    digest: true,
    muted: ['case.step-waiting'],
  });
  expect(await prisma().notice.findFirst({ where: { caseId: 'br-nt-2', personId: person.id } })).toMatchObject({
    status: 'skipped',
  });
  // Her recent notices are on the page too, with where each stands.
  const mine = await text(dept);
  expect(mine).toContain('已退订，未发送');
  expect(mine).toContain('已发送');
  await screenshot(dept, 'console-notice-preferences');
}, 180_000);
