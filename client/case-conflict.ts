// A case refused an action for a reason that is not the input's shape: the case exists already,
// the stage does not take the action, or the caller's role may not take it (HTTP 409 / 403).
export class CaseConflictError extends Error {
  constructor(
    message: string,
    readonly code: 'case-exists' | 'invalid-state' | 'forbidden',
  ) {
    super(message);
    this.name = 'CaseConflictError';
  }
}
