// A reward pack applies by province (the provinces' regulations) or nationally.
import type { PolicyPack } from '../types';
import type { ScopeResult } from '../select';
import { placeOf, placeScope } from '../place-scope';
import { cityKey } from '../gazetteer';
import type { RewardInput } from './input-schema';

export function rewardScope(pack: PolicyPack, input: Pick<RewardInput, 'jurisdiction'>): ScopeResult {
  const place = placeOf(input.jurisdiction);
  const result = placeScope(pack, place);
  // Beijing, Shanghai, Tianjin and Chongqing are province-level municipalities the gazetteer knows as
  // cities: "北京" given as the province is the city key "beijing", which the pack lists as a province.
  if (result.holds || pack.jurisdiction.level !== 'province') return result;
  const municipality = cityKey(input.jurisdiction.province);
  return pack.jurisdiction.provinces.includes(municipality) ? placeScope(pack, { province: municipality }) : result;
}
