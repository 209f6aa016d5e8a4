import { selectPack, type Selection } from '../select';
import type { RightsGrantInput } from './input-schema';
import { rightsGrantScope } from './scope';
import { evaluateRightsGrant, type RightsGrantDecision } from './evaluate';

export function selectRightsGrantPack(input: RightsGrantInput, asOf: string): Selection {
  return selectPack('rights-grant', asOf, input, rightsGrantScope);
}

export function decideRightsGrant(input: RightsGrantInput, asOf: string): RightsGrantDecision {
  const { pack, notes } = selectRightsGrantPack(input, asOf);
  return evaluateRightsGrant(input, pack, asOf, notes);
}
