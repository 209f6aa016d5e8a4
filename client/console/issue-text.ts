// An input issue (client/issues.ts) in the person's language, for the fields of a form. English is
// the issue's own message, as the API says it. Chinese comes, in order, from: the catalog of the
// texts our schemas write themselves, keyed by the exact English (a template's {parts} matched and
// carried over by position); then zod's code and parameters, kept on the issue by zodIssues without
// entering its JSON; then zod's own Chinese locale for the rarer codes. An issue with none of these
// is shown in English and marked untranslated, as explain.ts does for checks and refusals.
import { z } from 'zod';
import { zodDetailOf, type InputIssue, type ZodIssueDetail } from '../issues';
import { MESSAGES } from './messages';
import { t, type Lang } from './i18n';

export interface IssueText {
  text: string;
  translated: boolean;
  /** The issue's English, as the API and CLI give it. */
  original: string;
}

const PREFIX = 'issue.';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The catalog's templates (keys with {parts}) as patterns; exact keys are looked up directly. The most
 * specific template is tried first (the most fixed text): "{action} needs a reason" before "{action} needs {needs}".
 */
const TEMPLATES: Array<{ key: string; pattern: RegExp; fixed: number }> = Object.keys(MESSAGES)
  .filter((key) => key.startsWith(PREFIX) && /\{\w+\}/.test(key))
  .map((key) => {
    const parts = key.slice(PREFIX.length).split(/\{\w+\}/);
    return {
      key,
      pattern: new RegExp(`^${parts.map(escapeRegExp).join('(.+?)')}$`, 's'),
      fixed: parts.join('').length,
    };
  })
  .sort((a, b) => b.fixed - a.fixed);

/** The catalog's key for an English text our schemas write, with the template's parts by position. */
export function catalogEntry(english: string): { key: string; params: Record<string, string> } | null {
  if (`${PREFIX}${english}` in MESSAGES && !/\{\w+\}/.test(english)) return { key: `${PREFIX}${english}`, params: {} };
  for (const { key, pattern } of TEMPLATES) {
    const m = pattern.exec(english);
    if (m) return { key, params: Object.fromEntries(m.slice(1).map((v, i) => [String(i + 1), v])) };
  }
  return null;
}

const zhLocale = z.locales.zhCN().localeError;
const SEPARATOR = '、';

function typeName(lang: Lang, type: string): string {
  return `issue.type.${type}` in MESSAGES ? t(lang, `issue.type.${type}`) : type;
}

/** Zod's issue said from its code and parameters; null for a code the catalog does not cover. */
function fromCode(lang: Lang, issue: InputIssue, d: ZodIssueDetail): string | null {
  switch (d.code) {
    case 'unrecognized_keys':
      return t(lang, 'issue.unknownFields', { keys: d.keys.join(SEPARATOR) });
    case 'invalid_type':
      // zodIssues rewrote a missing value as "required (…)".
      if (issue.message.startsWith('required (')) return t(lang, 'issue.required');
      return t(lang, 'issue.invalidType', { expected: typeName(lang, d.expected) });
    case 'too_small':
    case 'too_big': {
      const origin = d.origin === 'string' || d.origin === 'array' ? d.origin : 'number';
      const bound = d.code === 'too_small' ? d.minimum : d.maximum;
      const exclusive = origin === 'number' && !d.inclusive ? '.exclusive' : '';
      return t(lang, `issue.${d.code === 'too_small' ? 'min' : 'max'}.${origin}${exclusive}`, { n: String(bound) });
    }
    case 'invalid_value':
      return t(lang, 'issue.oneOf', { values: d.values.map(String).join(SEPARATOR) });
    case 'custom':
      return null; // its message is ours: only the catalog knows it
    default: {
      // zod's locale reads the code's parameters only; `input` is not kept on a finished issue.
      const said = zhLocale({ ...d, input: undefined } as Parameters<typeof zhLocale>[0]);
      const text = typeof said === 'string' ? said : said?.message;
      return lang === 'zh' && text ? text : null;
    }
  }
}

/**
 * A template's part that names a field (our schemas write "annualRevenueCny must not be negative")
 * read as the field's label when the console has one: the field itself, or the end of the issue's path.
 * A part the key calls {action} (a workflow's "approve needs a reason") reads as the action's label.
 */
function fieldLabels(
  lang: Lang,
  issue: InputIssue,
  key: string,
  params: Record<string, string>,
): Record<string, string> {
  const path = issue.path.replace(/\.\d+(?=\.|$)/g, '');
  const names = [...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const label = (v: string, i: number): string | null =>
    names[i] === 'action' && `action.${v}` in MESSAGES
      ? t(lang, `action.${v}`)
      : `field.${v}` in MESSAGES
        ? t(lang, `field.${v}`)
        : (path === v || path.endsWith(`.${v}`)) && `field.${path}` in MESSAGES
          ? t(lang, `field.${path}`)
          : null;
  return Object.fromEntries(Object.entries(params).map(([k, v], i) => [k, label(v, i) ?? v]));
}

/** The issue as a person reads it in `lang`. */
export function issueText(lang: Lang, issue: InputIssue): IssueText {
  const original = issue.message;
  if (lang === 'en') return { text: original, translated: true, original };
  const detail = zodDetailOf(issue);
  // zodIssues' own rewrites ("unknown field(s): …", "required (…)") are said from the code first,
  // so a catalog template such as "required {why}" never reads them as our schemas' words.
  const rewritten = detail && (detail.code === 'unrecognized_keys' || issue.message.startsWith('required ('));
  const entry = rewritten ? null : catalogEntry(original);
  if (entry)
    return { text: t(lang, entry.key, fieldLabels(lang, issue, entry.key, entry.params)), translated: true, original };
  const text = detail ? fromCode(lang, issue, detail) : null;
  return text ? { text, translated: true, original } : { text: original, translated: false, original };
}
