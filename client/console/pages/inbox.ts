// The inbox page: the steps waiting for the person's active role (client/console/inbox.ts), with
// filters, pages, and claim — one step by its row's button, or every ticked row at once.
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from '../context';
import { inboxQuerySchema, OPEN_STAGES, readInbox, STEP_KIND_NAMES, type InboxPage, type InboxQuery } from '../inbox';
import { claimSteps, type BulkClaimResult } from '../step-claims';
import { parseInput } from '../../issues';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';
import { CASE_PAGE_ROUTES } from '../routes';
import { csrfField, requirePerson, type ConsoleView } from '../session';
import { serve } from '../serve';
import { casesPage, roleList, when } from './frame';

const ROUTES = CASE_PAGE_ROUTES;

function queryString(q: InboxQuery, page: number): string {
  const p = new URLSearchParams();
  if (q.kind) p.set('kind', q.kind);
  if (q.stage) p.set('stage', q.stage);
  if (q.overdue) p.set('overdue', 'on');
  if (q.mine) p.set('mine', 'on');
  if (q.pageSize !== 25) p.set('pageSize', String(q.pageSize));
  p.set('page', String(page));
  return p.toString();
}

function filters(lang: Lang, q: InboxQuery): Html {
  const stages = [...new Set(Object.values(OPEN_STAGES).flat())];
  return html`<form method="get" action="${ROUTES.inbox.path}" class="filters" aria-label="${t(lang, 'inbox.filters')}">
    <div class="field">
      <label for="f-kind">${t(lang, 'inbox.kind')}</label>
      <select id="f-kind" name="kind">
        <option value="">${t(lang, 'inbox.anyKind')}</option>
        ${STEP_KIND_NAMES.map(
          (k) => html`<option value="${k}" ${q.kind === k ? html`selected` : ''}>${t(lang, `kind.${k}`)}</option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="f-stage">${t(lang, 'inbox.stage')}</label>
      <select id="f-stage" name="stage">
        <option value="">${t(lang, 'inbox.anyStage')}</option>
        ${stages.map(
          (s) => html`<option value="${s}" ${q.stage === s ? html`selected` : ''}>${t(lang, `stage.${s}`)}</option>`,
        )}
      </select>
    </div>
    <div class="check">
      <input type="checkbox" id="f-overdue" name="overdue" ${q.overdue ? html`checked` : ''} />
      <label for="f-overdue">${t(lang, 'inbox.overdue')}</label>
    </div>
    <div class="check">
      <input type="checkbox" id="f-mine" name="mine" ${q.mine ? html`checked` : ''} />
      <label for="f-mine">${t(lang, 'inbox.mine')}</label>
    </div>
    <button type="submit" class="secondary">${t(lang, 'inbox.apply')}</button>
  </form>`;
}

function claimCell(view: ConsoleView, item: InboxPage['items'][number]): Html {
  const { lang } = view;
  if (item.claim)
    return item.claim.holderId === view.caller.id
      ? html`<span class="tag mine">${t(lang, 'inbox.claimedByMe')}</span>`
      : html`<span class="tag">${t(lang, 'inbox.claimedBy', { holder: item.claim.holderId })}</span>`;
  return html`<button type="submit" name="only" value="${item.caseId}" class="secondary small">
    ${t(lang, 'inbox.claim')}<span class="visually-hidden"> ${item.caseId}</span>
  </button>`;
}

function results(lang: Lang, outcome: BulkClaimResult[] | null): Html {
  if (!outcome) return html``;
  const claimed = outcome.filter((r) => r.outcome !== 'refused').length;
  const refused = outcome.filter((r) => r.outcome === 'refused');
  return html`<div class="${refused.length ? 'refusal' : 'notice'}" role="${refused.length ? 'alert' : 'status'}">
    <p>${t(lang, 'inbox.claimed', { n: claimed })}</p>
    ${
      refused.length
        ? html`<ul>
            ${refused.map((r) => html`<li>${t(lang, 'inbox.refused', { caseId: r.caseId, message: r.message ?? '' })}</li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

/** The whole inbox page (also what the benchmark renders). */
export function renderInboxPage(
  view: ConsoleView,
  inbox: InboxPage,
  q: InboxQuery,
  outcome: BulkClaimResult[] | null = null,
): Html {
  const { lang } = view;
  const mayClaim = (ROUTES.inboxClaim.roles as readonly string[]).includes(view.caller.role);
  const rows = inbox.items.map(
    (item) =>
      html`<tr class="${item.overdue ? 'overdue' : ''}">
        ${
          mayClaim
            ? html`<td>
                <input
                  type="checkbox"
                  name="case"
                  value="${item.caseId}"
                  id="sel-${item.caseId}"
                  aria-label="${t(lang, 'inbox.select', { caseId: item.caseId })}"
                  ${item.claim ? html`disabled` : ''}
                />
              </td>`
            : ''
        }
        <td>
          <a href="/cases/${encodeURIComponent(item.caseId)}">${item.caseId}</a>
          <div class="hint">${item.title ?? ''}</div>
        </td>
        <td>${t(lang, `kind.${item.kind}`)}</td>
        <td>
          ${t(lang, `stage.${item.stage}`)}
          <div class="hint">${roleList(lang, item.roles)}</div>
        </td>
        <td>
          ${item.dueAt ? when(lang, item.dueAt) : t(lang, 'inbox.noDue')}
          ${item.escalated ? html` <span class="tag warn">${t(lang, 'badge.escalated')}</span>` : ''}
          ${item.overdue ? html` <span class="tag off">${t(lang, 'badge.overdue')}</span>` : ''}
        </td>
        ${mayClaim ? html`<td>${claimCell(view, item)}</td>` : ''}
      </tr>`,
  );
  const table = inbox.items.length
    ? html`<form method="post" action="${ROUTES.inboxClaim.path}?${queryString(q, q.page)}">
        ${csrfField(view)}
        <table>
          <caption class="visually-hidden">
            ${t(lang, 'inbox.title')}
          </caption>
          <thead>
            <tr>
              ${mayClaim ? html`<th scope="col"><span class="visually-hidden">${t(lang, 'inbox.bulkClaim')}</span></th>` : ''}
              <th scope="col">${t(lang, 'inbox.case')}</th>
              <th scope="col">${t(lang, 'inbox.kind')}</th>
              <th scope="col">${t(lang, 'inbox.stage')}</th>
              <th scope="col">${t(lang, 'inbox.due')}</th>
              ${mayClaim ? html`<th scope="col">${t(lang, 'inbox.claim')}</th>` : ''}
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>
        ${mayClaim ? html`<button type="submit">${t(lang, 'inbox.bulkClaim')}</button>` : ''}
      </form>`
    : html`<p class="empty">${t(lang, 'inbox.empty')}</p>`;
  const pager = html`<nav
    class="pager"
    aria-label="${t(lang, 'inbox.count', { total: inbox.total, page: inbox.page, pages: inbox.pages })}"
  >
    <p>${t(lang, 'inbox.count', { total: inbox.total, page: inbox.page, pages: inbox.pages })}</p>
    ${inbox.page > 1 ? html`<a href="${ROUTES.inbox.path}?${queryString(q, inbox.page - 1)}">${t(lang, 'inbox.previous')}</a>` : ''}
    ${inbox.page < inbox.pages ? html`<a href="${ROUTES.inbox.path}?${queryString(q, inbox.page + 1)}">${t(lang, 'inbox.next')}</a>` : ''}
  </nav>`;
  return casesPage(view, {
    title: t(lang, 'inbox.title'),
    nav: ROUTES.inbox.path,
    body: html`<p class="hint">${t(lang, 'inbox.intro', { role: t(lang, `role.${view.caller.role}`) })}</p>
      ${results(lang, outcome)} ${filters(lang, q)} ${table} ${pager}`,
  });
}

export function inboxRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, ROUTES.inbox, async (request) => {
    const view = requirePerson(request);
    const q = parseInput(inboxQuerySchema, request.query);
    return renderInboxPage(view, await readInbox(ctx.prisma, view.caller, q), q);
  });

  serve(scope, ROUTES.inboxClaim, async (request) => {
    const view = requirePerson(request);
    const q = parseInput(inboxQuerySchema, request.query);
    const body = (request.body ?? {}) as Record<string, string | string[] | undefined>;
    const ids = body.only ? [body.only].flat() : [body.case ?? []].flat();
    const outcome = await claimSteps(ctx.prisma, view.caller, ids.slice(0, 100));
    return renderInboxPage(view, await readInbox(ctx.prisma, view.caller, q), q, outcome);
  });
}
