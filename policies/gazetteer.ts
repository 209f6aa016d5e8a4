// China's places, one canonical key each: every province-level division, prefecture-level
// division and county-level city, in simplified or traditional characters, pinyin or English,
// with or without 省/市/自治区…, or by GB/T 2260 code. This is geography, not policy: which places
// a rule covers lives in the packs, as these keys. The data is generated (scripts/gazetteer-data.ts)
// into gazetteer/places.json; the keys packs used before it keep their meaning and label.
//
// Two kinds of function: find* and *Issue say what a typed name is (known, ambiguous, unknown with
// suggestions) and are used at the edge to refuse a name; cityKey/provinceKey never refuse, because
// evaluators also run on inputs recorded before (in workflows, on replay, and for the auditor).
import places from './gazetteer/places.json';
import { editDistance, isChinese, normalPlaceName } from './place-names';

export type CityLevel = 'municipality' | 'prefecture' | 'county';

export interface ProvincePlace {
  key: string;
  /** GB/T 2260 division code. */
  code: string;
  /** Official name, e.g. 广西壮族自治区. */
  name: string;
  zh: string;
  en: string;
}

export interface CityPlace extends ProvincePlace {
  /** Province key (a municipality is its own province). */
  province: string;
  level: CityLevel;
}

export type Lookup<P> = { found: P } | { ambiguous: P[] } | { unknown: P[] };

interface Indexed<P> {
  byKey: Map<string, P>;
  byAlias: Map<string, P[]>;
  aliases: Array<[string, P]>;
}

function index<P extends ProvincePlace>(entries: Array<P & { aliases: string[] }>): Indexed<P> {
  const byKey = new Map<string, P>();
  const byAlias = new Map<string, P[]>();
  const aliases: Array<[string, P]> = [];
  for (const { aliases: names, ...rest } of entries) {
    const place = rest as unknown as P;
    byKey.set(place.key, place);
    for (const alias of new Set([...names, place.code])) {
      byAlias.set(alias, [...(byAlias.get(alias) ?? []), place]);
      aliases.push([alias, place]);
    }
  }
  return { byKey, byAlias, aliases };
}

const PROVINCES = index<ProvincePlace>(places.provinces);
const CITIES = index<CityPlace>(places.cities as Array<CityPlace & { aliases: string[] }>);

/** Where the gazetteer's data comes from (for the README and `policies list`-style listings). */
export const GAZETTEER_SOURCE = places.source;

const LEVEL_RANK: Record<CityLevel, number> = { municipality: 0, prefecture: 0, county: 1 };

/**
 * Typos get suggestions within a few edits: about one per three letters of pinyin, one per three
 * characters (so no guess for a two-character name: one wrong character is half of it).
 */
function suggestions<P extends ProvincePlace>(
  name: string,
  indexed: Indexed<P>,
  rank: (p: P) => number = () => 0,
): P[] {
  const chinese = isChinese(name);
  const length = [...name].length;
  const limit = chinese ? Math.floor(length / 3) : length <= 4 ? 1 : length <= 8 ? 2 : 3;
  if (limit === 0) return [];
  const best = new Map<P, number>();
  for (const [alias, place] of indexed.aliases) {
    if (isChinese(alias) !== chinese) continue;
    const d = editDistance(name, alias);
    if (d <= limit && d < (best.get(place) ?? Infinity)) best.set(place, d);
  }
  // Only the closest: "Chongching" suggests Chongqing, not every name two edits away.
  const closest = Math.min(...best.values());
  return [...best]
    .filter(([, d]) => d === closest)
    .sort(([a], [b]) => rank(a) - rank(b) || a.en.localeCompare(b.en))
    .slice(0, 5)
    .map(([p]) => p);
}

/**
 * A city by any of its names. With the province known, a name two cities share resolves to the
 * one in that province; without it, to the place whose key it is (a pack's key keeps its meaning:
 * "Suzhou" is 苏州), or to the one prefecture among county-level cities of the same name.
 */
