// The notices to people a case's request names (issue 14 item 1), on the time-skipping server with
// the real activities, PGlite, a real SMTP server and a local webhook receiver: a rights grant's
// publicity contacts hear when its publicity starts and ends (also when an objection ends it), a
// review's applicants hear their own determination and the office all of it, and an office
// endpoint receives a signed review.determined (its secret stored encrypted). Each mail arrives once; Chinese mails name the
// stage as the console does.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { formatDate } from '../../client/console/i18n';
import { People } from '../../client/people/people';
import { NoticeSender } from '../../client/notices/sender';
import { WebhookDispatcher } from '../../client/webhooks/dispatcher';
import { newWebhookSecret, verifyWebhook } from '../../client/webhooks/signature';
import { sealSecret } from '../../client/webhooks/secret-box';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import {
  act,
  eventually,
  reach,
  sleepThroughPublicity,
  startCase,
  throughReviews,
} from '../support/rights-grant-driver';
import { findAll, reachReview, reviewAct, reviewRequest, startReview } from '../support/review-driver';
import { MailCatcher } from '../support/mail-catcher';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { expectReplays as expectReplaysOf } from '../support/replay-live';

const QUEUE = 'contact-test';
/** Webhook secrets are stored encrypted under this key (TRANSFERFLOW_WEBHOOK_SECRET_KEY in production). */
const SECRET_KEY = randomBytes(32).toString('base64');
const tsw = useTimeSkippingWorker(QUEUE, {
  startAt: Date.parse('2026-03-09T09:00:00+08:00'),
  webhookAllowLoopback: true,
  webhookSecretKey: SECRET_KEY,
});

const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
let receiver: Server;
let receiverUrl: string;
let mail: MailCatcher;
const HEAD = 'head@dept.test';
const OFFICE = 'office@tto.test';
const PUBLICITY = [
  { name: '宣传部 刘老师', email: 'publicity@unit.test' },
  { name: 'Jane Doe', email: 'jane@unit.test', language: 'en' as const },
];

beforeAll(async () => {
  mail = await MailCatcher.start();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  const people = new People(tsw().db.prisma);
  await people.create({ login: 'dept-head', name: '李主任', email: HEAD, roles: [{ role: 'department' }] });
  await people.create({ login: 'tto-1', name: 'Office', email: OFFICE, language: 'en', roles: [{ role: 'tto' }] });
}, 60_000);
afterAll(async () => {
  await mail?.down();
  await new Promise<void>((r) => receiver.close(() => r()));
});

const noticesOf = (caseId: string) =>
  tsw().db.prisma.notice.findMany({ where: { caseId }, orderBy: [{ createdAt: 'asc' }, { recipient: 'asc' }] });
const eventsOf = async (caseId: string, recipient: string) =>
  (await noticesOf(caseId)).filter((n) => n.recipient === recipient).map((n) => n.event);

const replays = (workflowId: string) => expectReplaysOf(tsw().env.client, workflowId);

test('publicity contacts hear when a grant’s publicity starts and ends, once each, in their language', async () => {
  const request = { ...EXAMPLE_RIGHTS_GRANT, publicityContacts: PUBLICITY };
  const handle = await startCase(tsw().env.client, QUEUE, 'pub-1', request);
  await throughReviews(handle);
  const { publicityEndsOn } = await reach(handle, 'publicity');
  await eventually(
    () => eventsOf('pub-1', 'publicity@unit.test'),
    (e) => e.length === 1,
    'told of the start',
  );
  await sleepThroughPublicity(tsw().env, handle);
  await reach(handle, 'collective-decision');
  await eventually(
    () => eventsOf('pub-1', 'jane@unit.test'),
    (e) => e.length === 2,
    'told of the end',
  );
  for (const c of PUBLICITY)
    expect(await eventsOf('pub-1', c.email)).toEqual(['grant.publicity-started', 'grant.publicity-ended']);
  // The department head heard of the steps waiting for them (the review, and publicity, where they may object).
  expect(await eventsOf('pub-1', HEAD)).toEqual(['case.step-waiting', 'case.step-waiting']);

  const sender = new NoticeSender(tsw().db.prisma, mail.smtp());
  await sender.sendDue();
  await sender.sendDue(); // nothing is sent twice
  const zh = mail.to('publicity@unit.test');
  expect(zh.map((m) => m.subject)).toEqual([
    `[transferflow] 赋权 pub-1：公示开始，至 ${formatDate('zh', publicityEndsOn!)} 结束`,
    '[transferflow] 赋权 pub-1：公示期满，无异议',
  ]);
  expect(zh[0].text).toContain('宣传部 刘老师，您好：');
  expect(zh[0].text).not.toContain('/v1/notices/unsubscribe'); // not optional, and a contact has no preferences
  const en = mail.to('jane@unit.test');
  expect(en.map((m) => m.subject)).toEqual([
    `[transferflow] rights grant pub-1: publicity starts, ending on ${formatDate('en', publicityEndsOn!)}`,
    '[transferflow] rights grant pub-1: publicity over, no objection',
  ]);
  // The stage in a Chinese mail is the console's name for it, not its identifier.
  const head = mail.to(HEAD);
  expect(head.map((m) => m.subject).sort()).toEqual([
    '[transferflow] 赋权 pub-1：“公示”环节等待您办理',
    '[transferflow] 赋权 pub-1：“院系审核”环节等待您办理',
  ]);
  expect(head.map((m) => m.text).join('\n')).not.toMatch(/department-review|publicity/);
  await handle.terminate('test over');
  await replays(handle.workflowId);
}, 120_000);

