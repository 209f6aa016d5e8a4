// The diligence-exemption evaluator: pure, deterministic, safe inside workflows.
import type { BaseDecision, Check, PolicyPack, SelectionNote } from '../types';
import { check, decisionOf } from '../check';
import type { DiligenceExemptionInput } from './input-schema';
import type { DiligenceExemptionParameters, RoleCheck } from './parameters';

export interface DiligenceExemptionDecision extends BaseDecision<'diligence-exemption', 'exempt' | 'not-exempt'> {
  /** Stable codes of the negative-list items that apply. */
  negativeListHits: string[];
  /** The conditions this person's role answers for under the pack. */
  roleChecks: RoleCheck[];
}

const HIT_CODES: Record<string, string> = {
  illegalGain: 'illegal-gain',
  collusion: 'collusion',
  relatedPartyUndisclosed: 'related-party-undisclosed',
  falsified: 'falsified-records',
  actedAfterBan: 'acted-after-ban',
  secrecyBreach: 'secrecy-breach',
};

/** A condition outside this person's role passes, saying so: the unit answers for it, not them. */
function forRole(id: RoleCheck, applies: boolean, role: string, evaluated: () => Check): Check {
  return applies ? evaluated() : check(id, true, null, null, `not a ${role}'s responsibility under this pack`);
}

function pricingCheck(input: DiligenceExemptionInput, p: DiligenceExemptionParameters): Check {
  const t = input.transfer;
  if (!p.pricingRoutes.includes(t.pricing))
    return check(
      'pricing-route',
      false,
      p.pricingRoutes,
      t.pricing,
      `pricing by ${t.pricing} is not a route this pack accepts`,
    );
  if (t.pricing !== 'negotiated')
    return check('pricing-route', true, p.pricingRoutes, t.pricing, `price set by exchange ${t.pricing}`);
  const missing = [
    p.negotiatedNeedsUnitPublicity && !t.publicisedInUnit && 'in the unit',
    p.negotiatedNeedsExchangePublicity && !t.publicisedOnExchange && 'on a technology exchange',
  ].filter((x): x is string => Boolean(x));
  return check(
    'pricing-route',
    missing.length === 0,
    'negotiated: publicised in the unit and on an exchange',
    `negotiated; publicised${t.publicisedInUnit ? ' in the unit' : ''}${t.publicisedOnExchange ? ' on an exchange' : ''}${!t.publicisedInUnit && !t.publicisedOnExchange ? ' nowhere' : ''}`,
    missing.length
      ? `a negotiated price must be publicised ${missing.join(' and ')} as well (unit-only publicity meets Art. 18 pricing, not the exemption)`
      : 'negotiated price publicised in the unit and on a technology exchange',
  );
}

export function evaluateDiligenceExemption(
  input: DiligenceExemptionInput,
  pack: PolicyPack,
  asOf: string,
  selection: SelectionNote[],
): DiligenceExemptionDecision {
  if (pack.mechanism !== 'diligence-exemption')
    throw new Error(`pack ${pack.id}@${pack.version} is not a diligence-exemption pack`);
  const p = pack.parameters as DiligenceExemptionParameters;
  const role = input.person.role;
  const duties = p.roleChecks[role];
  const conduct = input.conduct as Record<string, boolean>;
  const hits = p.negativeList.filter((f) => conduct[f]).map((f) => HIT_CODES[f] ?? f);
  const checks: Check[] = [
    forRole('pricing-route', duties.includes('pricing-route'), role, () => pricingCheck(input, p)),
    forRole('collective-decision', duties.includes('collective-decision'), role, () =>
      check(
        'collective-decision',
        input.transfer.collectiveDecision,
        true,
        input.transfer.collectiveDecision,
        input.transfer.collectiveDecision
          ? 'the transfer was decided collectively'
          : 'no collective decision was taken',
      ),
    ),
    forRole('internal-rules', duties.includes('internal-rules'), role, () =>
      check(
        'internal-rules',
        input.transfer.internalRulesExist,
        true,
        input.transfer.internalRulesExist,
        input.transfer.internalRulesExist
          ? 'the unit has internal technology-transfer rules'
          : 'the unit has no internal technology-transfer rules',
      ),
    ),
    check(
      'negative-list',
      hits.length === 0,
      'none',
      hits.length ? hits.join(', ') : 'none',
      hits.length ? `never exempt: ${hits.join(', ')}` : 'no negative-list item applies',
    ),
  ];
  return {
    ...decisionOf('diligence-exemption', ['exempt', 'not-exempt'], pack, asOf, checks, selection),
    negativeListHits: hits,
    roleChecks: duties,
  };
}
