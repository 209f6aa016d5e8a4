// The administrator's page of machine API keys: the keys made here (role, scope, who made them,
// revoked or not), the names of the keys from the environment (read-only), a form to make one —
// the key is shown once, on the page that answers the form — and revocation. A key made or
// revoked here works, or stops working, on /v1 at once in this process (client/people/api-keys.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLES, type Caller } from '../../api/auth';
import { zodIssues, type InputIssue } from '../../issues';
import { ApiKeyNameTakenError, newApiKeySchema } from '../../people/api-keys';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { formatDateTime, t, type Lang } from '../i18n';
import { page } from '../layout';
import { ADMIN_ROUTES as R } from '../routes';
import { sendPage, serve } from '../serve';
import { csrfField, requirePerson, type ConsoleView } from '../session';
import { issueShown } from '../pages/fields';

interface Outcome {
  notice?: string;
  secret?: string;
  issues?: InputIssue[];
  error?: string;
  form?: { name: string; role: string; bankIds: string; licenseeId: string };
}

function scopeOf(caller: Caller): string {
  if (caller.scope && 'bankIds' in caller.scope) return caller.scope.bankIds.join(', ');
  if (caller.scope && 'licenseeId' in caller.scope) return caller.scope.licenseeId;
  return '';
}

function createForm(view: ConsoleView, v: NonNullable<Outcome['form']>): Html {
  const { lang } = view;
  return html`<form method="post" action="${R.apiKeyCreate.path}" aria-labelledby="key-heading">
    ${csrfField(view)}
    <h2 id="key-heading">${t(lang, 'admin.keys.create')}</h2>
    <div class="grid">
      <label for="key-name"
        >${t(lang, 'field.keyName')}<input id="key-name" name="name" required value="${v.name}" autocomplete="off"
      /></label>
      <label for="key-role"
        >${t(lang, 'field.role')}
        <select id="key-role" name="role">
          ${ROLES.map((r) => html`<option value="${r}" ${r === v.role ? html`selected` : ''}>${t(lang, `role.${r}`)}</option>`)}
        </select>
      </label>
      <label for="key-bankIds"
        >${t(lang, 'field.bankIds')}<input id="key-bankIds" name="bankIds" value="${v.bankIds}"
      /></label>
      <label for="key-licenseeId"
        >${t(lang, 'field.licenseeId')}<input id="key-licenseeId" name="licenseeId" value="${v.licenseeId}"
      /></label>
    </div>
    <p><button type="submit">${t(lang, 'action.create')}</button></p>
  </form>`;
}

function issuesList(lang: Lang, issues: InputIssue[]): Html {
  return html`<div class="error" role="alert">
    <p>${t(lang, 'error.invalid')}</p>
    <ul>
      ${issues.map((i) => html`<li><code>${i.path}</code>: ${issueShown(lang, i)}</li>`)}
    </ul>
  </div>`;
}

