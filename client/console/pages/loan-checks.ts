// A bank's loan checks: the list (its own banks' only, as GET /v1/loan-checks lists them) and one
// check's page with the decision, each check explained, the limits and the pack that decided.
import type { FastifyInstance } from 'fastify';
import type { Prisma } from '../../../prisma/generated/client';
import { loadLoanCheckPage, type LoanCheckPage } from '../case-page';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { formatMoney, t } from '../i18n';
import { CASE_PAGE_ROUTES } from '../routes';
import { serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { loanCheckId } from '../../../activities/loan-check-id';
import { decisionSection, packSection } from './case-sections';
import { casesPage, when } from './frame';

const ROUTES = CASE_PAGE_ROUTES;

export function renderLoanCheckPage(view: ConsoleView, check: LoanCheckPage): Html {
  const { lang } = view;
  const r = check.request as {
    acquirer?: { name?: string };
    target?: { name?: string };
    loan?: { amountCny?: number };
    deal?: { transactionPriceCny?: number };
  };
  return casesPage(view, {
    title: t(lang, 'case.loan', { id: check.requestId }),
    nav: ROUTES.loanChecks.path,
    body: html`<dl>
        <dt>${t(lang, 'field.bank.id')}</dt>
        <dd>${check.bankId}</dd>
        <dt>${t(lang, 'field.acquirer')}</dt>
        <dd>${r.acquirer?.name ?? ''}</dd>
        <dt>${t(lang, 'field.target')}</dt>
        <dd>${r.target?.name ?? ''}</dd>
        <dt>${t(lang, 'field.deal.transactionPriceCny')}</dt>
        <dd>${r.deal?.transactionPriceCny !== undefined ? formatMoney(String(r.deal.transactionPriceCny)) : ''}</dd>
        <dt>${t(lang, 'field.loan.amountCny')}</dt>
        <dd>${r.loan?.amountCny !== undefined ? formatMoney(String(r.loan.amountCny)) : ''}</dd>
        <dt>${t(lang, 'case.submittedBy')}</dt>
        <dd>${check.submittedBy} · ${when(lang, check.createdAt)}</dd>
      </dl>
      ${
        check.limits
          ? html`<h2>${t(lang, 'case.limits')}</h2>
              <ul>
                ${Object.entries(check.limits).map(([k, v]) => html`<li><code>${k}</code>: ${v}</li>`)}
              </ul>`
          : ''
      }
      ${decisionSection(lang, check.decision, check.pack)} ${packSection(lang, check.pack)}
      <p class="documents">
        <a href="/documents/loan-checks/${encodeURIComponent(loanCheckId(check.bankId, check.requestId))}/opinion.pdf"
          >${t(lang, 'doc.loan.title')}</a
        >
        (PDF)
      </p>`,
  });
}

export function loanCheckRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, ROUTES.loanChecks, async (request) => {
    const view = requirePerson(request);
    const { lang, caller } = view;
    const where: Prisma.LoanCheckWhereInput =
      caller.role === 'bank'
        ? { bankId: { in: caller.scope && 'bankIds' in caller.scope ? [...caller.scope.bankIds] : [] } }
        : {};
    const rows = await ctx.prisma.loanCheck.findMany({ where, orderBy: { createdAt: 'desc' }, take: 50 });
    const mayCheck = (ROUTES.loanCheckForm.roles as readonly string[]).includes(caller.role);
    return casesPage(view, {
      title: t(lang, 'loan.list'),
      nav: ROUTES.loanChecks.path,
      body: html`${mayCheck ? html`<p><a class="button" href="${ROUTES.loanCheckForm.path}">${t(lang, 'launch.loan-check')}</a></p>` : ''}
      ${
        rows.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${t(lang, 'field.requestId')}</th>
                  <th scope="col">${t(lang, 'field.bank.id')}</th>
                  <th scope="col">${t(lang, 'case.result')}</th>
                  <th scope="col">${t(lang, 'loan.when')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) =>
                    html`<tr>
                      <td><a href="/loan-checks/${loanCheckId(r.bankId, r.requestId)}">${r.requestId}</a></td>
                      <td>${r.bankId}</td>
                      <td>${t(lang, `decision.${r.decision}`)}</td>
                      <td>${when(lang, r.createdAt.toISOString())}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${t(lang, 'loan.none')}</p>`
      }`,
    });
  });

  serve(scope, ROUTES.loanCheck, async (request) => {
    const view = requirePerson(request);
    const check = await loadLoanCheckPage(ctx.prisma, view.caller, (request.params as { id: string }).id);
    return renderLoanCheckPage(view, check);
  });
}
