// The two calls every case kind makes on its workflow: read its view (waiting briefly for one
// just started to answer), and hand it an action through its `act` update, mapping the
// validator's refusals onto the errors the API and CLI report (400, 403, 409).
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { FAILURE, refusedField } from '../workflows/failures';
import { CaseConflictError } from './case-conflict';
import { InvalidInputError } from './issues';

export async function queryView<V>(
  client: Client,
  workflowId: string,
  query: QueryDefinition<V, []>,
  waitMs: number,
): Promise<V | null> {
  const handle = client.workflow.getHandle(workflowId);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await handle.query(query);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return null;
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Runs the update; a refusal by its validator comes back as InvalidInputError or CaseConflictError. */
export async function executeAct<V, A>(
  client: Client,
  workflowId: string,
  update: UpdateDefinition<V, [A]>,
  arg: A,
  updateId?: string,
  fallbackField = 'action',
): Promise<V> {
  try {
    return await client.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg], updateId });
  } catch (error) {
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    throw refusalError(error.cause as ValidatorRefusal | undefined, fallbackField, error.message);
  }
}

/** A validator's refusal as the update's failure carries it (an ApplicationFailure). */
export interface ValidatorRefusal {
  type?: string | null;
  message?: string;
  details?: unknown[];
}

/** The error the API and CLI report for a validator's refusal: invalid input at its field, forbidden, or invalid state. */
export function refusalError(
  cause: ValidatorRefusal | undefined,
  fallbackField = 'action',
  otherwise = 'refused',
): Error {
  if (cause?.type === FAILURE.invalidInput)
    return new InvalidInputError([{ path: refusedField(cause) ?? fallbackField, message: cause.message ?? 'invalid' }]);
  if (cause?.type === FAILURE.forbidden) return new CaseConflictError(cause.message ?? 'forbidden', FAILURE.forbidden);
  // FAILURE.invalidState, and any other failure of the update: the case does not take it now.
  return new CaseConflictError(cause?.message ?? otherwise, FAILURE.invalidState);
}

/**
 * Hands the case an action and reads its view once the action is acted on. The update itself
 * answers with a small acknowledgement (so a case's history grows by a constant per action); the
 * view comes from the query, which is not recorded in the history.
 */
export async function actAndView<V, A, K>(
  client: Client,
  workflowId: string,
  update: UpdateDefinition<K, [A]>,
  view: QueryDefinition<V, []>,
  arg: A,
  updateId?: string,
  fallbackField = 'action',
): Promise<V> {
  await executeAct(client, workflowId, update, arg, updateId, fallbackField);
  const current = await queryView(client, workflowId, view, 5_000);
  if (!current)
    throw new WorkflowNotFoundError(`workflow ${workflowId} vanished after the action`, workflowId, undefined);
  return current;
}