export function findCity(name: string, province?: string): Lookup<CityPlace> {
  const n = normalPlaceName(name);
  const candidates = CITIES.byAlias.get(n) ?? [];
  if (candidates.length === 0) return { unknown: suggestions(n, CITIES, (p) => LEVEL_RANK[p.level]) };
  const inProvince = province ? candidates.filter((c) => c.province === province) : [];
  if (inProvince.length === 1) return { found: inProvince[0] };
  if (candidates.length === 1) return { found: candidates[0] };
  const byKey = candidates.find((c) => normalPlaceName(c.key) === n);
  if (byKey) return { found: byKey };
  const upper = candidates.filter((c) => c.level !== 'county');
  if (upper.length === 1) return { found: upper[0] };
  return { ambiguous: candidates };
}

export function findProvince(name: string): Lookup<ProvincePlace> {
  const n = normalPlaceName(name);
  const candidates = PROVINCES.byAlias.get(n) ?? [];
  if (candidates.length === 1) return { found: candidates[0] };
  if (candidates.length > 1) return { ambiguous: candidates };
  return { unknown: suggestions(n, PROVINCES) };
}

/** The key a name had before the gazetteer knew every place: kept for names it cannot resolve. */
function unresolvedKey(name: string, suffix: RegExp, chineseSuffix: RegExp): string {
  const trimmed = name.normalize('NFKC').trim();
  if (isChinese(trimmed)) return trimmed.replace(chineseSuffix, '');
  return trimmed
    .toLowerCase()
    .replace(suffix, '')
    .replace(/[\s'’\-_.]/g, '');
}

/**
 * Canonical key for a city name: "Chongqing", "chongqing", "重庆", "重庆市", "重慶", "Xi'an",
 * "xian", "Chongqing City", "500000" all give "chongqing". A name that is unknown or ambiguous
 * keeps a normalised form of itself, as before (the edge refuses such names in new requests).
 */
export function cityKey(name: string, province?: string): string {
  const match = findCity(name, province);
  return 'found' in match ? match.found.key : unresolvedKey(name, /\s+(city|shi)$/, /市$/);
}

/** Canonical key for a province: "Guangdong", "广东", "广东省", "Guangdong Province", "廣東", "440000". */
export function provinceKey(name: string): string {
  const match = findProvince(name);
  return 'found' in match ? match.found.key : unresolvedKey(name, /\s+province$/, /省$/);
}

/** The province of a known city, for rules written per province (a municipality is its own). */
export function provinceOfCity(cityKeyValue: string): string | undefined {
  return CITIES.byKey.get(cityKeyValue)?.province;
}

export function city(key: string): CityPlace | undefined {
  return CITIES.byKey.get(key);
}

export function province(key: string): ProvincePlace | undefined {
  return PROVINCES.byKey.get(key);
}

export function cityLabel(key: string): string {
  const c = CITIES.byKey.get(key);
  return c ? `${c.en} (${c.zh})` : key;
}

export function provinceLabel(key: string): string {
  const p = PROVINCES.byKey.get(key);
  return p ? `${p.en} (${p.zh})` : key;
}

function withProvince(c: CityPlace): string {
  return `${c.en} (${c.zh}, ${PROVINCES.byKey.get(c.province)?.en ?? c.province})`;
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** Why a city name cannot be used, in words for an input issue; null when it names one city. */
export function cityIssue(name: string, province?: string): string | null {
  const match = findCity(name, province);
  if ('found' in match) return null;
  if ('ambiguous' in match)
    return `"${name}" names more than one place: ${orList(match.ambiguous.map(withProvince))}; write it in Chinese, give the province, or use its key (${match.ambiguous.map((c) => c.key).join(', ')})`;
  return match.unknown.length
    ? `unknown city "${name}": did you mean ${orList(match.unknown.map(withProvince))}?`
    : `unknown city "${name}": not a municipality, prefecture-level division or county-level city of China (GB/T 2260)`;
}

export function provinceIssue(name: string): string | null {
  const match = findProvince(name);
  if ('found' in match) return null;
  const list = 'ambiguous' in match ? match.ambiguous : match.unknown;
  return list.length
    ? `unknown province "${name}": did you mean ${orList(list.map((p) => provinceLabel(p.key)))}?`
    : `unknown province "${name}": not a province-level division of China (GB/T 2260)`;
}
