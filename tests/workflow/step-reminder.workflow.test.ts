// The half-time reminder of a waiting step (issue 14 item 1), on the time-skipping server with the
// real activities and PGlite: a step waiting past half its pack period reminds its holders once —
// on the day half the period is gone, not before, never twice (also when the save that carries the
// reminder is retried after it committed), and a step acted on in time reminds nobody.
import { getPack } from '../../policies/registry';
import type { RightsGrantParameters } from '../../policies/rights-grant/parameters';
import { People } from '../../client/people/people';
import { DAY } from '../../workflows/case-process';
import { act, eventually, reach, startCase } from '../support/rights-grant-driver';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { expectReplays as expectReplaysOf } from '../support/replay-live';

/** The save carrying a case's reminder fails once after it committed, as a worker dying before its answer would. */
const failedAfterCommit = new Set<string>();
/** How many times a case's reminder was saved (a retried save counts again). */
const reminderSaves = new Map<string, number>();
const tsw = useTimeSkippingWorker('reminder-test', {
  startAt: Date.parse('2026-03-09T09:00:00+08:00'),
  wrapActivities: (a) => ({
    ...a,
    recordCaseStep: async (input) => {
      await a.recordCaseStep(input);
      const reminded = (input.view as { pending?: { remindedAt?: string } | null }).pending?.remindedAt;
      if (reminded) reminderSaves.set(input.caseId, (reminderSaves.get(input.caseId) ?? 0) + 1);
      if (reminded && input.caseId.startsWith('retried') && !failedAfterCommit.has(input.caseId)) {
        failedAfterCommit.add(input.caseId);
        throw new Error('worker lost after the commit (test)');
      }
    },
  }),
});

const HEAD = 'head@dept.test';
beforeAll(async () => {
  const people = new People(tsw().db.prisma);
  await people.create({
    login: 'dept-head',
    name: '李主任',
    email: HEAD,
    roles: [{ role: 'department', department: 'EE' }],
  });
  await people.create({
    login: 'tto-1',
    name: 'Office',
    email: 'tto@tto.test',
    language: 'en',
    roles: [{ role: 'tto' }],
  });
}, 60_000);

const period = getPack('cn-hefei-metro-rights-grant@2025.1').parameters as RightsGrantParameters;
const reviewDays = period.process.steps['department-review'].deadlineDays;

const noticesOf = (caseId: string) =>
  tsw().db.prisma.notice.findMany({ where: { caseId }, orderBy: [{ createdAt: 'asc' }, { recipient: 'asc' }] });
const reminders = async (caseId: string) =>
  (await noticesOf(caseId)).filter((n) => n.event === 'case.step-reminder').map((n) => n.recipient);

const replays = (workflowId: string) => expectReplaysOf(tsw().env.client, workflowId);

test('a department review left waiting reminds the department head once, when half its period is gone', async () => {
  const handle = await startCase(tsw().env.client, 'reminder-test', 'waiting-1');
  const opened = await reach(handle, 'department-review');
  const openedAt = Date.parse(opened.pending!.dueAt!) - reviewDays * DAY;
  // Just before half the period: nothing yet.
  await tsw().env.sleep((reviewDays / 2) * DAY - 3_600_000);
  expect(await reminders('waiting-1')).toEqual([]);
  await tsw().env.sleep(2 * 3_600_000);
  await eventually(
    () => reminders('waiting-1'),
    (r) => r.length === 1,
    'reminded',
  );
  const [row] = (await noticesOf('waiting-1')).filter((n) => n.event === 'case.step-reminder');
  expect(row).toMatchObject({ recipient: HEAD, optional: true, status: 'pending' });
  // On the day half the period is gone (the workflow's clock), naming the step's deadline.
  // (the timer fires at the half; the workflow task that saves it may start a moment later)
  const half = openedAt + (reviewDays / 2) * DAY;
  expect(row.eventAt.getTime()).toBeGreaterThanOrEqual(half);
  expect(row.eventAt.getTime()).toBeLessThan(half + 60_000);
  expect(row.subject).toContain('waiting-1');
  expect(row.text).toContain('2026'); // the deadline's date
  // Past the deadline: escalated, and still one reminder (and one waiting notice) for the head.
  await tsw().env.sleep((reviewDays / 2) * DAY + 3_600_000);
  const escalated = await eventually(
    () => noticesOf('waiting-1'),
    (rows) => rows.some((n) => n.event === 'case.escalated'),
    'escalated',
  );
  expect(escalated.filter((n) => n.recipient === HEAD).map((n) => n.event)).toEqual([
    'case.step-waiting',
    'case.step-reminder',
    'case.escalated',
  ]);
  // The escalation roles are not reminded of the step they took over: their mail is the escalation.
  expect(escalated.filter((n) => n.recipient === 'tto@tto.test').map((n) => n.event)).toEqual(['case.escalated']);
  await act(handle, 'department', { action: 'approve' });
  await reach(handle, 'office-review');
  await handle.terminate('test over');
  await replays(handle.workflowId);
});

test('a reminder whose save is retried after it committed is still written once', async () => {
  const handle = await startCase(tsw().env.client, 'reminder-test', 'retried-1');
  await reach(handle, 'department-review');
  await tsw().env.sleep((reviewDays / 2) * DAY + 3_600_000);
  await eventually(
    async () => reminderSaves.get('retried-1') ?? 0,
    (n) => n >= 2,
    'the save retried after its commit',
  );
  expect(failedAfterCommit.has('retried-1')).toBe(true);
  expect(await reminders('retried-1')).toEqual([HEAD]);
  await handle.terminate('test over');
  await replays(handle.workflowId);
});

test('a step acted on before half its period reminds nobody', async () => {
  const handle = await startCase(tsw().env.client, 'reminder-test', 'in-time-1');
  await reach(handle, 'department-review');
  await tsw().env.sleep(DAY);
  await act(handle, 'department', { action: 'approve' });
  await reach(handle, 'office-review');
  // Past the half of the department review's period, not yet half of the office review's (opened a day later).
  await tsw().env.sleep((reviewDays / 2) * DAY - 2 * 3_600_000);
  expect(await reminders('in-time-1')).toEqual([]);
  const events = (await noticesOf('in-time-1')).map((n) => `${n.event} ${n.recipient}`);
  expect(events).toEqual([`case.step-waiting ${HEAD}`, 'case.step-waiting tto@tto.test']);
  await handle.terminate('test over');
});
