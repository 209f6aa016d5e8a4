// Notices by e-mail on real parts: the Temporal dev server, PGlite, the whole stack, and a real
// SMTP server started by the test. A rights grant's steps mail the people holding the step's role
// once each, also when the stack (worker included) is stopped and started again mid-case; a mail
// server outage delays the mails, loses none and sends none twice.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startStack, type Stack } from '../../client/stack';
import { People } from '../../client/people/people';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { devServerEnv } from '../support/temporal-env';
import { openTestDatabase, type TestDatabase } from '../support/test-db';
import { KEYS, testKeys } from '../support/stack';
import { MailCatcher } from '../support/mail-catcher';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let mail: MailCatcher;
let stack: Stack;

const start = () =>
  startStack({
    temporal: { address: env.address, namespace: 'default' },
    database: db,
    keys: testKeys(),
    port: 0,
    smtp: mail.smtp(),
  });

async function api(method: string, path: string, key: string, body?: unknown) {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`never ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  [env, db, mail] = await Promise.all([devServerEnv(), openTestDatabase('pglite'), MailCatcher.start()]);
  const people = new People(db.prisma);
  await people.create({
    login: 'dept-head',
    name: 'Dept Head',
    email: 'head@dept.test',
    language: 'en',
    roles: [{ role: 'department' }],
  });
  await people.create({
    login: 'dept-deputy',
    name: '副主任',
    email: 'deputy@dept.test',
    roles: [{ role: 'department' }],
  });
  await people.create({ login: 'dept-nomail', name: 'No Mail', roles: [{ role: 'department' }] });
  const gone = await people.create({
    login: 'dept-gone',
    name: 'Gone',
    email: 'gone@dept.test',
    roles: [{ role: 'department' }],
  });
  await people.setDisabled(gone.userId, true);
  await people.create({
    login: 'tto-officer',
    name: 'TTO Officer',
    email: 'tto@office.test',
    roles: [{ role: 'tto' }],
  });
  await people.create({
    login: 'licensee-x',
    name: 'Licensee',
    email: 'x@licensee.test',
    roles: [{ role: 'licensee', licenseeId: 'X Ltd.' }],
  });
  stack = await start();
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await mail?.down();
  await env?.teardown();
  await db?.destroy();
});

test('a rights grant mails each step to the people holding its role, once each, across a restart of the stack', async () => {
  const launched = await api('POST', '/v1/cases/rights-grant', KEYS.tto, { caseId: 'mail-1', ...EXAMPLE_RIGHTS_GRANT });
  expect(launched.status).toBe(201);
  await until(
    'mailed the department',
    () => mail.to('head@dept.test').length === 1 && mail.to('deputy@dept.test').length === 1,
  );
  const [en] = mail.to('head@dept.test');
  expect(en.subject).toBe('[transferflow] rights grant mail-1: the department review step is waiting for you');
  expect(en.text).toContain('Dear Dept Head,');
  expect(en.text).toContain('http://127.0.0.1:3000/cases/mail-1');
  expect(en.html).toContain('<a href="http://127.0.0.1:3000/cases/mail-1">');
  const [zh] = mail.to('deputy@dept.test');
  expect(zh.subject).toBe('[transferflow] 赋权 mail-1：“院系审核”环节等待您办理');
  expect(zh.text).toContain('副主任，您好：');

  // The worker, API and sender stop and start again mid-case: what was sent is not sent again.
  await stack.stop();
  stack = await start();
  expect((await api('POST', '/v1/cases/mail-1/actions', KEYS.department, { action: 'approve' })).status).toBe(200);
  await until('mailed the office', () => mail.to('tto@office.test').length === 1);
  await new Promise((r) => setTimeout(r, 1500)); // rounds of the sender after the last mail: still once each
  expect(mail.to('head@dept.test')).toHaveLength(1);
  expect(mail.to('deputy@dept.test')).toHaveLength(1);
  expect(mail.to('tto@office.test')[0].subject).toContain('“转化办审核”环节');
  // Nobody outside the step's role, nobody disabled, nobody without an address.
  expect(new Set(mail.mails.flatMap((m) => m.to))).toEqual(
    new Set(['head@dept.test', 'deputy@dept.test', 'tto@office.test']),
  );
  expect(new Set(mail.mails.map((m) => m.messageId)).size).toBe(mail.mails.length);
  const rows = await db.prisma.notice.findMany({ where: { caseId: 'mail-1' } });
  expect(rows.map((r) => `${r.recipient}:${r.status}`).sort()).toEqual([
    'deputy@dept.test:sent',
    'head@dept.test:sent',
    'tto@office.test:sent',
  ]);
  // The notice history through the API: office and audit roles; not a licensee.
  const history = await api('GET', '/v1/cases/mail-1/notices', KEYS.auditor);
  expect(history.status).toBe(200);
  expect(history.body.items.map((n: { event: string; recipient: string; status: string }) => n.status)).toEqual([
    'sent',
    'sent',
    'sent',
  ]);
  expect(history.body.items[0]).toMatchObject({ event: 'case.step-waiting', optional: true, attempts: 1 });
  expect((await api('GET', '/v1/cases/mail-1/notices', KEYS.licensee)).status).toBe(403);
  expect((await api('GET', '/v1/cases/nope/notices', KEYS.tto)).status).toBe(404);
}, 300_000);

test('the mail server down for a while: the notice waits (pending, its error shown), then arrives once', async () => {
  await mail.down();
  const launched = await api('POST', '/v1/cases/rights-grant', KEYS.tto, { caseId: 'mail-2', ...EXAMPLE_RIGHTS_GRANT });
  expect(launched.status).toBe(201);
  await until('tried and failed', async () => {
    const rows = await db.prisma.notice.findMany({ where: { caseId: 'mail-2' } });
    return rows.length === 2 && rows.every((r) => r.status === 'pending' && r.attempts >= 1 && r.lastError);
  });
  const before = mail.mails.length;
  await mail.up();
  await until(
    'sent after the server returned',
    async () => (await db.prisma.notice.count({ where: { caseId: 'mail-2', status: 'sent' } })) === 2,
    60_000,
  );
  await new Promise((r) => setTimeout(r, 1000));
  const arrived = mail.mails.slice(before);
  expect(arrived.flatMap((m) => m.to).sort()).toEqual(['deputy@dept.test', 'head@dept.test']);
}, 300_000);

test('unsubscribing from an optional notice (never a default one) and a daily digest instead of one mail each', async () => {
  const people = await db.prisma.person.findMany({ where: { login: { in: ['dept-head', 'dept-deputy'] } } });
  const id = (login: string) => people.find((p) => p.login === login)!.id;
  const keyOf = async (login: string) =>
    (await db.prisma.noticePreference.findUniqueOrThrow({ where: { personId: id(login) } })).unsubscribeKey;
  const headKey = await keyOf('dept-head');
  // The link every optional mail carries, with the person's token.
  expect(mail.to('head@dept.test')[0].text).toContain(
    `http://127.0.0.1:3000/v1/notices/unsubscribe?key=${headKey}&event=case.step-waiting`,
  );
  const page = await fetch(`${stack.apiUrl}/v1/notices/unsubscribe?key=${headKey}&event=case.step-waiting`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<form method="post"');
  const post = (query: string) =>
    fetch(`${stack.apiUrl}/v1/notices/unsubscribe?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
  expect((await post(`key=${headKey}&event=licence.defaulted`)).status).toBe(400);
  expect((await post(`key=${'x'.repeat(32)}&event=case.step-waiting`)).status).toBe(404);
  expect((await post(`key=${headKey}&event=case.step-waiting`)).status).toBe(200);
  const digest = await fetch(`${stack.apiUrl}/v1/notices/preferences`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: await keyOf('dept-deputy'), digest: true }),
  });
  expect(await digest.json()).toEqual({ digest: true, muted: [] });

  const before = mail.mails.length;
  expect(
    (await api('POST', '/v1/cases/rights-grant', KEYS.tto, { caseId: 'mail-3', ...EXAMPLE_RIGHTS_GRANT })).status,
  ).toBe(201);
  await until('the digest sent', () => mail.to('deputy@dept.test').length === 3);
  const [d] = mail.to('deputy@dept.test').slice(-1);
  expect(d.subject).toBe('[transferflow] 每日摘要：1 条通知');
  expect(d.text).toContain('mail-3');
  await new Promise((r) => setTimeout(r, 1000));
  expect(mail.mails.slice(before).flatMap((m) => m.to)).toEqual(['deputy@dept.test']); // nothing to the unsubscribed
  const rows = await db.prisma.notice.findMany({ where: { caseId: 'mail-3' }, orderBy: { recipient: 'asc' } });
  expect(rows.map((r) => `${r.recipient}:${r.status}`)).toEqual(['deputy@dept.test:sent', 'head@dept.test:skipped']);
}, 300_000);
