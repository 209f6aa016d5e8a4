// Re-derives a rights-grant case's eligibility decision from its recorded request and pack,
// and compares it with what the case recorded (its result, or the state it carried into its
// next run). A case still running has recorded nothing final yet: its pack is still checked.
import { evaluateRightsGrant, type RightsGrantDecision } from '../../policies/rights-grant/evaluate';
import { chinaDate } from '../../policies/dates';
import { getPack } from '../../policies/registry';
import { recordedPack, resolutionOf } from './recorded-pack';
import type { PolicyPack } from '../../policies/types';
import type { RightsGrantCaseInput, RightsGrantView } from '../../workflows/rights-grant-definitions';
import { completionResult, continuedAsNewInput, startInput, startTime, type HistoryJson } from './history';
import { differences, type Rederivation } from './rederive-ma-loan';

export function rederiveRightsGrant(
  history: HistoryJson,
  lookup: (ref: { id: string; version: string }) => PolicyPack = getPack,
): Rederivation {
  const input = startInput<RightsGrantCaseInput>(history);
  if (!input) return { policy: null, decision: null, problems: ['not a rightsGrant history'] };
  const recorded: RightsGrantDecision | undefined =
    completionResult<RightsGrantView>(history)?.eligibility ??
    continuedAsNewInput<RightsGrantCaseInput>(history)?.resume?.view.eligibility;
  const resolved = resolutionOf(history, input.resume?.view.eligibility, 'resolveRightsGrantPolicy');
  if (!resolved) return { policy: null, decision: null, problems: ['history has no pack resolution'] };
  const { ref, pack, problems } = recordedPack(resolved.policy, lookup);
  if (!pack) return { policy: ref, decision: recorded?.decision ?? null, problems };
  const asOf = recorded?.asOf ?? input.request.asOf ?? chinaDate(startTime(history)?.getTime() ?? NaN);
  const rederived = evaluateRightsGrant(input.request, pack, asOf, resolved.notes);
  if (recorded) problems.push(...differences(recorded, rederived).map((d) => `eligibility differs at ${d}`));
  return { policy: ref, decision: recorded?.decision ?? rederived.decision, problems };
}
