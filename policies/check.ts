// Building blocks every evaluator shares: one check, and the decision around the checks.
import type { BaseDecision, Check, Mechanism, PolicyPack, SelectionNote } from './types';
import { decisionPolicy } from './registry';
import type { CheckId } from './check-ids';

export function check(
  id: CheckId,
  passed: boolean,
  limit: Check['limit'],
  actual: Check['actual'],
  message: string,
): Check {
  return { id, passed, limit, actual, message };
}

/** The positive decision exactly when every check passed (docs/api.md §2). */
export function decisionOf<M extends Mechanism, D extends string>(
  mechanism: M,
  [positive, negative]: [D, D],
  pack: PolicyPack,
  asOf: string,
  checks: Check[],
  selection: SelectionNote[],
): BaseDecision<M, D> {
  return {
    mechanism,
    decision: checks.every((c) => c.passed) ? positive : negative,
    asOf,
    policy: decisionPolicy(pack),
    checks,
    selection,
  };
}
