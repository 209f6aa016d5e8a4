// The administrator's page of people: everyone with their roles and scopes, a form to add a
// person, and per person: change roles, reset the password (the new one shown once), disable or
// enable (disabling or resetting ends their sessions). Only the admin role reaches these routes
// (their rows in client/console/routes.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidInputError, zodIssues, type InputIssue } from '../../issues';
import { newPersonSchema, PersonExistsError, type PersonRecord } from '../../people/people';
import { randomPassword } from '../../people/passwords';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { LANGS, t, type Lang } from '../i18n';
import { page } from '../layout';
import { ADMIN_ROUTES as R } from '../routes';
import { sendPage, serve } from '../serve';
import { csrfField, requirePerson, type ConsoleView } from '../session';
import { issueShown } from '../pages/fields';
import {
  grantsFrom,
  NO_ROLES,
  roleFields,
  scopeCell,
  submittedValues,
  valuesOf,
  type RoleFieldValues,
} from './role-fields';

interface CreateValues {
  login: string;
  name: string;
  email: string;
  language: Lang;
  roles: RoleFieldValues;
}
const EMPTY: CreateValues = { login: '', name: '', email: '', language: 'zh', roles: NO_ROLES };

/** What the page shows above the list after an action: a notice, maybe a secret shown once, or the refusal. */
interface Outcome {
  notice?: string;
  secret?: string;
  issues?: InputIssue[];
  error?: string;
  create?: CreateValues;
}

const path = (template: string, id: string) => template.replace(':id', encodeURIComponent(id));

function issuesList(lang: Lang, issues: InputIssue[]): Html {
  return html`<div class="error" role="alert">
    <p>${t(lang, 'error.invalid')}</p>
    <ul>
      ${issues.map((i) => html`<li><code>${i.path}</code>: ${issueShown(lang, i)}</li>`)}
    </ul>
  </div>`;
}

function createForm(view: ConsoleView, v: CreateValues): Html {
  const { lang } = view;
  return html`<form method="post" action="${R.personCreate.path}" aria-labelledby="create-heading">
    ${csrfField(view)}
    <h2 id="create-heading">${t(lang, 'admin.people.create')}</h2>
    <div class="grid">
      <label for="new-login"
        >${t(lang, 'field.login')}<input id="new-login" name="login" required value="${v.login}" autocomplete="off"
      /></label>
      <label for="new-name"
        >${t(lang, 'field.name')}<input id="new-name" name="name" required value="${v.name}"
      /></label>
      <label for="new-email"
        >${t(lang, 'field.email')}<input id="new-email" name="email" type="email" value="${v.email}"
      /></label>
      <label for="new-language"
        >${t(lang, 'field.language')}
        <select id="new-language" name="language">
          ${LANGS.map((l) => html`<option value="${l}" ${l === v.language ? html`selected` : ''}>${t(lang, `lang.${l}`)}</option>`)}
        </select>
      </label>
      <label for="new-password"
        >${t(lang, 'field.password')}
        <input
          id="new-password"
          name="password"
          type="password"
          autocomplete="new-password"
          aria-describedby="new-password-hint"
        />
        <span id="new-password-hint" class="hint">${t(lang, 'field.password.hint')}</span>
      </label>
    </div>
    ${roleFields(lang, 'new', v.roles)}
    <button type="submit">${t(lang, 'action.create')}</button>
  </form>`;
}

function personRow(view: ConsoleView, p: PersonRecord): Html {
  const { lang } = view;
  const status = p.disabled
    ? html`<span class="tag off">${t(lang, 'status.disabled')}</span>`
    : html`<span class="tag">${t(lang, 'status.active')}</span>`;
  const form = (action: string, label: string, cls = 'secondary') =>
    html`<form method="post" action="${action}" class="inline">
      ${csrfField(view)}<button type="submit" class="${cls}">
        ${label}<span class="visually-hidden"> ${p.login}</span>
      </button>
    </form>`;
  return html`<tr>
    <td>${p.login}</td>
    <td>${p.name}${p.email ? html`<br /><span class="hint">${p.email}</span>` : ''}</td>
    <td>
      <ul>
        ${p.roles.map((g) => {
          const scope = scopeCell(g);
          return html`<li>${t(lang, `role.${g.role}`)}${scope ? html` <span class="hint">(${scope})</span>` : ''}</li>`;
        })}
      </ul>
      <details>
        <summary>${t(lang, 'action.editRoles')}<span class="visually-hidden"> ${p.login}</span></summary>
        <form method="post" action="${path(R.personRoles.path, p.userId)}">
          ${csrfField(view)} ${roleFields(lang, `roles-${p.userId}`, valuesOf(p.roles))}
          <button type="submit">${t(lang, 'action.saveRoles')}</button>
        </form>
      </details>
    </td>
    <td>${status}${p.oidcSubject ? html` <span class="tag">${t(lang, 'status.sso')}</span>` : ''}</td>
    <td>
      ${form(path(R.personPassword.path, p.userId), t(lang, 'action.resetPassword'))}
      ${
        p.disabled
          ? form(path(R.personEnable.path, p.userId), t(lang, 'action.enable'))
          : form(path(R.personDisable.path, p.userId), t(lang, 'action.disable'), 'danger')
      }
    </td>
  </tr>`;
}

