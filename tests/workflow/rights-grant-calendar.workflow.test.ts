// The rights grant's publicity on the official working-day calendar, on the real time-skipping
// server with its clock started before the 2025 National Day holiday (10-01 to 10-08, make-up
// days Sunday 09-28 and Saturday 10-11), then moved on to a publicity that runs into a year whose
// holidays are not yet published.
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../worker/create-worker';
import { chinaMidnight } from '../../policies/dates';
import { rightsGrantViewQuery as viewQuery } from '../../workflows/rights-grant-definitions';
import { act, eventually, reach, startCase, throughReviews } from '../support/rights-grant-driver';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { answeredHistory } from '../../client/audit/answered-history';

// Friday 2025-09-26, 10:00 in China.
const tsw = useTimeSkippingWorker('rg-calendar', { startAt: Date.parse('2025-09-26T10:00:00+08:00') });
const HOUR = 3_600_000;

async function sleepUntil(instant: number): Promise<void> {
  await tsw().env.sleep(Math.max(instant - (await tsw().env.currentTimeMs()), 1));
}

test('publicity over the 2025 National Day holiday ends on the 15th working day, 2025-10-23, and not before', async () => {
  const handle = await startCase(tsw().env.client, 'rg-calendar', 'rg-national-day');
  await throughReviews(handle);
  const inPublicity = await handle.query(viewQuery);
  // Counting from Saturday 09-27: 09-28 (make-up), 09-29, 09-30, 10-09, 10-10, 10-11 (make-up), 10-13…17, 10-20…23.
  // On weekends alone it would have been 2025-10-17.
  expect(inPublicity.publicityEndsOn).toBe('2025-10-23');
  expect(inPublicity.publicityEndsOnAssumed).toBeUndefined();
  expect(inPublicity.pending).toMatchObject({ stage: 'publicity', dueAt: '2025-10-23T16:00:00.000Z' });

  // The last day of publicity is still open to objections; the office's review is not.
  await sleepUntil(chinaMidnight('2025-10-23') + 10 * HOUR);
  const lastDay = await handle.query(viewQuery);
  expect(lastDay.stage).toBe('publicity');
  await sleepUntil(chinaMidnight('2025-10-24') + HOUR);
  const decided = await reach(handle, 'collective-decision');
  expect(decided.history.map((h) => h.action)).toEqual(['evaluated', 'approve', 'approve', 'publicity-ended']);
  expect(decided.history.at(-1)).toMatchObject({
    at: expect.stringMatching(/^2025-10-23T16:00:00/), // midnight starting 10-24 in China
    reason: 'no objection in 15 working days',
  });
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle() },
    answeredHistory(await handle.fetchHistory()),
    handle.workflowId,
  );
  await handle.terminate('test over');
});

test('a publicity that runs into a year without a published notice is counted on weekends and recorded as an assumption', async () => {
  const last = '2026-12-21T10:00:00+08:00'; // Monday; 15 working days run into 2027
  await sleepUntil(Date.parse(last));
  const handle = await startCase(tsw().env.client, 'rg-calendar', 'rg-unknown-year');
  await throughReviews(handle);
  const view = await eventually(
    () => handle.query(viewQuery),
    (v) => v.history.some((h) => h.action === 'calendar-assumed'),
    'recorded the assumption',
  );
  // 12-22…25, 12-28…31 (8), 2027-01-01 (9, a Friday: no notice says it is a holiday), 01-04…08 (14), 01-11 (15).
  expect(view.publicityEndsOn).toBe('2027-01-11');
  expect(view.publicityEndsOnAssumed).toBe(true);
  expect(view.history.at(-1)).toMatchObject({
    stage: 'publicity',
    action: 'calendar-assumed',
    actor: { id: 'transferflow', role: 'system' },
    reason: expect.stringContaining('no State Council holiday notice for 2027'),
  });
  const row = await tsw().db.prisma.auditEvent.findMany({ where: { caseId: 'rights-grant/rg-unknown-year' } });
  expect(row.map((e) => e.action)).toContain('rights-grant.calendar-assumed');
  await act(handle, 'department', { action: 'object', reason: 'the split is disputed' });
  await reach(handle, 'office-review');
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle() },
    answeredHistory(await handle.fetchHistory()),
    handle.workflowId,
  );
  await handle.terminate('test over');
});
