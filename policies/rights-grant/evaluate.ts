// The rights-grant evaluator: pure, deterministic, safe inside workflows.
import type { BaseDecision, Check, PolicyPack, SelectionNote } from '../types';
import { check, decisionOf } from '../check';
import { Decimal, formatPercent } from '../money';
import type { RightsGrantInput } from './input-schema';
import type { RightsGrantParameters, ShareRange } from './parameters';
import { placeOf } from '../place-scope';

export interface RightsGrantDecision extends BaseDecision<'rights-grant', 'eligible' | 'ineligible'> {
  publicityDays: number;
  /** Flags of the negative list that were raised, by their stable codes. */
  negativeListHits: string[];
  jurisdiction: { city: string | null; province: string | null };
}

const HIT_CODES: Record<string, string> = {
  nationalSecurity: 'national-security',
  stateSecret: 'state-secret',
  publicInterest: 'public-interest',
  ethicsBreach: 'ethics-breach',
  relatedPartyUndisclosed: 'related-party-undisclosed',
};

function rangeText(r: ShareRange): string {
  return `${r.minInclusive ? '≥' : '>'} ${formatPercent(r.min)} and ${r.maxInclusive ? '≤' : '<'} ${formatPercent(r.max)}`;
}

function inRange(value: Decimal, r: ShareRange): boolean {
  const aboveMin = r.minInclusive ? value.gte(r.min) : value.gt(r.min);
  const belowMax = r.maxInclusive ? value.lte(r.max) : value.lt(r.max);
  return aboveMin && belowMax;
}

function grantCheck(input: RightsGrantInput, p: RightsGrantParameters): Check {
  if (input.grant.form === 'long-term-use') {
    const ok = input.grant.years >= p.ltu.minYears;
    return check(
      'ltu-term',
      ok,
      p.ltu.minYears,
      input.grant.years,
      `long-term use right of ${input.grant.years} years ${ok ? 'meets' : 'is shorter than'} the ${p.ltu.minYears}-year minimum`,
    );
  }
  const share = new Decimal(input.grant.teamShare);
  const ok = inRange(share, p.ownership);
  return check(
    'ownership-share',
    ok,
    rangeText(p.ownership),
    share.toNumber(),
    `team ownership share ${formatPercent(share)} ${ok ? 'is within' : 'is outside'} ${rangeText(p.ownership)}`,
  );
}

export function evaluateRightsGrant(
  input: RightsGrantInput,
  pack: PolicyPack,
  asOf: string,
  selection: SelectionNote[],
): RightsGrantDecision {
  if (pack.mechanism !== 'rights-grant') throw new Error(`pack ${pack.id}@${pack.version} is not a rights-grant pack`);
  const p = pack.parameters as RightsGrantParameters;
  const refused = input.inventors.filter((i) => !i.consented);
  const shareSum = input.inventors.reduce((sum, i) => sum.plus(i.share), new Decimal(0));
  const flags = (input.flags ?? {}) as Record<string, boolean | undefined>;
  const hits = p.negativeList.filter((f) => flags[f]).map((f) => HIT_CODES[f] ?? f);
  const planMissing = [
    p.plan.requireLicenseeIdentified && !input.plan.licenseeIdentified && 'no licensee or buyer identified',
    p.plan.requireCommercialisationPlan && !input.plan.commercialisationPlan && 'no commercialisation plan',
  ].filter((x): x is string => Boolean(x));
  const checks: Check[] = [
    check(
      'inventor-consent',
      refused.length === 0,
      'all inventors',
      `${input.inventors.length - refused.length}/${input.inventors.length}`,
      refused.length
        ? `not consented: ${refused.map((i) => `${i.name} (${i.id})`).join(', ')}`
        : `all ${input.inventors.length} inventors consented to the grant and the split`,
    ),
    check(
      'internal-split',
      shareSum.eq(1),
      1,
      shareSum.toNumber(),
      shareSum.eq(1)
        ? 'the inventors’ internal shares add up to 100 %'
        : `the inventors’ internal shares add up to ${formatPercent(shareSum, 4)}, not 100 %`,
    ),
    check(
      'result-kind',
      p.resultKinds.includes(input.result.kind),
      p.resultKinds,
      input.result.kind,
      p.resultKinds.includes(input.result.kind)
        ? `${input.result.kind} results are in scope`
        : `${input.result.kind} results are outside this pack`,
    ),
    check(
      'result-valid',
      input.result.valid,
      true,
      input.result.valid,
      input.result.valid
        ? `"${input.result.title}" is a valid right`
        : `"${input.result.title}" is not (or no longer) a valid right`,
    ),
    check(
      'negative-list',
      hits.length === 0,
      'none',
      hits.length ? hits.join(', ') : 'none',
      hits.length ? `on the negative list: ${hits.join(', ')}` : 'no negative-list item applies',
    ),
    check(
      'plan',
      planMissing.length === 0,
      'licensee identified + commercialisation plan',
      planMissing.length ? planMissing.join('; ') : 'complete',
      planMissing.length
        ? `plan incomplete: ${planMissing.join('; ')}`
        : 'a licensee or buyer is identified and a commercialisation plan exists',
    ),
    grantCheck(input, p),
  ];
  const place = placeOf(input.jurisdiction);
  return {
    ...decisionOf('rights-grant', ['eligible', 'ineligible'], pack, asOf, checks, selection),
    publicityDays: p.publicityWorkingDays,
    negativeListHits: hits,
    jurisdiction: { city: place.city ?? null, province: place.province ?? null },
  };
}
