// The loan-check opinion for the bank's credit file (并购贷款合规审查意见书): who asked, the deal,
// the decision on its date, each check with its limit and actual value, and the pack that decided.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getPack, packHash } from '../../../policies/registry';
import type { Check } from '../../../policies/types';
import { loadLoanCheckPage } from '../case-page';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { formatDate, formatMoney, t, type Lang } from '../i18n';
import { DOCUMENT_ROUTES } from '../routes';
import { serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { documentHtml } from './layout';
import { printPdf } from './print-pdf';
import { hashRecord, type HashedRecord } from './record';

const shown = (v: unknown) => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.join('、') : String(v));

export async function loanOpinionRecord(ctx: ConsoleContext, view: ConsoleView, id: string): Promise<HashedRecord> {
  const check = await loadLoanCheckPage(ctx.prisma, view.caller, id);
  const pack = getPack({ id: check.pack!.id, version: check.pack!.version });
  const r = check.request as {
    acquirer: { name: string; city: string };
    target: { name: string };
    deal: { transactionPriceCny: number; type: string; stakeAcquired?: number };
    loan: { amountCny: number; termYears: number };
  };
  return hashRecord({
    document: 'ma-loan-opinion',
    format: 1,
    caseId: id,
    pack: { id: pack.id, version: pack.version, hash: packHash(pack), title: pack.title },
    facts: {
      bankId: check.bankId,
      requestId: check.requestId,
      submittedBy: check.submittedBy,
      acquirer: { name: r.acquirer.name, city: r.acquirer.city },
      target: r.target.name,
      deal: r.deal,
      loan: r.loan,
      decision: check.decision.decision,
      asOf: check.decision.asOf,
      checks: check.decision.checks.map((c: Check) => ({
        id: c.id,
        passed: c.passed,
        limit: c.limit,
        actual: c.actual,
        message: c.message,
      })),
    },
  });
}

export function loanOpinionHtml(lang: Lang, hashed: HashedRecord, jsonPath: string): Html {
  const f = hashed.record.facts as {
    bankId: string;
    requestId: string;
    acquirer: { name: string; city: string };
    target: string;
    deal: { transactionPriceCny: number; type: string };
    loan: { amountCny: number; termYears: number };
    decision: string;
    asOf: string;
    checks: Array<Pick<Check, 'id' | 'passed' | 'limit' | 'actual' | 'message'>>;
  };
  const title = t(lang, 'doc.loan.title');
  const body = html`<p>${t(lang, 'doc.loan.to', { bank: f.bankId })}</p>
    <p class="indent">
      ${t(lang, 'doc.loan.intro', { request: f.requestId, date: formatDate(lang, f.asOf), pack: hashed.record.pack.title })}
    </p>
    <table>
      <tr>
        <th>${t(lang, 'field.acquirer')}</th>
        <td>${f.acquirer.name}（${f.acquirer.city}）</td>
      </tr>
      <tr>
        <th>${t(lang, 'field.target')}</th>
        <td>${f.target}</td>
      </tr>
      <tr>
        <th>${t(lang, 'field.deal.transactionPriceCny')}</th>
        <td>${formatMoney(String(f.deal.transactionPriceCny))}</td>
      </tr>
      <tr>
        <th>${t(lang, 'field.loan.amountCny')}</th>
        <td>${formatMoney(String(f.loan.amountCny))}</td>
      </tr>
      <tr>
        <th>${t(lang, 'field.loan.termYears')}</th>
        <td>${f.loan.termYears}</td>
      </tr>
      <tr>
        <th>${t(lang, 'doc.loan.conclusion')}</th>
        <td><strong>${t(lang, `decision.${f.decision}`)}</strong></td>
      </tr>
    </table>
    <p>${t(lang, 'doc.loan.checks')}</p>
    <table class="checks">
      <tr>
        <th>${t(lang, 'case.check')}</th>
        <th>${t(lang, 'case.result')}</th>
        <th>${t(lang, 'check.limit')}</th>
        <th>${t(lang, 'check.actual')}</th>
      </tr>
      ${f.checks.map(
        (c) =>
          html`<tr>
            <td>${t(lang, `check.${c.id}`)}</td>
            <td>${t(lang, c.passed ? 'check.passed' : 'check.failed')}</td>
            <td>${shown(c.limit)}</td>
            <td>${shown(c.actual)}</td>
          </tr>`,
      )}
    </table>
    <p class="indent">${t(lang, f.decision === 'approved' ? 'doc.loan.approved' : 'doc.loan.rejected')}</p>
    <p class="sign">${t(lang, 'doc.loan.sign')}<br />${formatDate(lang, f.asOf)}</p>`;
  return documentHtml(lang, title, body, hashed, jsonPath);
}

/** A header-safe file name part. */
export const fileSafe = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_');

export const langOf = (request: FastifyRequest): Lang =>
  (request.query as { lang?: string }).lang === 'en' ? 'en' : 'zh';
const jsonPathOf = (id: string) => DOCUMENT_ROUTES.loanOpinionJson.path.replace(':id', encodeURIComponent(id));

export function loanOpinionRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  serve(scope, DOCUMENT_ROUTES.loanOpinionJson, async (request, reply) => {
    const hashed = await loanOpinionRecord(ctx, requirePerson(request), idOf(request));
    void reply.type('application/json; charset=utf-8').header('x-content-sha256', hashed.sha256).send(hashed.json);
  });

  serve(scope, DOCUMENT_ROUTES.loanOpinionPdf, async (request, reply) => {
    const id = idOf(request);
    const hashed = await loanOpinionRecord(ctx, requirePerson(request), id);
    const pdf = await printPdf(loanOpinionHtml(langOf(request), hashed, jsonPathOf(id)).text);
    void reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="loan-opinion-${fileSafe(id)}.pdf"`)
      .header('x-content-sha256', hashed.sha256)
      .send(pdf);
  });
}
