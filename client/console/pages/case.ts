// A case page (every kind) and its forms' routes: decide, claim / release, a licence's revenue and
// payments. Every decision goes through the same function as POST /v1/cases/{id}/actions
// (client/api/case-actions.ts) with the person's Caller, so the history records them as the API
// would; a refusal re-renders the page as it stands, the form as it was sent, and the reason.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actOnCaseAs } from '../../api/case-actions';
import { paymentSchema, revenueReportSchema } from '../../licences';
import { parseInput } from '../../issues';
import { SHA256 } from '../../evidence-store';
import { loadCasePage, type CasePage } from '../case-page';
import type { ConsoleContext } from '../context';
import { bodyFromForm, type FormEntries } from '../forms/form-body';
import { html, type Html } from '../html';
import { t } from '../i18n';
import { CASE_PAGE_ROUTES, NOTICE_PAGE_ROUTES, RENEWAL_ROUTES } from '../routes';
import { redirectLocal, serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { claimStep, releaseStep } from '../step-claims';
import {
  actionForm,
  actionForms,
  claimBlock,
  evidenceBlock,
  paidByRoyalty,
  paymentFields,
  renewalFields,
  renewalSchema,
  revenueFields,
  type FormOutcome,
} from './case-actions';
import { decisionSection, packSection, timelineSection } from './case-sections';
import { grantSection, licenceSection, reviewSection } from './kind-sections';
import { casesPage, refusalOf, roleList, when } from './frame';
import type { RightsGrantView } from '../../../workflows/rights-grant-definitions';
import type { ReviewView } from '../../../workflows/diligence-exemption-definitions';
import { rewardSection } from './reward-sections';
import { grantLedgerLink, licenceDocuments } from '../documents/links';

const ROUTES = CASE_PAGE_ROUTES;

function whereItStands(view: ConsoleView, page: CasePage, outcome: FormOutcome | null): Html {
  const { lang } = view;
  const p = page.pending;
  return html`<section aria-labelledby="h-where" class="where">
    <h2 id="h-where">${t(lang, 'case.where')}</h2>
    <p class="stage">
      <span class="tag stage">${t(lang, `stage.${page.stage}`)}</span>
      ${!page.running ? html` ${t(lang, 'case.ended')}` : ''}
    </p>
    ${
      p
        ? html`<p>
            ${t(lang, 'case.waitingFor', { roles: roleList(lang, p.roles) })}${
              p.dueAt ? html` · ${t(lang, 'case.dueBy', { date: when(lang, p.dueAt) })}` : ''
            }
            ${p.escalated ? html` <span class="tag warn">${t(lang, 'badge.escalated')}</span>` : ''}
            ${p.dueAt && new Date(p.dueAt) < new Date() ? html` <span class="tag off">${t(lang, 'badge.overdue')}</span>` : ''}
          </p>`
        : page.running
          ? html`<p>${t(lang, 'case.noStep')}</p>`
          : ''
    }
    ${claimBlock(view, page, outcome)}
  </section>`;
}

/**
 * The documents this case can print (client/console/documents/): a grant's publicity notice (and
 * the rights grant ledger), a review's determination letter, a licence's statement, due list and ledger.
 */
function printable(view: ConsoleView, page: CasePage): Html {
  if (page.kind === 'deferred-licence') return licenceDocuments(view, page);
  const doc =
    page.kind === 'rights-grant' && (page.view as RightsGrantView).publicityEndsOn
      ? { file: 'publicity', title: t(view.lang, 'doc.publicity.title') }
      : page.kind === 'diligence-exemption' && (page.view as ReviewView).determination
        ? { file: 'determination', title: t(view.lang, 'doc.determination.title') }
        : null;
  const ledger = page.kind === 'rights-grant' ? grantLedgerLink(view) : html``;
  if (!doc) return ledger;
  return html`<p class="documents">
      <a href="/documents/cases/${encodeURIComponent(page.caseId)}/${doc.file}.pdf">${doc.title}</a>
      (PDF)
    </p>
    ${ledger}`;
}

/** The whole case page (also what the benchmark renders). */
export function renderCasePage(
  view: ConsoleView,
  page: CasePage,
  outcome: FormOutcome | null = null,
  done?: string,
  stored: { name: string; sha256: string } | null = null,
): Html {
  const { lang } = view;
  const kindSection =
    page.kind === 'rights-grant'
      ? grantSection(lang, page)
      : page.kind === 'deferred-licence'
        ? licenceSection(lang, page)
        : page.kind === 'reward'
          ? rewardSection(lang, page)
          : reviewSection(lang, page);
  return casesPage(view, {
    title: `${t(lang, `kind.${page.kind}`)} ${page.caseId}`,
    body: html`${page.title ? html`<p class="case-title">${page.title}</p>` : ''}
    ${done ? html`<p class="notice" role="status">${t(lang, 'case.done', { action: t(lang, `action.${done}`) })}</p>` : ''}
    ${whereItStands(view, page, outcome)} ${evidenceBlock(lang, view, page, stored)} ${actionForms(view, page, outcome)}
    ${kindSection} ${printable(view, page)}
    ${
      page.linkedReviews.length
        ? html`<section aria-labelledby="h-links">
            <h2 id="h-links">${t(lang, 'case.linkedReviews')}</h2>
            <ul>
              ${page.linkedReviews.map((r) => html`<li><a href="/cases/${encodeURIComponent(r)}">${r}</a></li>`)}
            </ul>
          </section>`
        : ''
    }
    ${decisionSection(lang, page.decision, page.pack)} ${packSection(lang, page.pack)}
    ${timelineSection(lang, page.timeline)}
    ${
      NOTICE_PAGE_ROUTES.caseNotices.roles.includes(view.caller.role)
        ? html`<p>
            <a href="${NOTICE_PAGE_ROUTES.caseNotices.path.replace(':id', encodeURIComponent(page.caseId))}"
              >${t(lang, 'notices.history')}</a
            >
          </p>`
        : ''
    }`,
  });
}

const ACTION_NAME = /^[a-z-]{1,40}$/;

export function caseRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const formOf = (request: FastifyRequest) => (request.body ?? {}) as FormEntries;

  /** Runs a form's work; on success back to the page (with what was done), on a refusal the page again with why. */
  async function submit(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormOutcome['form'],
    action: string | undefined,
    work: (view: ConsoleView) => Promise<string | undefined>,
  ): Promise<Html | void> {
    const view = requirePerson(request);
    const id = idOf(request);
    try {
      const done = await work(view);
      const target = `/cases/${encodeURIComponent(id)}${done && ACTION_NAME.test(done) ? `?done=${done}` : ''}`;
      redirectLocal(reply, target);
      return;
    } catch (error) {
      const page = await loadCasePage(ctx, view.caller, id);
      const refusal = refusalOf(error, { caseId: id, action, stage: page.stage, role: view.caller.role });
      void reply.code('issues' in refusal ? 400 : refusal.status);
      return renderCasePage(view, page, { form, values: formOf(request), refusal });
    }
  }

  serve(scope, ROUTES.case, async (request) => {
    const view = requirePerson(request);
    const page = await loadCasePage(ctx, view.caller, idOf(request));
    const { done, stored, name } = request.query as { done?: unknown; stored?: unknown; name?: unknown };
    // Back from the evidence form (no script): the document is shown and cited by the finding's first evidence row.
    const evidence =
      typeof stored === 'string' && SHA256.test(stored) && typeof name === 'string' && name.length <= 200
        ? { name, sha256: stored }
        : null;
    const outcome: FormOutcome | null = evidence
      ? {
          form: 'act',
          values: { 'evidence.0.name': evidence.name, 'evidence.0.sha256': evidence.sha256 },
          refusal: null,
        }
      : null;
    return renderCasePage(
      view,
      page,
      outcome,
      typeof done === 'string' && ACTION_NAME.test(done) ? done : undefined,
      evidence,
    );
  });

  serve(scope, ROUTES.caseAct, (request, reply) =>
    submit(request, reply, 'act', [formOf(request).action].flat()[0], async (view) => {
      const values = formOf(request);
      const page = await loadCasePage(ctx, view.caller, idOf(request));
      const form = actionForm(page);
      const action = [values.action].flat()[0];
      // The action comes from the button pressed; the workflow refuses one its stage does not take.
      const body = { ...bodyFromForm(form?.fields ?? [], values), action };
      await actOnCaseAs(ctx, view.caller, idOf(request), body);
      return action;
    }),
  );

  serve(scope, ROUTES.caseClaim, (request, reply) =>
    submit(request, reply, 'claim', 'step-claimed', async (view) => {
      await claimStep(ctx.prisma, view.caller, idOf(request));
      return 'step-claimed';
    }),
  );

  serve(scope, ROUTES.caseRelease, (request, reply) =>
    submit(request, reply, 'claim', 'step-released', async (view) => {
      await releaseStep(ctx.prisma, view.caller, idOf(request));
      return 'step-released';
    }),
  );

  serve(scope, ROUTES.licenceRevenue, (request, reply) =>
    submit(request, reply, 'revenue', 'report-revenue', async (view) => {
      const report = parseInput(revenueReportSchema, bodyFromForm(revenueFields(), formOf(request)));
      const body = {
        action: 'report-revenue',
        amountCny: report.amountCny,
        reference: report.reference,
        reason: report.note,
      };
      await actOnCaseAs(ctx, view.caller, idOf(request), body);
      return 'report-revenue';
    }),
  );

  serve(scope, RENEWAL_ROUTES.licenceRenew, (request, reply) =>
    submit(request, reply, 'renew', 'renew', async (view) => {
      const page = await loadCasePage(ctx, view.caller, idOf(request));
      const royalty = paidByRoyalty(page);
      const form = parseInput(renewalSchema(royalty), bodyFromForm(renewalFields(royalty), formOf(request)));
      await actOnCaseAs(ctx, view.caller, idOf(request), {
        action: 'renew',
        renewal: form.payment,
        reason: form.reason,
      });
      return 'renew';
    }),
  );

  serve(scope, ROUTES.licencePayment, (request, reply) =>
    submit(request, reply, 'payment', 'record-payment', async (view) => {
      const payment = parseInput(paymentSchema, bodyFromForm(paymentFields(), formOf(request)));
      await actOnCaseAs(ctx, view.caller, idOf(request), { action: 'record-payment', ...payment });
      return 'record-payment';
    }),
  );
}
