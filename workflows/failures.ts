// The failure vocabulary shared by workflows and their clients. Workflows throw an
// ApplicationFailure whose `type` is one of these codes; the API and CLI import the same codes
// and map them through one table (client/errors.ts), so a refusal means the same thing on
// both sides of the workflow boundary. No Node imports: this module is bundled into workflow code.
import { ApplicationFailure } from '@temporalio/common';

export const FAILURE = {
  /** The input is malformed or incomplete; `details[0]` names the field (HTTP 400, exit 2). */
  invalidInput: 'invalid-input',
  /** The case's current stage does not take this action (HTTP 409). */
  invalidState: 'invalid-state',
  /** The caller's role may not take this action at this stage (HTTP 403). */
  forbidden: 'forbidden',
  /** A pack changed under a released id@version: the case refuses to run on it (non-retryable). */
  policyPackChanged: 'PolicyPackChanged',
} as const;

export type FailureType = (typeof FAILURE)[keyof typeof FAILURE];

/** A refusal of an action, thrown from an update validator: nothing has been recorded. */
export function refusal(type: FailureType, message: string, field?: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, details: field ? [field] : [], nonRetryable: true });
}

/** The field a refusal names (its first detail), if any. */
export function refusedField(failure: { details?: unknown[] | null }): string | undefined {
  const field = failure.details?.[0];
  return typeof field === 'string' ? field : undefined;
}
