// The auditor's pages, registered inside the console's scope: the audit home (cases and loan checks
// to examine, the tools), a case's and a loan check's audit pages (verify, bundle), verifying a
// history file, and the audit log's signed heads with a check against heads the auditor kept.
// Every route through serve() with its row of AUDIT_PAGE_ROUTES (client/console/routes.ts).
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from '../context';
import { html } from '../html';
import { t } from '../i18n';
import { when } from '../pages/frame';
import { AUDIT_PAGE_ROUTES, POLICY_PAGE_ROUTES } from '../routes';
import { serve } from '../serve';
import { requirePerson } from '../session';
import { auditCaseRoutes } from './case-page';
import { auditLoanCheckRoutes } from './loan-check-page';
import { loanCheckId } from '../../../activities/loan-check-id';
import { auditPage } from './frame';
import { headsRoutes } from './heads';
import { verifyUploadRoutes } from './verify-upload';

const ROUTES = AUDIT_PAGE_ROUTES;
/** The newest cases the audit home lists. */
const LISTED = 100;

export function registerAuditPages(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, ROUTES.audit, async (request) => {
    const view = requirePerson(request);
    const { lang } = view;
    const cases = await ctx.prisma.case.findMany({
      orderBy: { createdAt: 'desc' },
      take: LISTED,
      select: { id: true, kind: true, stage: true, policyId: true, policyVersion: true, createdAt: true },
    });
    const checks = await ctx.prisma.loanCheck.findMany({
      orderBy: { createdAt: 'desc' },
      take: LISTED,
      select: { bankId: true, requestId: true, decision: true, policyId: true, policyVersion: true, createdAt: true },
    });
    return auditPage(view, {
      title: t(lang, 'audit.title'),
      nav: ROUTES.audit.path,
      body: html`<ul class="links">
          <li><a href="${ROUTES.auditVerifyForm.path}">${t(lang, 'audit.verifyFile')}</a></li>
          <li><a href="${ROUTES.auditHeads.path}">${t(lang, 'audit.heads')}</a></li>
          <li><a href="${POLICY_PAGE_ROUTES.policyWhatIfForm.path}">${t(lang, 'policy.whatIf')}</a></li>
        </ul>
        <h2>${t(lang, 'audit.cases', { n: LISTED })}</h2>
        ${
          cases.length
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">${t(lang, 'audit.case')}</th>
                    <th scope="col">${t(lang, 'audit.kind')}</th>
                    <th scope="col">${t(lang, 'audit.stage')}</th>
                    <th scope="col">${t(lang, 'audit.pack')}</th>
                    <th scope="col">${t(lang, 'audit.opened')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${cases.map(
                    (c) =>
                      html`<tr>
                        <td><a href="/audit/cases/${encodeURIComponent(c.id)}">${c.id}</a></td>
                        <td>${t(lang, `kind.${c.kind}`)}</td>
                        <td>${t(lang, `stage.${c.stage}`)}</td>
                        <td><code>${c.policyId}@${c.policyVersion}</code></td>
                        <td>${when(lang, c.createdAt.toISOString())}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p>${t(lang, 'audit.noCases')}</p>`
        }
        <h2>${t(lang, 'audit.loanChecks', { n: LISTED })}</h2>
        ${
          checks.length
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">${t(lang, 'field.requestId')}</th>
                    <th scope="col">${t(lang, 'field.bank.id')}</th>
                    <th scope="col">${t(lang, 'case.result')}</th>
                    <th scope="col">${t(lang, 'audit.pack')}</th>
                    <th scope="col">${t(lang, 'audit.opened')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${checks.map(
                    (c) =>
                      html`<tr>
                        <td>
                          <a href="/audit/loan-checks/${encodeURIComponent(loanCheckId(c.bankId, c.requestId))}"
                            >${c.requestId}</a
                          >
                        </td>
                        <td>${c.bankId}</td>
                        <td>${t(lang, `decision.${c.decision}`)}</td>
                        <td><code>${c.policyId}@${c.policyVersion}</code></td>
                        <td>${when(lang, c.createdAt.toISOString())}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p>${t(lang, 'audit.noLoanChecks')}</p>`
        }`,
    });
  });
  auditCaseRoutes(scope, ctx);
  auditLoanCheckRoutes(scope, ctx);
  verifyUploadRoutes(scope, ctx);
  headsRoutes(scope, ctx);
}
