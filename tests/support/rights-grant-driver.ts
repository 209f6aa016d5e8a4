// Drives rights-grant cases directly through Temporal (workflow tests, history recorder).
import {
  QueryNotRegisteredError,
  type Client,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { contentHash } from '../../policies/canonical-json';
import { addDays, chinaMidnight } from '../../policies/dates';
import type { RightsGrantInput } from '../../policies/rights-grant/input-schema';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import {
  rightsGrantActUpdate,
  RIGHTS_GRANT_WORKFLOW,
  rightsGrantWorkflowId,
  rightsGrantViewQuery,
  type RightsGrantAction,
  type RightsGrantView,
  type RightsGrantStage,
} from '../../workflows/rights-grant-definitions';

export const PEOPLE = {
  department: { id: 'dept-head', role: 'department' },
  tto: { id: 'tto-officer', role: 'tto' },
  committee: { id: 'committee-chair', role: 'committee' },
  admin: { id: 'admin-1', role: 'admin' },
  bank: { id: 'bank-ops', role: 'bank' },
};

export function startCase(
  client: Client,
  taskQueue: string,
  caseId: string,
  request: RightsGrantInput = EXAMPLE_RIGHTS_GRANT,
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  return client.workflow.start(RIGHTS_GRANT_WORKFLOW, {
    taskQueue,
    workflowId: rightsGrantWorkflowId(caseId),
    args: [{ caseId, request, requestHash: contentHash(request), openedBy: PEOPLE.tto }],
    // The Java test server gives a workflow without an execution timeout ten years; a watch lasts longer.
    workflowExecutionTimeout: '100 years',
  });
}

export async function act(
  handle: WorkflowHandle,
  who: keyof typeof PEOPLE,
  action: RightsGrantAction,
): Promise<RightsGrantView> {
  try {
    await handle.executeUpdate(rightsGrantActUpdate, { args: [{ ...action, actor: PEOPLE[who] }] });
    return await handle.query(rightsGrantViewQuery);
  } catch (error) {
    // A refused update fails with the validator's ApplicationFailure as its cause.
    const cause = (error as { cause?: { message?: string; type?: string } }).cause;
    throw new Error(cause?.message ? `${cause.type}: ${cause.message}` : (error as Error).message);
  }
}

/** Polls (real time, no skipping) until `get` gives a value that `ok` accepts; 20 s unless told. */
export async function eventually<T>(
  get: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T;
    try {
      value = await get();
    } catch (error) {
      // A workflow whose first task has not run yet (just started, or its worker was killed) has
      // no query handlers: that is "not yet", like any other value `ok` refuses.
      if (!(error instanceof QueryNotRegisteredError) || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
      continue;
    }
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`never ${what}: last ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function reach(handle: WorkflowHandle, stage: RightsGrantStage): Promise<RightsGrantView> {
  return eventually(
    () => handle.query(rightsGrantViewQuery),
    (v) => v.stage === stage,
    `reached ${stage}`,
  );
}

/** Department and office approve; the case enters publicity. */
export async function throughReviews(handle: WorkflowHandle): Promise<void> {
  await reach(handle, 'department-review');
  await act(handle, 'department', { action: 'approve' });
  await act(handle, 'tto', { action: 'approve' });
  await reach(handle, 'publicity');
}

/** Skips the test server's clock an hour past the end of the case's publicity (the end of its last day in China). */
export async function sleepThroughPublicity(env: TestWorkflowEnvironment, handle: WorkflowHandle): Promise<void> {
  const { publicityEndsOn } = await handle.query(rightsGrantViewQuery);
  if (!publicityEndsOn) throw new Error('the case is not in publicity');
  const closesAt = chinaMidnight(addDays(publicityEndsOn, 1));
  await env.sleep(Math.max(closesAt - (await env.currentTimeMs()), 0) + 3_600_000);
}
