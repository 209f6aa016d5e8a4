// Scope by place, for mechanisms whose packs differ only by where the case is: a city pack
// applies in its cities, a province pack in its provinces (given, or known from the city).
import type { PolicyPack } from './types';
import type { ScopeResult } from './select';
import { cityKey, cityLabel, provinceKey, provinceLabel, provinceOfCity } from './gazetteer';

export interface Place {
  city?: string;
  province?: string;
}

export function placeOf(jurisdiction: { city?: string; province?: string } | undefined): Place {
  const given = jurisdiction?.province ? provinceKey(jurisdiction.province) : undefined;
  const city = jurisdiction?.city ? cityKey(jurisdiction.city, given) : undefined;
  const province = given ?? (city ? provinceOfCity(city) : undefined);
  return { city, province };
}

export function placeScope(pack: PolicyPack, place: Place): ScopeResult {
  const j = pack.jurisdiction;
  if (j.level === 'national') return { holds: true, reasons: ['national rule, in force on the decision date'] };
  if (j.level === 'city') {
    return place.city && j.cities.includes(place.city)
      ? { holds: true, reasons: [`${cityLabel(place.city)} is in the pack's area`] }
      : {
          holds: false,
          reasons: [
            `${place.city ? cityLabel(place.city) : 'no city given'}: not in the pack's ${j.cities.length} places`,
          ],
        };
  }
  return place.province && j.provinces.includes(place.province)
    ? { holds: true, reasons: [`${provinceLabel(place.province)} is in the pack's provinces`] }
    : {
        holds: false,
        reasons: [
          `${place.province ? provinceLabel(place.province) : 'no province given or known'}: not one of ${j.provinces.map(provinceLabel).join(', ')}`,
        ],
      };
}
