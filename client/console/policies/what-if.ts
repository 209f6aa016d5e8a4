// What-if from the page: re-evaluate past decisions under another pack and list the flips — the
// same function as POST /v1/audit/what-if and `transferflow audit what-if` (client/audit/what-if.ts),
// which writes nothing. The POST carries the form's CSRF token like every console form.
import type { FastifyInstance } from 'fastify';
import { whatIf, whatIfSchema, type WhatIfReport } from '../../audit/what-if';
import { InvalidInputError, type InputIssue } from '../../issues';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';
import { auditPage } from '../audit/frame';
import { POLICY_PAGE_ROUTES } from '../routes';
import { serve } from '../serve';
import { csrfField, requirePerson, type ConsoleView } from '../session';
import { allPacks, packKey } from '../../../policies/registry';

const ROUTES = POLICY_PAGE_ROUTES;
const WHAT_IF_MECHANISMS = whatIfSchema.shape.mechanism.options;

type Values = Record<string, string>;

function reportSection(lang: Lang, r: WhatIfReport): Html {
  return html`<section aria-labelledby="h-whatif" class="whatif">
    <h2 id="h-whatif">${t(lang, 'policy.whatIfResult')}</h2>
    <p role="status">
      ${t(lang, 'policy.whatIfSummary', { considered: r.considered, changed: r.changed.length, policy: r.policy })}
    </p>
    ${
      Object.keys(r.counts).length
        ? html`<ul>
            ${Object.entries(r.counts).map(([k, n]) => html`<li><code>${k}</code>: ${n}</li>`)}
          </ul>`
        : ''
    }
    ${
      r.changed.length
        ? html`<table>
            <thead>
              <tr>
                <th scope="col">${t(lang, 'audit.case')}</th>
                <th scope="col">${t(lang, 'policy.date')}</th>
                <th scope="col">${t(lang, 'policy.place')}</th>
                <th scope="col">${t(lang, 'policy.recorded')}</th>
                <th scope="col">${t(lang, 'policy.wouldBe')}</th>
                <th scope="col">${t(lang, 'policy.failingChecks')}</th>
              </tr>
            </thead>
            <tbody>
              ${r.changed.map(
                (c) =>
                  html`<tr>
                    <td><code>${c.id}</code></td>
                    <td>${c.asOf}</td>
                    <td>${c.jurisdiction ?? '—'}</td>
                    <td>
                      ${t(lang, `decision.${c.recorded.decision}`)}
                      <div class="hint"><code>${c.recorded.policy}</code></div>
                    </td>
                    <td><strong>${t(lang, `decision.${c.wouldBe}`)}</strong></td>
                    <td>${c.failingChecks.map((id) => html`<code>${id}</code> `)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
  </section>`;
}

function issueFor(issues: InputIssue[] | null, field: string): Html {
  const mine = issues?.filter((i) => i.path === field) ?? [];
  return mine.length
    ? html`<p id="${field}-issue" class="issue" role="alert" lang="en">${mine.map((i) => i.message).join('; ')}</p>`
    : html``;
}

function whatIfPage(view: ConsoleView, values: Values, result: Html | null, issues: InputIssue[] | null): Html {
  const { lang } = view;
  const packs = allPacks().filter((p) => (WHAT_IF_MECHANISMS as readonly string[]).includes(p.mechanism));
  const invalid = (f: string) =>
    issues?.some((i) => i.path === f) ? html`aria-invalid="true" aria-describedby="${f}-issue"` : '';
  return auditPage(view, {
    title: t(lang, 'policy.whatIf'),
    nav: ROUTES.policies.path,
    body: html`<p>${t(lang, 'policy.whatIfIntro')}</p>
      <form method="post" action="${ROUTES.policyWhatIf.path}" class="filters">
        ${csrfField(view)}
        <div class="field">
          <label for="mechanism">${t(lang, 'policy.mechanism')}</label>
          <select id="mechanism" name="mechanism" ${invalid('mechanism')}>
            ${WHAT_IF_MECHANISMS.map(
              (m) =>
                html`<option value="${m}" ${values.mechanism === m ? html`selected` : ''}>
                  ${t(lang, `mechanism.${m}`)}
                </option>`,
            )}
          </select>
          ${issueFor(issues, 'mechanism')}
        </div>
        <div class="field">
          <label for="policy">${t(lang, 'policy.otherPack')}</label>
          <select id="policy" name="policy" ${invalid('policy')}>
            ${packs.map((p) => {
              const key = packKey(p);
              return html`<option value="${key}" ${values.policy === key ? html`selected` : ''}>${key}</option>`;
            })}
          </select>
          ${issueFor(issues, 'policy')}
        </div>
        <div class="field">
          <label for="since">${t(lang, 'policy.since')}</label>
          <input id="since" name="since" type="date" value="${values.since ?? ''}" ${invalid('since')} />
          ${issueFor(issues, 'since')}
        </div>
        <div class="field">
          <label for="until">${t(lang, 'policy.until')}</label>
          <input id="until" name="until" type="date" value="${values.until ?? ''}" ${invalid('until')} />
          ${issueFor(issues, 'until')}
        </div>
        <div class="field">
          <label for="jurisdiction">${t(lang, 'policy.place')}</label>
          <input
            id="jurisdiction"
            name="jurisdiction"
            value="${values.jurisdiction ?? ''}"
            ${invalid('jurisdiction')}
          />
          ${issueFor(issues, 'jurisdiction')}
        </div>
        <button type="submit">${t(lang, 'policy.run')}</button>
      </form>
      ${result ?? ''}`,
  });
}

export function whatIfRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, ROUTES.policyWhatIfForm, async (request) => whatIfPage(requirePerson(request), {}, null, null));

  serve(scope, ROUTES.policyWhatIf, async (request, reply) => {
    const view = requirePerson(request);
    const values: Values = {};
    for (const [k, v] of Object.entries((request.body ?? {}) as Record<string, unknown>))
      if (typeof v === 'string' && k !== '_csrf') values[k] = v;
    // Empty fields of the form are absent from the request, as the API takes it.
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
    const parsed = whatIfSchema.safeParse(body);
    try {
      if (!parsed.success)
        throw new InvalidInputError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      const report = await whatIf(ctx.prisma, parsed.data);
      return whatIfPage(view, values, reportSection(view.lang, report), null);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      void reply.code(400);
      return whatIfPage(view, values, null, error.issues);
    }
  });
}
