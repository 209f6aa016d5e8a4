// Every console page in one frame: the document's language, a skip link, the header (product,
// navigation for the active role, the person and their role switch, the language switch, sign
// out), then <main>. One local stylesheet and one local script under /assets/: nothing is fetched
// from anywhere else (the Content-Security-Policy set in index.ts holds the page to that).
import type { Role } from '../api/auth';
import { html, type Html } from './html';
import { LANGS, t, type Lang } from './i18n';
import { navFor } from './nav';
import { trainingBanner } from './training-banner';
import { FOUNDATION_ROUTES } from './routes';
import { csrfField, type AnonymousView, type ConsoleView } from './session';

export interface PageOptions {
  /** The page's own title (already translated); the product name follows it in <title>. */
  title: string;
  body: Html;
  /** The navigation entry to mark as the current page (its href); default: the one matching none. */
  nav?: string;
}

/** The stylesheet and script, versioned by path so a new release is not served from a stale cache. */
export const STYLESHEET = '/assets/console.css';
export const SCRIPT = '/assets/console.js';

function roleSwitch(view: ConsoleView): Html {
  const { lang } = view;
  if (view.person.roles.length < 2)
    return html`<span class="role">${t(lang, 'layout.activeRole')}: ${t(lang, `role.${view.caller.role}`)}</span>`;
  return html`<form method="post" action="${FOUNDATION_ROUTES.switchRole.path}" class="inline">
    ${csrfField(view)}
    <label for="tf-role">${t(lang, 'layout.activeRole')}</label>
    <select id="tf-role" name="role">
      ${view.person.roles.map(
        (g) =>
          html`<option value="${g.role}" ${g.role === view.caller.role ? html`selected` : ''}>
            ${t(lang, `role.${g.role}`)}
          </option>`,
      )}
    </select>
    <button type="submit">${t(lang, 'layout.switchRole')}</button>
  </form>`;
}

function languageSwitch(view: ConsoleView | AnonymousView): Html {
  const { lang } = view;
  const other: Lang = LANGS.find((l) => l !== lang)!;
  return html`<form method="post" action="${FOUNDATION_ROUTES.switchLanguage.path}" class="inline">
    ${csrfField(view)}
    <input type="hidden" name="lang" value="${other}" />
    <button type="submit" lang="${other}" aria-label="${t(lang, 'layout.switchLanguage')}: ${t(lang, `lang.${other}`)}">
      ${t(other, `lang.${other}`)}
    </button>
  </form>`;
}

function header(view: ConsoleView | AnonymousView, current?: string): Html {
  const { lang } = view;
  const product = html`<a class="product" href="${FOUNDATION_ROUTES.home.path}">${t(lang, 'product.name')}</a>`;
  if (!view.person)
    return html`<header class="top">
      ${product}
      <div class="tools">${languageSwitch(view)}</div>
    </header>`;
  const items = navFor(view.caller.role as Role);
  return html`<header class="top">
    ${product}
    <nav aria-label="${t(lang, 'layout.nav')}">
      <ul>
        ${items.map(
          (item) =>
            html`<li>
              <a href="${item.href}" ${item.href === current ? html`aria-current="page"` : ''}
                >${t(lang, item.label)}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
    <div class="tools">
      <span class="person">${t(lang, 'layout.signedInAs', { name: view.person.name })}</span>
      ${roleSwitch(view)} ${languageSwitch(view)}
      <form method="post" action="${FOUNDATION_ROUTES.logout.path}" class="inline">
        ${csrfField(view)}
        <button type="submit">${t(lang, 'layout.logout')}</button>
      </form>
    </div>
  </header>`;
}

/** A whole HTML document around `body`. */
export function page(view: ConsoleView | AnonymousView, options: PageOptions): Html {
  const { lang } = view;
  return html`<!doctype html>
    <html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · ${t(lang, 'product.name')}</title>
        <link rel="stylesheet" href="${STYLESHEET}" />
        <script src="${SCRIPT}" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${t(lang, 'layout.skip')}</a>
        ${view.training ? trainingBanner(view, view.training) : ''} ${header(view, options.nav)}
        <main id="main" tabindex="-1">
          <h1>${options.title}</h1>
          ${options.body}
        </main>
      </body>
    </html>`;
}
