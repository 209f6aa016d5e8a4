// A case refused an action for a reason that is not the input's shape: the case exists already,
// the stage does not take the action, the caller's role may not take it, or another person has
// claimed the step in the console (HTTP 409 / 403).
export const CASE_CONFLICT_CODES = ['case-exists', 'invalid-state', 'forbidden', 'claimed'] as const;

export class CaseConflictError extends Error {
  constructor(
    message: string,
    readonly code: (typeof CASE_CONFLICT_CODES)[number],
  ) {
    super(message);
    this.name = 'CaseConflictError';
  }
}
