// When a rights-grant pack applies: a city pack when the case's city is one of its cities, a
// province pack when the case's province (given, or known from its city) is one of its provinces.
import type { PolicyPack } from '../types';
import type { ScopeResult } from '../select';
import { cityKey, cityLabel, provinceKey, provinceLabel, provinceOfCity } from '../gazetteer';
import type { RightsGrantInput } from './input-schema';

export interface Place {
  city?: string;
  province?: string;
}

export function placeOf(input: Pick<RightsGrantInput, 'jurisdiction'>): Place {
  const city = input.jurisdiction.city ? cityKey(input.jurisdiction.city) : undefined;
  const province = input.jurisdiction.province ? provinceKey(input.jurisdiction.province) : city ? provinceOfCity(city) : undefined;
  return { city, province };
}

export function rightsGrantScope(pack: PolicyPack, input: RightsGrantInput): ScopeResult {
  const j = pack.jurisdiction;
  const place = placeOf(input);
  if (j.level === 'national') return { holds: true, reasons: ['national rule, in force on the decision date'] };
  if (j.level === 'city') {
    return place.city && j.cities.includes(place.city)
      ? { holds: true, reasons: [`${cityLabel(place.city)} is in the pack's area`] }
      : { holds: false, reasons: [`${place.city ? cityLabel(place.city) : 'no city given'}: not in the pack's ${j.cities.length} places`] };
  }
  return place.province && j.provinces.includes(place.province)
    ? { holds: true, reasons: [`${provinceLabel(place.province)} is in the pack's provinces`] }
    : { holds: false, reasons: [`${place.province ? provinceLabel(place.province) : 'no province given or known'}: not one of ${j.provinces.map(provinceLabel).join(', ')}`] };
}
