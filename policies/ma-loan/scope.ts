// When an ma-loan pack applies. A national pack always does; a narrower pack (the technology
// pilot) applies only when every one of its conditions holds — otherwise the national rule
// decides, and the selection notes say which condition failed.
import type { PolicyPack } from '../types';
import type { ScopeKey, ScopeResult } from '../select';
import { cityLabel } from '../gazetteer';
import { cachedCityKey as cityKey } from '../city-key-cache';
import type { MaLoanEvaluateInput } from './input-schema';
import type { MaLoanParameters } from './parameters';

export function maLoanScope(pack: PolicyPack, input: MaLoanEvaluateInput): ScopeResult {
  const j = pack.jurisdiction;
  if (j.level === 'national') return { holds: true, reasons: ['national rule, in force on the decision date'] };
  const p = pack.parameters as MaLoanParameters;
  const city = cityKey(input.acquirer.city);
  const places = j.level === 'city' ? j.cities : j.provinces;
  const failed: string[] = [];
  if (!places.includes(city))
    failed.push(
      `acquirer city ${cityLabel(city)} is not one of the pack's ${places.length} ${j.level === 'city' ? 'cities' : 'provinces'}`,
    );
  if (p.acquirer.requireTechEnterprise && !input.acquirer.techEnterprise)
    failed.push('acquirer is not a technology enterprise');
  if (p.acquirer.requireGoodCredit && input.acquirer.goodCredit === false)
    failed.push('acquirer has no good credit record');
  if (!p.dealTypes[input.deal.type])
    failed.push(`deal type ${input.deal.type} is outside the pack (it covers ${Object.keys(p.dealTypes).join(', ')})`);
  if (p.bank.requirePilotBank && input.bank.pilotBank === false) failed.push('bank is not a pilot bank');
  if (failed.length) return { holds: false, reasons: failed };
  return {
    holds: true,
    reasons: [
      `all pilot conditions hold (${cityLabel(city)}, technology enterprise, good credit, ${input.deal.type}-type, pilot bank)`,
    ],
  };
}

const DEAL_TYPE_CODE: Record<MaLoanEvaluateInput['deal']['type'], number> = { control: 0, participation: 1 };

/**
 * Every part of the input maLoanScope reads, as it reads it: two requests with the same key are in
 * or out of each pack for the same reasons, so their selection can be remembered
 * (selectPackRemembered). A condition added to maLoanScope adds its input here;
 * tests/unit/ma-loan-selection-memo.test.ts compares remembered and fresh selections.
 */
export const maLoanScopeKey: ScopeKey<MaLoanEvaluateInput> = {
  place: (input) => cityKey(input.acquirer.city),
  code: (input) => {
    const type = DEAL_TYPE_CODE[input.deal.type] as number | undefined;
    // A type the schema does not know (it cannot pass the edge) is selected afresh, never shared.
    if (type === undefined) return -1;
    return (
      (input.acquirer.techEnterprise ? 1 : 0) |
      (input.acquirer.goodCredit === false ? 2 : 0) |
      (input.bank.pilotBank === false ? 4 : 0) |
      (type << 3)
    );
  },
};
