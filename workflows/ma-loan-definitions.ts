// The maLoanCheck process: its id scheme and its input/output. No Node imports.
import type { MaLoanInput } from '../policies/ma-loan/input-schema';
import type { MaLoanDecision } from '../policies/ma-loan/evaluate';
import type { PackAtSubmission } from './pack-as-recorded';
import type { Actor } from './definitions';

export const MA_LOAN_WORKFLOW = 'maLoanCheck';

/** One workflow per bank and idempotency key, so a repeated submission never makes a second case. */
export function maLoanWorkflowId(bankId: string, requestId: string): string {
  return `ma-loan/${bankId}/${requestId}`;
}

export interface MaLoanCheckInput {
  request: MaLoanInput;
  /** SHA-256 of the canonical request: tells a retry from a different request reusing the key. */
  requestHash: string;
  submittedBy: Actor;
  /**
   * The pack chosen at submission for the decision date then (absent in starts before it was
   * sent). Recorded in history with the input, so the check needs no local activity to choose it.
   */
  resolved?: PackAtSubmission;
}

export type { PackAtSubmission } from './pack-as-recorded';

/** patched() id: the pack comes with the input instead of from the resolveMaLoanPolicy local activity. */
export const PACK_AT_SUBMISSION_PATCH = 'ma-loan-pack-chosen-at-submission';

/** Where a recorded loan check lives and what it answered. */
export interface LoanCheckMeta {
  id: string;
  workflowId: string;
  requestId: string;
  bankId: string;
  requestHash: string;
  recordedAt: string;
}

/** The decision as recorded (the first one, for a repeated submission) plus where it lives. */
export type MaLoanCheckResult = MaLoanDecision & LoanCheckMeta;