async function peoplePage(ctx: ConsoleContext, view: ConsoleView, outcome: Outcome = {}): Promise<Html> {
  const { lang } = view;
  const people = await ctx.people.list();
  return page(view, {
    title: t(lang, 'admin.people.title'),
    nav: R.people.path,
    body: html`${
        outcome.notice
          ? html`<div class="notice" role="status">
              <p>${outcome.notice}</p>
              ${outcome.secret ? html`<p><code class="secret" id="shown-secret">${outcome.secret}</code></p>` : ''}
            </div>`
          : ''
      }
      ${outcome.error ? html`<p class="error" role="alert">${outcome.error}</p>` : ''}
      ${outcome.issues ? issuesList(lang, outcome.issues) : ''}
      <h2>${t(lang, 'admin.people.list')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'field.login')}</th>
            <th scope="col">${t(lang, 'field.name')}</th>
            <th scope="col">${t(lang, 'field.roles')}</th>
            <th scope="col">${t(lang, 'col.status')}</th>
            <th scope="col">${t(lang, 'col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${people.map((p) => personRow(view, p))}
        </tbody>
      </table>
      ${createForm(view, outcome.create ?? EMPTY)}`,
  });
}

const createFields = z
  .object({
    login: z.string().default(''),
    name: z.string().default(''),
    email: z.string().default(''),
    language: z.string().default('zh'),
    password: z.string().default(''),
  })
  .passthrough();

async function target(ctx: ConsoleContext, request: FastifyRequest): Promise<PersonRecord> {
  const found = await ctx.people.byId((request.params as { id: string }).id);
  if (!found) throw new InvalidInputError([{ path: 'id', message: t(request.console!.lang, 'admin.people.notFound') }]);
  return found;
}

export function peopleRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, R.people, async (request) => peoplePage(ctx, requirePerson(request)));

  serve(scope, R.personCreate, async (request, reply) => {
    const view = requirePerson(request);
    const { lang } = view;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const f = createFields.parse(body);
    const values: CreateValues = {
      login: f.login,
      name: f.name,
      email: f.email,
      language: f.language === 'en' ? 'en' : 'zh',
      roles: submittedValues(body),
    };
    const password = f.password || randomPassword();
    const parsed = newPersonSchema.safeParse({
      login: f.login,
      name: f.name,
      ...(f.email.trim() ? { email: f.email.trim() } : {}),
      language: f.language,
      password,
      roles: grantsFrom(body),
    });
    if (!parsed.success)
      return sendPage(reply, 400, peoplePage(ctx, view, { issues: zodIssues(parsed.error), create: values }));
    try {
      const made = await ctx.people.create(parsed.data);
      const notice = f.password
        ? t(lang, 'admin.people.createdNoPassword', { login: made.login })
        : t(lang, 'admin.people.created', { login: made.login });
      return sendPage(reply, 201, peoplePage(ctx, view, { notice, secret: f.password ? undefined : password }));
    } catch (error) {
      if (!(error instanceof PersonExistsError)) throw error;
      return sendPage(
        reply,
        409,
        peoplePage(ctx, view, { error: t(lang, 'admin.people.exists', { login: error.login }), create: values }),
      );
    }
  });

  serve(scope, R.personRoles, async (request, reply) => {
    const view = requirePerson(request);
    const p = await target(ctx, request);
    const roles = grantsFrom((request.body ?? {}) as Record<string, unknown>);
    const parsed = newPersonSchema.shape.roles.safeParse(roles);
    if (!parsed.success) return sendPage(reply, 400, peoplePage(ctx, view, { issues: zodIssues(parsed.error) }));
    if (p.userId === view.person.userId && !parsed.data.some((g) => g.role === 'admin'))
      return sendPage(reply, 409, peoplePage(ctx, view, { error: t(view.lang, 'admin.people.self') }));
    await ctx.people.setRoles(p.userId, parsed.data);
    return sendPage(
      reply,
      200,
      peoplePage(ctx, view, { notice: t(view.lang, 'admin.people.rolesSaved', { login: p.login }) }),
    );
  });

  serve(scope, R.personPassword, async (request, reply) => {
    const view = requirePerson(request);
    const p = await target(ctx, request);
    const password = randomPassword();
    await ctx.people.setPassword(p.userId, password);
    await ctx.sessions.closeAllOf(p.userId);
    const notice = t(view.lang, 'admin.people.passwordReset', { login: p.login });
    return sendPage(reply, 200, peoplePage(ctx, view, { notice, secret: password }));
  });

  for (const [row, disabled] of [
    [R.personDisable, true],
    [R.personEnable, false],
  ] as const)
    serve(scope, row, async (request, reply) => {
      const view = requirePerson(request);
      const p = await target(ctx, request);
      if (disabled && p.userId === view.person.userId)
        return sendPage(reply, 409, peoplePage(ctx, view, { error: t(view.lang, 'admin.people.self') }));
      await ctx.people.setDisabled(p.userId, disabled);
      if (disabled) await ctx.sessions.closeAllOf(p.userId);
      const notice = t(view.lang, disabled ? 'admin.people.disabled' : 'admin.people.enabled', { login: p.login });
      return sendPage(reply, 200, peoplePage(ctx, view, { notice }));
    });
}
