// cityKey (NFKC normalisation and three regular expressions) is pure, and every loan check asks it
// the same few spellings twice (scope, then jurisdiction): remember the answers. Bounded, so
// arbitrary names sent to the API cannot grow it without end.
import { cityKey } from './gazetteer';

const LIMIT = 4096;
const keys = new Map<string, string>();

export function cachedCityKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = cityKey(name);
    if (keys.size >= LIMIT) keys.clear();
    keys.set(name, key);
  }
  return key;
}
