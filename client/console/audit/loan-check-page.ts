// The auditor's page of a bank's loan check: the decision with each check and the pack that decided,
// verify (replays the check's workflow and re-derives its decision, as for a case) and the bundle.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildAuditBundle, fetchRuns } from '../../audit/export';
import { verifyHistories, type Verdict } from '../../audit/verify';
import { loadLoanCheckPage, type LoanCheckPage } from '../case-page';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { t } from '../i18n';
import { decisionSection, packSection } from '../pages/case-sections';
import { AUDIT_PAGE_ROUTES, DOCUMENT_ROUTES } from '../routes';
import { serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { auditPage } from './frame';
import { verdictSection } from './verdicts';
import { auditTools, pathFor } from './tools';

const ROUTES = AUDIT_PAGE_ROUTES;

function render(view: ConsoleView, id: string, check: LoanCheckPage, verdicts: Verdict[] | null): Html {
  const { lang } = view;
  return auditPage(view, {
    title: `${t(lang, 'audit.caseTitle')} · ${t(lang, 'kind.ma-loan')} ${check.requestId}`,
    nav: ROUTES.audit.path,
    body: html`<p>${t(lang, 'field.bank.id')}: ${check.bankId} · ${check.submittedBy}</p>
      ${auditTools(
        view,
        {
          verify: pathFor(ROUTES.auditLoanCheckVerify.path, id),
          bundle: pathFor(ROUTES.auditLoanCheckBundle.path, id),
        },
        [
          {
            title: 'doc.loan.title',
            pdf: pathFor(DOCUMENT_ROUTES.loanOpinionPdf.path, id),
            json: pathFor(DOCUMENT_ROUTES.loanOpinionJson.path, id),
          },
        ],
      )}
      ${verdicts ? verdictSection(lang, verdicts) : ''} ${decisionSection(lang, check.decision)}
      ${packSection(lang, check.pack)}`,
  });
}

export function auditLoanCheckRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const workflowIdOf = async (check: LoanCheckPage) =>
    (await ctx.prisma.loanCheck.findUniqueOrThrow({ where: { id: check.id }, select: { workflowId: true } }))
      .workflowId;

  serve(scope, ROUTES.auditLoanCheck, async (request) => {
    const view = requirePerson(request);
    const id = idOf(request);
    return render(view, id, await loadLoanCheckPage(ctx.prisma, view.caller, id), null);
  });

  serve(scope, ROUTES.auditLoanCheckVerify, async (request) => {
    const view = requirePerson(request);
    const id = idOf(request);
    const check = await loadLoanCheckPage(ctx.prisma, view.caller, id);
    const workflowId = await workflowIdOf(check);
    const runs = await fetchRuns(ctx.temporal, workflowId);
    const verdicts = await verifyHistories(
      runs.map((r) => ({
        name: `${workflowId} · ${r.runId}`,
        workflowId: `${workflowId}#${r.runId}`,
        history: r.history,
      })),
    );
    return render(view, id, check, verdicts);
  });

  serve(scope, ROUTES.auditLoanCheckBundle, async (request, reply) => {
    const view = requirePerson(request);
    const id = idOf(request);
    const check = await loadLoanCheckPage(ctx.prisma, view.caller, id);
    const bundle = await buildAuditBundle(ctx.temporal, ctx.prisma, await workflowIdOf(check), ctx.auditSequencer);
    void reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-bundle-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.json"`)
      .send(JSON.stringify(bundle, null, 2));
  });
}
