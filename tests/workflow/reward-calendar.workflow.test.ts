// The reward's publicity on the official working-day calendar (issue 15), on the real time-skipping
// server with its clock started before the 2025 National Day holiday: the same crossing the rights
// grant's calendar test makes, for a transformationReward case.
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../worker/create-worker';
import { chinaMidnight } from '../../policies/dates';
import { rewardViewQuery } from '../../workflows/transformation-reward-definitions';
import { reachReward, rewardAct as act, rewardRequest, startReward } from '../support/reward-driver';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';
import { answeredHistory } from '../../client/audit/answered-history';

// Friday 2025-09-26, 10:00 in China: the office approves this morning, so publicity counts from Saturday 09-27.
const tsw = useTimeSkippingWorker('rw-calendar', { startAt: Date.parse('2025-09-26T10:00:00+08:00') });
const HOUR = 3_600_000;

async function sleepUntil(instant: number): Promise<void> {
  await tsw().env.sleep(Math.max(instant - (await tsw().env.currentTimeMs()), 1));
}

test('reward publicity over the 2025 National Day holiday ends on the 15th working day, 2025-10-23, and not before', async () => {
  // A licence fee received in 2025, contract registered and split agreed by the rights grant: straight to review.
  const request = rewardRequest({
    income: {
      kind: 'licence',
      grossCny: 100_000,
      deductions: [{ item: 'taxes', amountCny: 6_000 }],
      receivedOn: '2025-09-15',
      contractRegistered: true,
    },
  });
  const handle = await startReward(tsw().env.client, 'rw-calendar', 'rw-national-day', request, {
    splitAgreed: true,
    source: { rightsGrantCaseId: 'whu-rg-2025-001' },
  });
  await reachReward(handle, 'office-review');
  await act(handle, 'tto', { action: 'approve' });
  const inPublicity = await reachReward(handle, 'publicity');
  // Counted by hand from 国办发明电〔2024〕12号 (National Day and Mid-Autumn 10-01…10-08 off, Sunday 09-28 and
  // Saturday 10-11 worked): 09-28 (1), 09-29, 09-30 (3), 10-09, 10-10 (5), 10-11 (6), 10-13…17 (11),
  // 10-20…23 (15). On weekends alone it would have been 2025-10-17.
  expect(inPublicity.publicityEndsOn).toBe('2025-10-23');
  expect(inPublicity.publicityEndAssumed).toBe(false);
  // Objections are open through the whole of 10-23: the deadline is the midnight that starts 10-24 in China.
  expect(inPublicity.pending).toMatchObject({ stage: 'publicity', dueAt: '2025-10-23T16:00:00.000Z' });

  // The last day of publicity is still open to objections; approval is not yet due.
  await sleepUntil(chinaMidnight('2025-10-23') + 10 * HOUR);
  const lastDay = await handle.query(rewardViewQuery);
  expect(lastDay.stage).toBe('publicity');
  expect(lastDay.pending).toMatchObject({ stage: 'publicity' });

  await sleepUntil(chinaMidnight('2025-10-24') + HOUR);
  const approval = await reachReward(handle, 'approval');
  expect(approval.history.map((h) => h.action)).toEqual(['opened', 'calculated', 'approve', 'publicity-ended']);
  expect(approval.history.at(-1)).toMatchObject({
    stage: 'publicity',
    at: expect.stringMatching(/^2025-10-23T16:00:00/), // midnight starting 10-24 in China
    reason: expect.stringContaining('(to 2025-10-23)'),
  });
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle() },
    answeredHistory(await handle.fetchHistory()),
    handle.workflowId,
  );
  await handle.terminate('test over');
});