async function keysPage(ctx: ConsoleContext, view: ConsoleView, outcome: Outcome = {}): Promise<Html> {
  const { lang } = view;
  const stored = (await ctx.storedKeys?.list()) ?? [];
  const fromEnv = ctx.keys.configuredNames;
  return page(view, {
    title: t(lang, 'admin.keys.title'),
    nav: R.apiKeys.path,
    body: html`<p>${t(lang, 'admin.keys.intro')}</p>
      ${
        outcome.notice
          ? html`<div class="notice" role="status">
              <p>${outcome.notice}</p>
              ${outcome.secret ? html`<p><code class="secret" id="shown-secret">${outcome.secret}</code></p>` : ''}
            </div>`
          : ''
      }
      ${outcome.error ? html`<p class="error" role="alert">${outcome.error}</p>` : ''}
      ${outcome.issues ? issuesList(lang, outcome.issues) : ''}
      <h2>${t(lang, 'admin.keys.stored')}</h2>
      ${
        stored.length === 0
          ? html`<p>${t(lang, 'admin.keys.none')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">${t(lang, 'field.keyName')}</th>
                  <th scope="col">${t(lang, 'field.role')}</th>
                  <th scope="col">${t(lang, 'col.scope')}</th>
                  <th scope="col">${t(lang, 'col.createdBy')}</th>
                  <th scope="col">${t(lang, 'col.status')}</th>
                  <th scope="col">${t(lang, 'col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                ${stored.map(
                  (k) =>
                    html`<tr>
                      <td><code>${k.name}</code></td>
                      <td>${t(lang, `role.${k.caller.role}`)}</td>
                      <td>${scopeOf(k.caller)}</td>
                      <td>${k.createdBy}<br /><span class="hint">${formatDateTime(lang, k.createdAt)}</span></td>
                      <td>
                        ${
                          k.revokedAt
                            ? html`<span class="tag off"
                                >${t(lang, 'status.revoked', { by: k.revokedBy ?? '', at: formatDateTime(lang, k.revokedAt) })}</span
                              >`
                            : html`<span class="tag">${t(lang, 'status.active')}</span>`
                        }
                      </td>
                      <td>
                        ${
                          k.revokedAt
                            ? ''
                            : html`<form
                                method="post"
                                action="${R.apiKeyRevoke.path.replace(':name', encodeURIComponent(k.name))}"
                                class="inline"
                              >
                                ${csrfField(view)}
                                <button type="submit" class="danger">
                                  ${t(lang, 'action.revoke')}<span class="visually-hidden"> ${k.name}</span>
                                </button>
                              </form>`
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2>${t(lang, 'admin.keys.env')}</h2>
      ${
        fromEnv.length
          ? html`<ul>
              ${fromEnv.map((n) => html`<li><code>${n}</code></li>`)}
            </ul>`
          : html`<p>${t(lang, 'admin.keys.none')}</p>`
      }
      ${createForm(view, outcome.form ?? { name: '', role: 'tto', bankIds: '', licenseeId: '' })}`,
  });
}

const keyFields = z
  .object({
    name: z.string().default(''),
    role: z.string().default(''),
    bankIds: z.string().default(''),
    licenseeId: z.string().default(''),
  })
  .passthrough();

export function apiKeyRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, R.apiKeys, async (request) => keysPage(ctx, requirePerson(request)));

  serve(scope, R.apiKeyCreate, async (request, reply) => {
    const view = requirePerson(request);
    const f = keyFields.parse(request.body ?? {});
    const form = { name: f.name, role: f.role, bankIds: f.bankIds, licenseeId: f.licenseeId };
    const parsed = newApiKeySchema.safeParse({
      name: f.name,
      role: f.role,
      bankIds: f.role === 'bank' ? f.bankIds.split(/[,，\s]+/).filter(Boolean) : [],
      ...(f.role === 'licensee' && f.licenseeId.trim() ? { licenseeId: f.licenseeId } : {}),
    });
    if (!parsed.success) return sendPage(reply, 400, keysPage(ctx, view, { issues: zodIssues(parsed.error), form }));
    try {
      const { key, record } = await ctx.storedKeys!.create(parsed.data, view.caller.id);
      const notice = t(view.lang, 'admin.keys.created', { name: record.name });
      return sendPage(reply, 201, keysPage(ctx, view, { notice, secret: key }));
    } catch (error) {
      if (!(error instanceof ApiKeyNameTakenError)) throw error;
      return sendPage(
        reply,
        409,
        keysPage(ctx, view, { error: t(view.lang, 'admin.keys.taken', { name: error.keyName }), form }),
      );
    }
  });

  serve(scope, R.apiKeyRevoke, async (request, reply) => {
    const view = requirePerson(request);
    const { name } = request.params as { name: string };
    const revoked = await ctx.storedKeys!.revoke(name, view.caller.id);
    const outcome = revoked
      ? { notice: t(view.lang, 'admin.keys.revoked', { name }) }
      : { error: t(view.lang, 'admin.keys.notFound') };
    return sendPage(reply, revoked ? 200 : 404, keysPage(ctx, view, outcome));
  });
}
