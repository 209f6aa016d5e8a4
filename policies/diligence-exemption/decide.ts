import { selectPack } from '../select';
import type { PolicyPack } from '../types';
import { placeOf, placeScope } from '../place-scope';
import type { DiligenceExemptionInput } from './input-schema';
import { evaluateDiligenceExemption, type DiligenceExemptionDecision } from './evaluate';

const scope = (pack: PolicyPack, input: DiligenceExemptionInput) => placeScope(pack, placeOf(input.jurisdiction));

export function decideDiligenceExemption(input: DiligenceExemptionInput, asOf: string): DiligenceExemptionDecision {
  const { pack, notes } = selectPack('diligence-exemption', asOf, input, scope);
  return evaluateDiligenceExemption(input, pack, asOf, notes);
}
