// The page a person lands on after signing in: who they are and the roles they may act in.
import type { FastifyInstance } from 'fastify';
import type { PersonRoleGrant } from '../people/person';
import type { ConsoleContext } from './context';
import { html } from './html';
import { t, type Lang } from './i18n';
import { page } from './layout';
import { navFor } from './nav';
import { FOUNDATION_ROUTES } from './routes';
import { requirePerson } from './session';
import { serve } from './serve';

function scopeText(lang: Lang, g: PersonRoleGrant): string {
  const parts: string[] = [];
  if (g.scope && 'bankIds' in g.scope) parts.push(t(lang, 'scope.banks', { banks: g.scope.bankIds.join(', ') }));
  if (g.scope && 'licenseeId' in g.scope) parts.push(t(lang, 'scope.licensee', { licensee: g.scope.licenseeId }));
  if (g.department) parts.push(t(lang, 'scope.department', { department: g.department }));
  return parts.join('; ');
}

export function homeRoutes(scope: FastifyInstance, _ctx: ConsoleContext): void {
  serve(scope, FOUNDATION_ROUTES.home, async (request) => {
    const view = requirePerson(request);
    const { lang, person } = view;
    const links = navFor(view.caller.role).filter((item) => item.href !== FOUNDATION_ROUTES.home.path);
    return page(view, {
      title: t(lang, 'home.title'),
      nav: FOUNDATION_ROUTES.home.path,
      body: html`<p>${t(lang, 'home.welcome', { name: person.name })}</p>
        <h2>${t(lang, 'home.yourRoles')}</h2>
        <ul>
          ${person.roles.map((g) => {
            const scope = scopeText(lang, g);
            return html`<li>${t(lang, `role.${g.role}`)}${scope ? html` — ${scope}` : ''}</li>`;
          })}
        </ul>
        ${
          links.length
            ? html`<ul class="links">
                ${links.map((item) => html`<li><a href="${item.href}">${t(lang, item.label)}</a></li>`)}
              </ul>`
            : ''
        }`,
    });
  });
}
