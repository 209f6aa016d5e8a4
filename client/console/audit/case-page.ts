// The auditor's case page: the case's whole timeline (every actor, role, reason and document),
// the decision with its checks and the pack that decided, and the auditor's three tools — verify
// (replays every run of the case's workflow against this code and re-derives each recorded
// decision: the same functions as `transferflow audit replay`), the bundle download (the same
// bundle as GET /v1/audit/export) and the documents to print. Nothing here writes a record.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildAuditBundle, fetchRuns } from '../../audit/export';
import { verifyHistories, type Verdict } from '../../audit/verify';
import { loadCasePage, type CasePage } from '../case-page';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { t } from '../i18n';
import { auditPage } from './frame';
import { decisionSection, packSection, timelineSection } from '../pages/case-sections';
import { AUDIT_PAGE_ROUTES, DOCUMENT_2_ROUTES, DOCUMENT_ROUTES } from '../routes';
import { serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { verdictSection } from './verdicts';
import { auditTools, pathFor } from './tools';

const ROUTES = AUDIT_PAGE_ROUTES;

export function renderAuditCasePage(view: ConsoleView, page: CasePage, verdicts: Verdict[] | null): Html {
  const { lang } = view;
  const documents =
    page.kind === 'rights-grant'
      ? [
          {
            title: 'doc.publicity.title' as const,
            pdf: pathFor(DOCUMENT_ROUTES.publicityPdf.path, page.caseId),
            json: pathFor(DOCUMENT_ROUTES.publicityJson.path, page.caseId),
          },
        ]
      : page.kind === 'deferred-licence'
        ? [
            {
              title: 'doc.statement.title' as const,
              pdf: pathFor(DOCUMENT_2_ROUTES.licenceStatementPdf.path, page.caseId),
              json: pathFor(DOCUMENT_2_ROUTES.licenceStatementJson.path, page.caseId),
            },
          ]
        : [];
  return auditPage(view, {
    title: `${t(lang, 'audit.caseTitle')} · ${t(lang, `kind.${page.kind}`)} ${page.caseId}`,
    nav: ROUTES.audit.path,
    body: html`${page.title ? html`<p class="case-title">${page.title}</p>` : ''}
      <p>
        <span class="tag stage">${t(lang, `stage.${page.stage}`)}</span>
        ${page.running ? t(lang, 'audit.running') : t(lang, 'case.ended')}
      </p>
      ${auditTools(
        view,
        {
          verify: pathFor(ROUTES.auditCaseVerify.path, page.caseId),
          bundle: pathFor(ROUTES.auditCaseBundle.path, page.caseId),
        },
        documents,
      )}
      ${verdicts ? verdictSection(lang, verdicts) : ''} ${timelineSection(lang, page.timeline)}
      ${decisionSection(lang, page.decision)} ${packSection(lang, page.pack)}`,
  });
}

export function auditCaseRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  serve(scope, ROUTES.auditCase, async (request) => {
    const view = requirePerson(request);
    return renderAuditCasePage(view, await loadCasePage(ctx, view.caller, idOf(request)), null);
  });

  serve(scope, ROUTES.auditCaseVerify, async (request) => {
    const view = requirePerson(request);
    const page = await loadCasePage(ctx, view.caller, idOf(request));
    const workflowId = `${page.kind}/${page.caseId}`;
    // Every run (a licence continues as new), replayed as the CLI replays them.
    const runs = await fetchRuns(ctx.temporal, workflowId);
    const verdicts = await verifyHistories(
      runs.map((r) => ({
        name: `${workflowId} · ${r.runId}`,
        workflowId: `${workflowId}#${r.runId}`,
        history: r.history,
      })),
    );
    return renderAuditCasePage(view, page, verdicts);
  });

  serve(scope, ROUTES.auditCaseBundle, async (request, reply) => {
    const view = requirePerson(request);
    const page = await loadCasePage(ctx, view.caller, idOf(request));
    const bundle = await buildAuditBundle(ctx.temporal, ctx.prisma, `${page.kind}/${page.caseId}`, ctx.auditSequencer);
    void reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-bundle-${page.caseId}.json"`)
      .send(JSON.stringify(bundle, null, 2));
  });
}
