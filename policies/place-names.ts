// How a place name is compared: the one normal form the gazetteer's data is generated in
// (scripts/gazetteer-data.ts) and every name typed by a user is looked up in. Pure.

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Words a user may put after a name ("Hefei City", "Guangdong Province", "Chongqing Shi"). */
const LATIN_SUFFIX =
  /\s+(city|shi|province|sheng|municipality|prefecture|autonomous region|special administrative region|sar)$/;

export function isChinese(text: string): boolean {
  return CJK.test(text);
}

/**
 * "Xi'an" → "xian", "Chóngqìng City" → "chongqing", "Lüliang" → "luliang", " 合肥市 " → "合肥市".
 * Chinese keeps its characters (suffixes such as 市 and 省 are separate aliases in the data).
 */
export function normalPlaceName(text: string): string {
  const t = text.normalize('NFKC').trim();
  if (isChinese(t)) return t.replace(/\s+/g, '');
  return t
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(LATIN_SUFFIX, '')
    .replace(/[\s'’`\-_.·]/g, '');
}

/** Levenshtein distance, by code point (a Chinese character counts as one). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}
