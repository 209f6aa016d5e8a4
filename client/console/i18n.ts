// Chinese by default, English by choice: every label and message of the console is looked up here
// in the catalogs of client/console/messages/. A key missing from the catalogs throws (and so
// fails a test that renders the page), never falls back silently to showing the key.
import { Decimal } from '../../policies/money';
import { MESSAGES, type MessageKey } from './messages';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export class MissingMessageError extends Error {
  constructor(key: string) {
    super(`no console message "${key}" in client/console/messages/`);
    this.name = 'MissingMessageError';
  }
}

/** The message `key` in `lang`, with `{name}` placeholders filled from params. */
export function t(lang: Lang, key: MessageKey | (string & {}), params?: Record<string, string | number>): string {
  const entry = (MESSAGES as Record<string, { zh: string; en: string } | undefined>)[key];
  if (!entry) throw new MissingMessageError(key);
  const text = entry[lang];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date as people write it: 2026年3月2日 / 2 Mar 2026. A 'YYYY-MM-DD' string is taken as
 * that day (no time zone can shift it); a Date is shown as its day in China (UTC+8, no DST).
 */
export function formatDate(lang: Lang, value: string | Date): string {
  let y: number, m: number, d: number;
  if (typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!match) throw new Error(`not a date: ${JSON.stringify(value)} (expected YYYY-MM-DD)`);
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    const china = new Date(value.getTime() + 8 * 3600_000);
    [y, m, d] = [china.getUTCFullYear(), china.getUTCMonth() + 1, china.getUTCDate()];
  }
  return lang === 'zh' ? `${y}年${m}月${d}日` : `${d} ${MONTHS[m - 1]} ${y}`;
}

/** A date and time in China (UTC+8): 2026年3月2日 14:05 / 2 Mar 2026 14:05. */
export function formatDateTime(lang: Lang, value: Date): string {
  const china = new Date(value.getTime() + 8 * 3600_000);
  const hh = String(china.getUTCHours()).padStart(2, '0');
  const mm = String(china.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(lang, value)} ${hh}:${mm}`;
}

/**
 * Yuan as ¥1,234,567.89 from an exact decimal (a string as the API sends money, or a Decimal):
 * never through a float, so no cent is lost on large amounts.
 */
export function formatMoney(amount: string | Decimal): string {
  const d = new Decimal(amount);
  const fixed = d.abs().toFixed(2);
  const [whole, cents] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}¥${grouped}.${cents}`;
}