test('an objection ends the publicity: the contacts are told it ended with an objection', async () => {
  const request = { ...EXAMPLE_RIGHTS_GRANT, publicityContacts: PUBLICITY.slice(0, 1) };
  const handle = await startCase(tsw().env.client, QUEUE, 'pub-2', request);
  await throughReviews(handle);
  await act(handle, 'department', { action: 'object', reason: 'the inventor split was not agreed' });
  await reach(handle, 'office-review');
  const notices = await eventually(
    () => noticesOf('pub-2'),
    (rows) => rows.some((n) => n.event === 'grant.publicity-ended'),
    'told of the end',
  );
  const ended = notices.find((n) => n.event === 'grant.publicity-ended')!;
  expect(ended.subject).toBe('[transferflow] 赋权 pub-2：公示期间收到异议，公示终止');
  expect(ended.text).toContain('案件已退回转化办重新审核');
  await handle.terminate('test over');
});

test('a review’s determination: each applicant hears their own outcome, the office all; a signed review.determined', async () => {
  const secret = newWebhookSecret();
  await tsw().db.prisma.webhookEndpoint.create({
    data: {
      id: 'wh_office',
      ownerId: 'tto-1',
      role: 'tto',
      bankIds: [],
      url: receiverUrl,
      events: ['review.determined'],
      secret: sealSecret(secret, SECRET_KEY),
    },
  });
  // At rest the secret is sealed: the database alone cannot sign a delivery.
  const stored = await tsw().db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: 'wh_office' } });
  expect(stored.secret).toMatch(/^sealed:v1:/);
  expect(stored.secret).not.toContain(secret.slice(6));
  const request = reviewRequest({
    applicants: [
      { name: 'Li Ming', role: 'leader', email: 'li.ming@unit.test' },
      { name: 'Zhao Hua', role: 'researcher', email: 'zhao.hua@unit.test', language: 'en' },
    ],
  });
  const handle = await startReview(tsw().env.client, QUEUE, 'rev-1', request);
  await reachReview(handle, 'acceptance');
  await reviewAct(handle, 'reviewer', { action: 'accept' });
  await findAll(handle, ['Li Ming', 'Zhao Hua'], { 'Zhao Hua/illegalGain': true });
  await reachReview(handle, 'determination');
  await reviewAct(handle, 'committee', {
    action: 'determine',
    outcomes: [
      { person: 'Li Ming', outcome: 'exempt' },
      { person: 'Zhao Hua', outcome: 'not' },
    ],
  });
  await reachReview(handle, 'result');
  const rows = await eventually(
    () => noticesOf('rev-1'),
    (r) => r.filter((n) => n.event === 'review.determined').length === 3,
    'determination written',
  );
  const determined = rows.filter((n) => n.event === 'review.determined');
  expect(determined.map((n) => n.recipient).sort()).toEqual(['li.ming@unit.test', OFFICE, 'zhao.hua@unit.test']);
  expect(determined.every((n) => !n.optional)).toBe(true);

  const sender = new NoticeSender(tsw().db.prisma, mail.smtp());
  await sender.sendDue();
  await sender.sendDue();
  const [li] = mail.to('li.ming@unit.test');
  expect(li.subject).toBe('[transferflow] 尽职免责审查 rev-1：已作出认定');
  expect(li.text).toContain('认定结果：Li Ming：免责。');
  expect(li.text).not.toContain('Zhao Hua'); // an applicant hears only their own outcome
  const [zhao] = mail.to('zhao.hua@unit.test');
  expect(zhao.text).toContain('Outcome: Zhao Hua: Not exempt.');
  expect(zhao.text).not.toContain('Li Ming');
  const office = mail.to(OFFICE).filter((m) => m.subject.includes('determined'));
  expect(office).toHaveLength(1);
  expect(office[0].text).toContain('Outcome: Li Ming: Exempt; Zhao Hua: Not exempt.');

  // The office's endpoint: one delivery, signed with its secret.
  const dispatcher = new WebhookDispatcher(tsw().db.prisma, tsw().env.client, 200, QUEUE);
  expect(await dispatcher.dispatch()).toBe(1);
  expect(await dispatcher.dispatch()).toBe(0);
  await eventually(
    async () => received.length,
    (n) => n === 1,
    'delivered',
  );
  const [hit] = received;
  const headers = {
    'webhook-id': hit.headers['webhook-id'] as string,
    'webhook-timestamp': hit.headers['webhook-timestamp'] as string,
    'webhook-signature': hit.headers['webhook-signature'] as string,
  };
  expect(verifyWebhook(secret, headers, hit.body)).toBe(true);
  expect(verifyWebhook(secret, headers, hit.body.replace('"not"', '"exempt"'))).toBe(false);
  const body = JSON.parse(hit.body);
  expect(body).toMatchObject({
    type: 'review.determined',
    data: {
      caseId: 'rev-1',
      kind: 'diligence-exemption',
      outcomes: [
        { person: 'Li Ming', outcome: 'exempt' },
        { person: 'Zhao Hua', outcome: 'not' },
      ],
    },
  });
  expect(hit.body).not.toContain('unit.test'); // no contact's address leaves in a webhook
  await handle.terminate('test over');
  await replays(handle.workflowId);
}, 120_000);
