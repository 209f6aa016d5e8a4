// A licence's notices on the time-skipping server with the real activities and PGlite: reminders,
// the due date, overdue and default mailed on their days (through a real SMTP server), and the
// bug of issue 14 item 5 — a licence registered after its due dates used to default in the same
// second, with no notice; now its licensee gets the due notice and the full grace period from
// the day it learnt of the schedule, and the credit flag is lifted (and the lifting recorded) on cure.
import { addDays, addMonths, chinaDate } from '../../policies/dates';
import { getPack } from '../../policies/registry';
import type { DeferredLicenceParameters } from '../../policies/deferred-licence/parameters';
import { People } from '../../client/people/people';
import { NoticeSender } from '../../client/notices/sender';
import type { LicenceView } from '../../workflows/deferred-licence-definitions';
import {
  atStage,
  licenceAct as act,
  licenceFixture,
  reachLicence,
  signAndRegister,
  startLicence,
} from '../support/licence-driver';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { MailCatcher } from '../support/mail-catcher';
import { expectReplays as expectReplaysOf } from '../support/replay-live';

const tsw = useTimeSkippingWorker('notices-test');
let mail: MailCatcher;
const LICENSEE = 'licensee@liangjiang.test';
const OFFICE = 'office@tto.test';
const INSURER = 'claims@picc.test';

beforeAll(async () => {
  mail = await MailCatcher.start();
  const people = new People(tsw().db.prisma);
  await people.create({
    login: 'lj-finance',
    name: 'LJ Finance',
    email: LICENSEE,
    language: 'en',
    roles: [{ role: 'licensee', licenseeId: 'Liangjiang Sensors Ltd.' }],
  });
  await people.create({
    login: 'other-finance',
    name: 'Other',
    email: 'other@licensee.test',
    roles: [{ role: 'licensee', licenseeId: 'Other Ltd.' }],
  });
  await people.create({ login: 'tto-1', name: '技术转移办公室', email: OFFICE, roles: [{ role: 'tto' }] });
}, 60_000);
afterAll(() => mail?.down());

const today = async () => chinaDate(await tsw().env.currentTimeMs());
const sleepDays = (n: number) => tsw().env.sleep(`${n} days`);
const processOf = (v: LicenceView) => (getPack(v.eligibility.policy).parameters as DeferredLicenceParameters).process;

/** The notices of a case as the outbox holds them: event and the China day it happened, per recipient. */
async function noticesOf(caseId: string, recipient: string): Promise<string[]> {
  const rows = await tsw().db.prisma.notice.findMany({ where: { caseId, recipient }, orderBy: { eventAt: 'asc' } });
  return rows.map((r) => `${r.event}@${chinaDate(r.eventAt.getTime())}`);
}

const replays = (handle: { workflowId: string; firstExecutionRunId: string }) =>
  expectReplaysOf(tsw().env.client, handle.workflowId, handle.firstExecutionRunId);

test('reminders, due, overdue and default are mailed on their days to the licensee and the office, once each', async () => {
  const effectiveOn = await today();
  const f = licenceFixture({
    effectiveOn,
    payment: { feeCny: 200_000, instalments: 2, intervalMonths: 12 },
    guarantee: {
      kind: 'insurance',
      provider: 'PICC',
      contact: { name: 'PICC Claims', email: INSURER, language: 'en' },
    },
  });
  const handle = await startLicence(tsw().env.client, 'notices-test', 'ln-days', f);
  const free = await signAndRegister(handle);
  const proc = processOf(free);
  const dueOn = addMonths(effectiveOn, 12);
  await sleepDays(366 + proc.graceDays + 2);
  await reachLicence(handle, atStage('default'), 'defaulted');
  const expected = [
    ...proc.reminderDaysBefore.map((d) => `licence.reminder@${addDays(dueOn, -d)}`),
    `licence.payment-due@${dueOn}`,
    `licence.overdue@${addDays(dueOn, 1)}`,
    `licence.defaulted@${addDays(dueOn, proc.graceDays + 1)}`,
  ];
  expect(await noticesOf('ln-days', LICENSEE)).toEqual(expected);
  // The office also heard of its own steps (contract, registration) when they opened.
  expect(await noticesOf('ln-days', OFFICE)).toEqual([
    `case.step-waiting@${effectiveOn}`,
    `case.step-waiting@${effectiveOn}`,
    ...expected,
  ]);
  expect(await noticesOf('ln-days', 'other@licensee.test')).toEqual([]); // another licensee's people
  // The insurer named on the licence hears of the overdue payment and the default, nothing else.
  expect(await noticesOf('ln-days', INSURER)).toEqual([
    `licence.overdue@${addDays(dueOn, 1)}`,
    `licence.defaulted@${addDays(dueOn, proc.graceDays + 1)}`,
  ]);

  const sender = new NoticeSender(tsw().db.prisma, mail.smtp());
  await sender.sendDue();
  await sender.sendDue(); // nothing is sent twice
  const mine = mail.to(LICENSEE);
  expect(mine).toHaveLength(expected.length);
  expect(mine.map((m) => m.subject)).toContain(
    '[transferflow] Licence ln-days: payment 1 of ¥100,000.00 is in default',
  );
  const overdue = mine.find((m) => m.subject.includes('overdue'))!;
  expect(overdue.text).toContain(`Pay it by ${formatEn(addDays(dueOn, proc.graceDays))}`);
  expect(mail.to(OFFICE)).toHaveLength(expected.length + 2);
  expect(mail.to(INSURER).map((m) => m.subject)).toEqual([
    '[transferflow] Licence ln-days: payment 1 of ¥100,000.00 is overdue',
    '[transferflow] Licence ln-days: payment 1 of ¥100,000.00 is in default',
  ]);
  expect(mail.to(OFFICE)[0].text).toContain('技术转移办公室，您好：');
  await replays(handle);
}, 120_000);

