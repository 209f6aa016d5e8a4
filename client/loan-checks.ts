// Submitting a loan check, shared by the API and the CLI: validate, pick the pack at the edge
// (so an impossible date is a 400, not a failed workflow, and the workflow finds its pack in its
// input), start the workflow under its business-key id, and wait for the recorded decision.
import type { Client } from '@temporalio/client';
import { maLoanInputSchema, type MaLoanInput } from '../policies/ma-loan/input-schema';
import { selectMaLoanPack } from '../policies/ma-loan/decide';
import { contentHash } from '../policies/canonical-json';
import { packRef } from '../policies/registry';
import { chinaDate } from '../policies/dates';
import { cityKey } from '../policies/gazetteer';
import type { Actor } from '../workflows/definitions';
import { actorOf } from './actor';
import { startOnce } from './start-once';
// Type only: the start's arguments and result are checked against the workflow, whose code stays out of the client.
import type { maLoanCheck } from '../workflows/ma-loan-check';
import {
  MA_LOAN_WORKFLOW,
  maLoanWorkflowId,
  type MaLoanCheckInput,
  type MaLoanCheckResult,
  type PackAtSubmission,
} from '../workflows/ma-loan-definitions';
import { parseInput } from './issues';

export class IdempotencyConflictError extends Error {
  constructor(readonly workflowId: string) {
    super(`requestId already used for a different request (${workflowId}); use a new requestId`);
    this.name = 'IdempotencyConflictError';
  }
}

export function validateLoanRequest(body: unknown, today = chinaDate(Date.now())): MaLoanInput {
  const request = parseInput(maLoanInputSchema, body);
  // No pack in force on the date throws NoPolicyInForceError: a 400 on asOf (client/errors.ts).
  selectMaLoanPack(request, request.asOf ?? today);
  return request;
}

export interface Submitted {
  workflowId: string;
  /** False for a repeated (bank.id, requestId): the check was already running or decided. */
  started: boolean;
  /** Resolves with the recorded decision; rejects with IdempotencyConflictError on a reused key. */
  result: Promise<MaLoanCheckResult>;
}

/** The pack for today's (or the request's) date; none when none is in force (the workflow then fails as before). */
function packAtSubmission(request: MaLoanInput, now: number): PackAtSubmission | undefined {
  const asOf = request.asOf ?? chinaDate(now);
  try {
    const { pack, notes } = selectMaLoanPack(request, asOf);
    return { asOf, policy: packRef(pack), notes };
  } catch {
    return undefined;
  }
}

export async function submitLoanCheck(client: Client, request: MaLoanInput, submittedBy: Actor): Promise<Submitted> {
  const workflowId = maLoanWorkflowId(request.bank.id, request.requestId);
  const requestHash = contentHash(request);
  const input: MaLoanCheckInput = {
    request,
    requestHash,
    submittedBy: actorOf(submittedBy),
    resolved: packAtSubmission(request, Date.now()),
  };
  const { handle, started } = await startOnce<typeof maLoanCheck>(client, MA_LOAN_WORKFLOW, workflowId, input, {
    caseKind: 'ma-loan',
    jurisdiction: cityKey(request.acquirer.city),
  });
  const result = handle.result().then((r) => {
    if (r.requestHash !== requestHash) throw new IdempotencyConflictError(workflowId);
    return r;
  });
  return { workflowId, started, result };
}
