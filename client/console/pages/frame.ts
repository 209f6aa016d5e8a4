// What every case page shares: the frame (the foundation's layout, plus the case pages' own
// stylesheet and script, both local), how a refusal reads in the person's language, and the small
// formatters of roles and times.
import { problemFor } from '../../errors';
import { refusalText, type RefusalContext } from '../explain';
import type { InputIssue } from '../../issues';
import { html, type Html } from '../html';
import { formatDate, formatDateTime, t, type Lang } from '../i18n';
import { page } from '../layout';
import type { ConsoleView } from '../session';

export function casesPage(view: ConsoleView, options: { title: string; body: Html; nav?: string }): Html {
  return page(view, {
    ...options,
    body: html`<link rel="stylesheet" href="/assets/cases.css" />
      <script src="/assets/cases.js" defer></script>
      ${options.body}`,
  });
}

const LIST_SEPARATOR: Record<Lang, string> = { zh: '、', en: ', ' };

export function roleList(lang: Lang, roles: readonly string[]): string {
  return roles.map((r) => t(lang, `role.${r}`)).join(LIST_SEPARATOR[lang]);
}

/** A role as people read it; the process's own actor ('system') has no console role. */
export function roleName(lang: Lang, role: string): string {
  return role === 'system' ? t(lang, 'case.system') : t(lang, `role.${role}`);
}

export function when(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '';
  return iso.length === 10 ? formatDate(lang, iso) : formatDateTime(lang, new Date(iso));
}

/** A refused form: either issues to show next to fields (400), or one message (403, 409, 404…) with what it was about. */
export type Refusal =
  { issues: InputIssue[] } | { status: number; code: string; message: string; context: RefusalContext };

/** Any error of a form's action as the console shows it; the shared table (client/errors.ts) decides what it is. Unknown errors are rethrown. */
export function refusalOf(error: unknown, context: RefusalContext = {}): Refusal {
  const problem = problemFor(error);
  if (problem.status >= 500) throw error;
  const body = problem.body;
  if ('issues' in body) return { issues: body.issues };
  return { status: problem.status, code: body.error, message: body.message, context };
}

/** A refusal's headline in the person's language (client/console/explain.ts), and the system's own words beneath it. */
export function refusalNotice(lang: Lang, refusal: Refusal | null): Html {
  if (!refusal || 'issues' in refusal) return html``;
  const headline = refusalText(lang, refusal.code, refusal.context);
  return html`<div class="refusal" role="alert" data-code="${refusal.code}">
    <p><strong class="${headline.translated ? '' : 'untranslated'}">${headline.text}</strong></p>
    <p class="detail">${t(lang, 'refusal.original')}: <span lang="en">${refusal.message}</span></p>
  </div>`;
}