test('a licence registered after its due date: due notice at once, the full grace period, no default before it; the credit flag lifted on cure', async () => {
  const registeredOn = await today();
  // Effective 22 months ago with 12 free months: instalment 1 fell due ten months before registration.
  const effectiveOn = addMonths(registeredOn, -22);
  const f = licenceFixture({ effectiveOn, payment: { feeCny: 60_000, instalments: 2, intervalMonths: 12 } });
  const handle = await startLicence(tsw().env.client, 'notices-test', 'ln-late', f);
  const paying = await signAndRegister(handle, 'paying');
  const proc = processOf(paying);
  // Registered: the first instalment is posted as due now, and nothing else happened.
  expect(paying.noticedOn).toBe(registeredOn);
  expect(paying.schedule[0]).toMatchObject({ posted: true, status: 'due' });
  expect(paying).toMatchObject({ creditFlagged: false, guaranteeClaims: [] });
  expect(paying.history.map((h) => h.action)).not.toContain('defaulted');
  expect(await noticesOf('ln-late', LICENSEE)).toEqual([`licence.payment-due@${registeredOn}`]);

  // The last day of grace counted from registration: still no default.
  await sleepDays(proc.graceDays);
  const lastDay = await reachLicence(handle, (v) => v.schedule[0].status === 'overdue', 'overdue');
  expect(lastDay.stage).toBe('paying');
  expect(lastDay.history.find((h) => h.action === 'overdue')?.reason).toContain(`notified on ${registeredOn}`);
  await sleepDays(2);
  const defaulted = await reachLicence(handle, atStage('default'), 'defaulted after the grace period');
  expect(defaulted.creditFlagged).toBe(true);
  // (Instalment 2's first reminder may already have come too: only the first instalment's notices here.)
  expect((await noticesOf('ln-late', LICENSEE)).slice(0, 3)).toEqual([
    `licence.payment-due@${registeredOn}`,
    `licence.overdue@${addDays(registeredOn, 1)}`,
    `licence.defaulted@${addDays(registeredOn, proc.graceDays + 1)}`,
  ]);

  const cured = await act(handle, 'tto', {
    action: 'record-payment',
    amountCny: '30000.00',
    reference: 'LATE-1',
    payer: 'Liangjiang Sensors Ltd.',
  });
  expect(cured.stage).toBe('paying');
  expect(cured.creditFlagged).toBe(false);
  expect(cured.history.slice(-2).map((h) => h.action)).toEqual(['resume', 'credit-flag-lifted']);
  expect((await noticesOf('ln-late', LICENSEE)).at(-1)).toMatch(/^licence\.credit-flag-lifted@/);
  const audit = await tsw().db.prisma.auditEvent.findMany({ where: { caseId: handle.workflowId } });
  expect(audit.map((e) => e.action)).toContain('deferred-licence.credit-flag-lifted');
  await replays(handle);
}, 120_000);

function formatEn(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
}
