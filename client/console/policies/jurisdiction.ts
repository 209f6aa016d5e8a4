// A pack's scope as people read it: national, or the provinces / cities it names.
import { cityLabel, provinceLabel } from '../../../policies/gazetteer';
import type { Jurisdiction } from '../../../policies/types';
import { t, type Lang } from '../i18n';

export function scopeText(lang: Lang, j: Jurisdiction): string {
  if (j.level === 'national') return t(lang, 'policy.scope.national');
  if (j.level === 'province')
    return t(lang, 'policy.scope.provinces', { places: j.provinces.map(provinceLabel).join(', ') });
  return t(lang, 'policy.scope.cities', { n: j.cities.length, places: j.cities.map(cityLabel).join(', ') });
}
