// Submitting a loan check, shared by the API and the CLI: validate, pick the pack at the edge
// (so an impossible date is a 400, not a failed workflow), start the workflow under its
// business-key id, and wait for the recorded decision.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { maLoanInputSchema, type MaLoanInput } from '../policies/ma-loan/input-schema';
import { selectMaLoanPack } from '../policies/ma-loan/decide';
import { NoPolicyInForceError } from '../policies/select';
import { contentHash } from '../policies/canonical-json';
import { chinaDate } from '../policies/dates';
import { cityKey } from '../policies/gazetteer';
import { SEARCH_ATTRIBUTES, TASK_QUEUE, type Actor } from '../workflows/definitions';
import { MA_LOAN_WORKFLOW, maLoanWorkflowId, type MaLoanCheckInput, type MaLoanCheckResult } from '../workflows/ma-loan-definitions';
import { InvalidInputError, parseInput } from './issues';

export class IdempotencyConflictError extends Error {
  constructor(readonly workflowId: string) {
    super(`requestId already used for a different request (${workflowId}); use a new requestId`);
    this.name = 'IdempotencyConflictError';
  }
}

export function validateLoanRequest(body: unknown, today = chinaDate(Date.now())): MaLoanInput {
  const request = parseInput(maLoanInputSchema, body);
  try {
    selectMaLoanPack(request, request.asOf ?? today);
  } catch (error) {
    if (error instanceof NoPolicyInForceError) throw new InvalidInputError([{ path: 'asOf', message: error.message }]);
    throw error;
  }
  return request;
}

export interface Submitted {
  workflowId: string;
  /** Resolves with the recorded decision; rejects with IdempotencyConflictError on a reused key. */
  result: Promise<MaLoanCheckResult>;
}

export async function submitLoanCheck(client: Client, request: MaLoanInput, submittedBy: Actor): Promise<Submitted> {
  const workflowId = maLoanWorkflowId(request.bank.id, request.requestId);
  const requestHash = contentHash(request);
  const input: MaLoanCheckInput = { request, requestHash, submittedBy };
  let handle;
  try {
    handle = await client.workflow.start(MA_LOAN_WORKFLOW, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [input],
      // Concurrent duplicates join the running check; a finished one is never run again.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: new TypedSearchAttributes([
        { key: SEARCH_ATTRIBUTES.caseKind, value: 'ma-loan' },
        { key: SEARCH_ATTRIBUTES.jurisdiction, value: cityKey(request.acquirer.city) },
      ]),
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    handle = client.workflow.getHandle(workflowId);
  }
  const result = handle.result().then((r: MaLoanCheckResult) => {
    if (r.requestHash !== requestHash) throw new IdempotencyConflictError(workflowId);
    return r;
  });
  return { workflowId, result };
}
