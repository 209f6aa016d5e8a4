import { selectPack, type Selection } from '../select';
import type { PolicyPack } from '../types';
import { placeOf, placeScope } from '../place-scope';
import type { DiligenceExemptionInput } from './input-schema';
import { evaluateDiligenceExemption, type DiligenceExemptionDecision } from './evaluate';

const scope = (pack: PolicyPack, input: DiligenceExemptionInput) => placeScope(pack, placeOf(input.jurisdiction));

/** The pack for a review: chosen by place and date only (the person and facts do not change it). */
export function selectDiligenceExemptionPack(
  input: Pick<DiligenceExemptionInput, 'jurisdiction'>,
  asOf: string,
): Selection {
  return selectPack('diligence-exemption', asOf, input as DiligenceExemptionInput, scope);
}

export function decideDiligenceExemption(input: DiligenceExemptionInput, asOf: string): DiligenceExemptionDecision {
  const { pack, notes } = selectPack('diligence-exemption', asOf, input, scope);
  return evaluateDiligenceExemption(input, pack, asOf, notes);
}
