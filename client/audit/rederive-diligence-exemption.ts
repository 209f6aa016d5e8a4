// Re-derives an exemption review's preliminary findings from what it recorded: the pack it
// resolved and the latest finding on every item, evaluated again per applicant; and checks that
// a determination differing from its preliminary finding carries a reason and relies only on
// evidence the findings cited.
import { chinaDate } from '../../policies/dates';
import { getPack } from '../../policies/registry';
import { recordedPack } from './recorded-pack';
import type { PolicyPack } from '../../policies/types';
import type { ResolvedPolicy } from '../../activities/resolve-policy';
import type { ReviewCaseInput, ReviewView } from '../../workflows/diligence-exemption-definitions';
import { completionResult, localActivityResult, startInput, startTime, type HistoryJson } from './history';
import { differences, type Rederivation } from './rederive-ma-loan';
import { agreesWithPreliminary, preliminaryFindings } from '../../workflows/diligence-exemption-rules';

export function rederiveDiligenceExemption(
  history: HistoryJson,
  lookup: (ref: { id: string; version: string }) => PolicyPack = getPack,
): Rederivation {
  const input = startInput<ReviewCaseInput>(history);
  if (!input) return { policy: null, decision: null, problems: ['not a diligenceExemption history'] };
  const resolved = localActivityResult<ResolvedPolicy>(history, 'resolveDiligenceExemptionPolicy');
  if (!resolved) return { policy: null, decision: null, problems: ['history has no pack resolution'] };
  const view = completionResult<ReviewView>(history);
  const decision = view?.determination
    ? view.determination.outcomes.map((o) => `${o.person}: ${o.outcome}`).join('; ')
    : (view?.stage ?? 'open');
  const { ref, pack, problems } = recordedPack(resolved.policy, lookup);
  if (!pack) return { policy: ref, decision, problems };
  if (!view?.preliminary) return { policy: ref, decision, problems };
  const asOf = input.request.asOf ?? chinaDate(startTime(history)?.getTime() ?? NaN);
  // The rules the workflow used, on the findings it recorded: the same evaluator, run again.
  const again = preliminaryFindings(view, pack, asOf, resolved.notes);
  for (const recorded of view.preliminary) {
    const rederived = again.find((p) => p.person === recorded.person);
    if (!rederived) problems.push(`${recorded.person}: no such applicant in the request`);
    else
      problems.push(
        ...differences(recorded.decision, rederived.decision).map(
          (d) => `${recorded.person}: preliminary finding differs at ${d}`,
        ),
      );
  }
  const cited = new Set(view.findings.flatMap((f) => f.evidence.map((e) => e.sha256)));
  for (const o of view.determination?.outcomes ?? []) {
    const pre = view.preliminary.find((p) => p.person === o.person);
    if (pre && !agreesWithPreliminary(pre.decision.decision, o.outcome) && !o.reason?.trim())
      problems.push(
        `${o.person}: determined ${o.outcome} against a preliminary ${pre.decision.decision} without a reason`,
      );
  }
  for (const e of view.determination?.evidence ?? [])
    if (!cited.has(e.sha256)) problems.push(`the determination relies on ${e.name}, which no finding cited`);
  return { policy: ref, decision, problems };
}
