// Re-derives an exemption review's preliminary findings from what it recorded: the pack it
// resolved and the latest finding on every item, evaluated again per applicant; and checks that
// a determination differing from its preliminary finding carries a reason and relies only on
// evidence the findings cited.
import { evaluateDiligenceExemption } from '../../policies/diligence-exemption/evaluate';
import type { DiligenceExemptionInput } from '../../policies/diligence-exemption/input-schema';
import { chinaDate } from '../../policies/dates';
import { getPack } from '../../policies/registry';
import { recordedPack } from './recorded-pack';
import type { PolicyPack } from '../../policies/types';
import type { ResolvedPolicy } from '../../activities/resolve-policy';
import type { Finding, ReviewCaseInput, ReviewView } from '../../workflows/diligence-exemption-definitions';
import { completionResult, localActivityResult, startInput, startTime, type HistoryJson } from './history';
import { differences, type Rederivation } from './rederive-ma-loan';

const CONDUCT = [
  'illegalGain',
  'collusion',
  'relatedPartyUndisclosed',
  'falsified',
  'actedAfterBan',
  'secrecyBreach',
] as const;
const AGREES: Record<string, string> = { exempt: 'exempt', 'not-exempt': 'not' };

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
  const latest = (subject: string, item: string): Finding | undefined =>
    view.findings.filter((f) => f.subject === subject && f.item === item).at(-1);
  for (const recorded of view.preliminary) {
    const unit = (item: string) => latest('unit', item)?.value;
    const again = evaluateDiligenceExemption(
      {
        asOf,
        jurisdiction: input.request.jurisdiction,
        person: { name: recorded.person, role: recorded.role },
        transfer: {
          pricing: unit('pricing') as DiligenceExemptionInput['transfer']['pricing'],
          publicisedInUnit: unit('publicisedInUnit') as boolean,
          publicisedOnExchange: unit('publicisedOnExchange') as boolean,
          collectiveDecision: unit('collectiveDecision') as boolean,
          internalRulesExist: unit('internalRulesExist') as boolean,
        },
        conduct: Object.fromEntries(
          CONDUCT.map((c) => [c, (latest(recorded.person, c)?.value as boolean | undefined) ?? false]),
        ) as DiligenceExemptionInput['conduct'],
      },
      pack,
      asOf,
      resolved.notes,
    );
    problems.push(
      ...differences(recorded.decision, again).map((d) => `${recorded.person}: preliminary finding differs at ${d}`),
    );
  }
  const cited = new Set(view.findings.flatMap((f) => f.evidence.map((e) => e.sha256)));
  for (const o of view.determination?.outcomes ?? []) {
    const pre = view.preliminary.find((p) => p.person === o.person);
    if (pre && AGREES[pre.decision.decision] !== o.outcome && !o.reason?.trim())
      problems.push(
        `${o.person}: determined ${o.outcome} against a preliminary ${pre.decision.decision} without a reason`,
      );
  }
  for (const e of view.determination?.evidence ?? [])
    if (!cited.has(e.sha256)) problems.push(`the determination relies on ${e.name}, which no finding cited`);
  return { policy: ref, decision, problems };
}
