// Every "why" a person reads, in their language: an evaluator's check explained from its id, its
// outcome and its own limit and actual value (client/console/messages/reasons.ts), and a refusal
// from the error table's code with the case, action, stage and role filled in. The evaluators and
// workflows speak English to the API and the audit trail; the console translates by stable code,
// never by parsing their sentences. A code without text is shown visibly as untranslated — with the
// original English beneath — never silently passed off as a translation.
import type { Check } from '../../policies/types';
import type { CheckId } from '../../policies/check-ids';
import { MESSAGES } from './messages';
import { formatMoney, t, type Lang } from './i18n';

/** How a check's limit and actual read: a share as a percentage, money as yuan, else as given. */
type Format = 'percent' | 'money' | 'plain';

const FORMATS: Record<CheckId, { limit: Format; actual: Format }> = {
  'loan-ratio': { limit: 'percent', actual: 'percent' },
  'loan-term': { limit: 'plain', actual: 'plain' },
  'deal-type': { limit: 'plain', actual: 'plain' },
  stake: { limit: 'percent', actual: 'percent' },
  'acquirer-eligibility': { limit: 'plain', actual: 'plain' },
  'bank-eligibility': { limit: 'percent', actual: 'percent' },
  concentration: { limit: 'percent', actual: 'percent' },
  'inventor-consent': { limit: 'plain', actual: 'plain' },
  'internal-split': { limit: 'percent', actual: 'percent' },
  'result-kind': { limit: 'plain', actual: 'plain' },
  'result-valid': { limit: 'plain', actual: 'plain' },
  'negative-list': { limit: 'plain', actual: 'plain' },
  plan: { limit: 'plain', actual: 'plain' },
  'ltu-term': { limit: 'plain', actual: 'plain' },
  'ownership-share': { limit: 'plain', actual: 'percent' },
  'licensee-sme': { limit: 'plain', actual: 'plain' },
  'separately-managed': { limit: 'plain', actual: 'plain' },
  'deferral-floor': { limit: 'plain', actual: 'plain' },
  'deferral-cap': { limit: 'plain', actual: 'plain' },
  'open-licence-exclusive': { limit: 'plain', actual: 'plain' },
  'pricing-route': { limit: 'plain', actual: 'plain' },
  'collective-decision': { limit: 'plain', actual: 'plain' },
  'internal-rules': { limit: 'plain', actual: 'plain' },
  'net-income': { limit: 'money', actual: 'money' },
  'team-share-floor': { limit: 'percent', actual: 'percent' },
  'team-split': { limit: 'percent', actual: 'percent' },
  'leader-equity': { limit: 'plain', actual: 'plain' },
};

const has = (key: string): boolean => key in MESSAGES;
const SEPARATOR: Record<Lang, string> = { zh: '、', en: ', ' };

function percent(n: number): string {
  return `${Number((n * 100).toFixed(2))}%`;
}

/** One value of a check as a person reads it. */
export function checkValue(lang: Lang, value: Check['limit'], format: Format = 'plain'): string {
  if (value === null || value === undefined) return t(lang, 'explain.none');
  if (typeof value === 'boolean') return t(lang, value ? 'explain.yes' : 'explain.no');
  if (Array.isArray(value)) return value.join(SEPARATOR[lang]);
  if (format === 'percent' && typeof value === 'number') return percent(value);
  if (format === 'money' && /^-?\d+(\.\d+)?$/.test(String(value))) return formatMoney(String(value));
  return String(value);
}

/** The check's name (a known id), or the id itself marked as untranslated. */
export function checkName(lang: Lang, id: string): { text: string; translated: boolean } {
  const key = `check.${id}`;
  return has(key) ? { text: t(lang, key), translated: true } : { text: id, translated: false };
}

/**
 * Why a check passed or failed, in `lang`. `pack` names the pack that decided (id@version).
 * Unknown ids are not translated: the answer says so, and `original` is the evaluator's own words.
 */
export function explainCheck(
  lang: Lang,
  c: Pick<Check, 'id' | 'passed' | 'limit' | 'actual' | 'message'>,
  pack = '',
): { text: string; translated: boolean; original: string } {
  const outcome = c.passed ? 'passed' : 'failed';
  const base = `explain.${c.id}.${outcome}`;
  const format = FORMATS[c.id as CheckId];
  if (!format || !has(base))
    return { text: t(lang, 'explain.untranslated', { id: c.id }), translated: false, original: c.message };
  const empty = c.limit === null || c.actual === null;
  const key = empty && has(`${base}.none`) ? `${base}.none` : base;
  const text = t(lang, key, {
    limit: checkValue(lang, c.limit, format.limit),
    actual: checkValue(lang, c.actual, format.actual),
    pack: pack || t(lang, 'explain.none'),
  });
  return { text, translated: true, original: c.message };
}

/** What a refusal's text may name: the case, the action asked for (its code), the stage it stood at, the role. */
export interface RefusalContext {
  caseId?: string;
  action?: string;
  stage?: string;
  role?: string;
}

const named = (lang: Lang, prefix: string, code: string | undefined): string =>
  !code ? '—' : has(`${prefix}.${code}`) ? t(lang, `${prefix}.${code}`) : code;

/** A refusal's headline in `lang`, by the error table's code; an unknown code is said to be untranslated. */
export function refusalText(
  lang: Lang,
  code: string,
  context: RefusalContext = {},
): { text: string; translated: boolean } {
  const key = `refusal.${code}`;
  if (!has(key)) return { text: t(lang, 'refusal.untranslated', { code }), translated: false };
  return {
    text: t(lang, key, {
      caseId: context.caseId ?? '—',
      action: named(lang, 'action', context.action),
      stage: named(lang, 'stage', context.stage),
      role: named(lang, 'role', context.role),
    }),
    translated: true,
  };
}
