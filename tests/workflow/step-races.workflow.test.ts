// A step closes the moment it logically ends, not when its end has been persisted. Each test makes
// the persisting local activity at the end of a step fail as an unreachable database would, so an
// update is delivered while the loop still waits on that activity's retry. The late action must be refused with invalid-state — before the shared case
// process, it was accepted (200) and then ignored (an objection after publicity ended), or it
// left the computed result stale (a finding revised after the preliminary finding).
import type { WorkflowHandle } from '@temporalio/client';
import { contentHash } from '../../policies/canonical-json';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import {
  RIGHTS_GRANT_WORKFLOW,
  rightsGrantActUpdate,
  rightsGrantViewQuery,
  rightsGrantWorkflowId,
} from '../../workflows/rights-grant-definitions';
import {
  DILIGENCE_EXEMPTION_WORKFLOW,
  reviewActUpdate,
  reviewViewQuery,
  reviewWorkflowId,
} from '../../workflows/diligence-exemption-definitions';
import { act, eventually, PEOPLE, reach, sleepThroughPublicity } from '../support/rights-grant-driver';
import { evidence, findAll, REVIEW_PEOPLE, reviewAct, reviewRequest } from '../support/review-driver';
import { useTimeSkippingWorker } from '../support/time-skipping-worker';

/**
 * An outage of the database for the persists of one record: they fail until the test ends it. The
 * retries soon wait on a durable timer (PERSIST_OPTIONS), so the server can deliver an update while
 * the workflow still waits on that persist.
 */
class Outage {
  private failing: string | null = null;
  private onReached: (() => void) | null = null;
  reached!: Promise<void>;

  /** The persists of records with this action fail from now until end(). */
  arm(action: string): void {
    this.failing = action;
    this.reached = new Promise((r) => (this.onReached = r));
  }

  check(action: string | undefined): void {
    if (this.failing === null || action !== this.failing) return;
    this.onReached?.();
    throw new Error('the database is unreachable (test outage)');
  }

  end(): void {
    this.failing = null;
  }
}

const outage = new Outage();
const tsw = useTimeSkippingWorker('race-test', {
  // An ordinary Monday of a year whose holidays are known: the histories do not depend on the day the tests run.
  startAt: Date.parse('2026-03-09T09:00:00+08:00'),
  wrapActivities: (a) => ({
    ...a,
    recordCaseStep: async (input) => {
      outage.check(input.entry?.record.action);
      return a.recordCaseStep(input);
    },
    recordReviewStep: async (input) => {
      outage.check(input.entry?.record.action);
      return a.recordReviewStep(input);
    },
  }),
});

type Outcome = { ok: true; value: unknown } | { ok: false; error: { type?: string; message?: string } };

/** Sends an update during the outage; then lets the retry happen (the old code answered only then). */
async function sendDuringOutage(send: () => Promise<unknown>): Promise<Outcome> {
  await outage.reached;
  // Hold the test server's clock: it would otherwise skip the retry's backoff timer at once.
  const testService = tsw().env.connection.testService!;
  await testService.lockTimeSkipping({});
  const outcome: Promise<Outcome> = send().then(
    (value) => ({ ok: true as const, value }),
    (error) => {
      // The validator's refusal is the update error's cause: an ApplicationFailure with its type.
      const cause = (error as { cause?: { type?: string; message?: string; failure?: { message?: string } } }).cause;
      return {
        ok: false as const,
        error: { type: cause?.type, message: cause?.message || cause?.failure?.message || String(error) },
      };
    },
  );
  await Promise.race([outcome, new Promise((r) => setTimeout(r, 45_000))]);
  outage.end();
  await testService.unlockTimeSkipping({});
  await tsw().env.sleep('1 minute'); // the next retry's timer fires and the persist succeeds
  return outcome;
}

test('an objection that arrives after publicity ended, while its end is still being saved, is refused', async () => {
  const client = tsw().env.client;
  const handle: WorkflowHandle = await client.workflow.start(RIGHTS_GRANT_WORKFLOW, {
    taskQueue: 'race-test',
    workflowId: rightsGrantWorkflowId('race-objection'),
    args: [
      {
        caseId: 'race-objection',
        request: EXAMPLE_RIGHTS_GRANT,
        requestHash: contentHash(EXAMPLE_RIGHTS_GRANT),
        openedBy: PEOPLE.tto,
      },
    ],
    workflowExecutionTimeout: '100 years',
  });
  await reach(handle, 'department-review');
  await act(handle, 'department', { action: 'approve' });
  await act(handle, 'tto', { action: 'approve' });
  outage.arm('publicity-ended');
  await sleepThroughPublicity(tsw().env, handle);
  const outcome = await sendDuringOutage(() =>
    handle.executeUpdate(rightsGrantActUpdate, {
      args: [{ action: 'object', reason: 'a co-inventor disputes the split', actor: PEOPLE.department }],
    }),
  );
  expect(outcome).toMatchObject({
    ok: false,
    error: { type: 'invalid-state', message: expect.stringContaining('publicity step has closed') },
  });
  const view = await eventually(
    () => handle.query(rightsGrantViewQuery),
    (v) => v.stage === 'collective-decision',
    'reached collective-decision',
  );
  expect(view.objections).toEqual([]);
  expect(view.history.map((h) => h.action)).toEqual(['evaluated', 'approve', 'approve', 'publicity-ended']);
  await handle.terminate('test over');
}, 150_000);

test('a finding revised after the evidence review closed, while the preliminary finding is being saved, is refused', async () => {
  const client = tsw().env.client;
  const request = reviewRequest();
  const handle: WorkflowHandle = await client.workflow.start(DILIGENCE_EXEMPTION_WORKFLOW, {
    taskQueue: 'race-test',
    workflowId: reviewWorkflowId('race-finding'),
    args: [{ caseId: 'race-finding', request, requestHash: contentHash(request), openedBy: REVIEW_PEOPLE.tto }],
  });
  await eventually(
    () => handle.query(reviewViewQuery),
    (v) => v.stage === 'acceptance' && v.pending !== null,
    'opened',
  );
  await reviewAct(handle, 'reviewer', { action: 'accept' });
  outage.arm('preliminary');
  // The last finding answers only once the loop waits again, after the preliminary finding is saved.
  const found = findAll(handle, ['Li Ming', 'Zhao Hua']);
  const outcome = await sendDuringOutage(() =>
    handle.executeUpdate(reviewActUpdate, {
      args: [
        {
          action: 'finding',
          subject: 'Li Ming',
          item: 'collusion',
          value: true,
          evidence: [evidence('late-tip.pdf')],
          actor: REVIEW_PEOPLE.reviewer,
        },
      ],
    }),
  );
  expect(outcome).toMatchObject({
    ok: false,
    error: { type: 'invalid-state', message: expect.stringContaining('evidence-review step has closed') },
  });
  await found;
  const view = await eventually(
    () => handle.query(reviewViewQuery),
    (v) => v.stage === 'determination' && v.pending !== null,
    'reached determination',
  );
  // The preliminary finding rests on the findings that were in when the step closed, and nothing was added after.
  expect(view.findings.filter((f) => f.subject === 'Li Ming' && f.item === 'collusion').map((f) => f.value)).toEqual([
    false,
  ]);
  expect(view.preliminary?.map((p) => p.decision.decision)).toEqual(['exempt', 'exempt']);
  await handle.terminate('test over');
}, 150_000);
