// A rights-grant pack applies by place (the Hefei metropolitan area, Guangdong, national).
import type { PolicyPack } from '../types';
import type { ScopeResult } from '../select';
import { placeOf, placeScope } from '../place-scope';
import type { RightsGrantInput } from './input-schema';

export function rightsGrantScope(pack: PolicyPack, input: RightsGrantInput): ScopeResult {
  return placeScope(pack, placeOf(input.jurisdiction));
}
