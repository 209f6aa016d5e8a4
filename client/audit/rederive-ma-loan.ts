// The auditor's second proof, beyond Temporal's determinism check (which compares commands
// only, so a changed threshold that yields the same commands would pass): re-derive the
// recorded decision from the recorded inputs and the recorded pack version, and compare.
import { canonicalJson } from '../../policies/canonical-json';
import { chinaDate } from '../../policies/dates';
import { evaluateMaLoan, type MaLoanDecision } from '../../policies/ma-loan/evaluate';
import { getPack } from '../../policies/registry';
import { recordedPack } from './recorded-pack';
import type { PolicyPack } from '../../policies/types';
import type { ResolvedPolicy } from '../../activities/resolve-policy';
import type { MaLoanCheckInput, MaLoanCheckResult } from '../../workflows/ma-loan-definitions';
import { localActivityResult, startInput, startTime, type HistoryJson } from './history';

export interface Rederivation {
  policy: string | null;
  decision: string | null;
  problems: string[];
}

/** Paths where two JSON values differ, e.g. "checks.0.passed: true → false". */
export function differences(recorded: unknown, rederived: unknown, prefix = ''): string[] {
  if (canonicalJson(recorded) === canonicalJson(rederived)) return [];
  if (recorded && rederived && typeof recorded === 'object' && typeof rederived === 'object') {
    const keys = new Set([...Object.keys(recorded), ...Object.keys(rederived)]);
    return [...keys].flatMap((k) =>
      differences((recorded as any)[k], (rederived as any)[k], prefix ? `${prefix}.${k}` : k),
    );
  }
  return [`${prefix || '(value)'}: recorded ${JSON.stringify(recorded)}, re-derived ${JSON.stringify(rederived)}`];
}

export function rederiveMaLoan(
  history: HistoryJson,
  lookup: (ref: { id: string; version: string }) => PolicyPack = getPack,
): Rederivation {
  const input = startInput<MaLoanCheckInput>(history);
  // The pack chosen by the local activity, or (since the pack came with the input) at submission.
  const resolved: ResolvedPolicy | undefined =
    localActivityResult<ResolvedPolicy>(history, 'resolveMaLoanPolicy') ?? input?.resolved;
  const stored = localActivityResult<MaLoanCheckResult>(history, 'recordLoanDecision');
  // The record adds where it lives (id, workflowId, …) to the decision; compare the decision.
  const recorded: MaLoanDecision | undefined =
    stored && (({ id, workflowId, requestId, bankId, requestHash, recordedAt, ...decision }) => decision)(stored);
  if (!input || !resolved || !recorded) {
    return {
      policy: null,
      decision: null,
      problems: ['history has no recorded decision (the check did not finish, or this is not an maLoanCheck history)'],
    };
  }
  const { ref, pack, problems } = recordedPack(resolved.policy, lookup);
  if (!pack) return { policy: ref, decision: recorded.decision, problems };
  const expectedAsOf = input.request.asOf ?? chinaDate(startTime(history)?.getTime() ?? NaN);
  if (recorded.asOf !== expectedAsOf)
    problems.push(`asOf: recorded ${recorded.asOf}, but the request and start time give ${expectedAsOf}`);
  const rederived: MaLoanDecision = evaluateMaLoan(input.request, pack, recorded.asOf, resolved.notes);
  problems.push(...differences(recorded, rederived).map((d) => `decision differs at ${d}`));
  return { policy: ref, decision: recorded.decision, problems };
}
