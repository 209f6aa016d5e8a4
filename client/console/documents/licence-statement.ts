// The statement of a use-first-pay-later licence (先使用后付费许可结算单): the parties, the result
// licensed, the payment terms in the licence's own model (a deferred fee in instalments, or a
// royalty on reported revenue), every ledger row (dues, payments, guarantee claims) and the totals
// — due, paid, claimed and the balance — summed by the database from those rows (exact numeric, to
// the fen), the credit state, and whether the sums agree with the licence's own totals. Readable by
// whoever may read the licence's case page, in the same scope (a licensee its own licences only).
import Decimal from 'decimal.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getPack, packHash } from '../../../policies/registry';
import type { DeferredLicenceInput } from '../../../policies/deferred-licence/input-schema';
import { isRoyalty, type Guarantee, type LicencePayment } from '../../../policies/deferred-licence/terms-schema';
import type { LicenceView } from '../../../workflows/deferred-licence-definitions';
import { currentCase } from '../../api/case-kinds';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { formatDate, formatMoney, t, type Lang } from '../i18n';
import { DOCUMENT_2_ROUTES } from '../routes';
import { serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { documentHtml } from './layout';
import { readableLicence } from './ledger-exports';
import { fileSafe, langOf } from './loan-opinion';
import { printPdf } from './print-pdf';
import { hashRecord, type HashedRecord } from './record';

interface StatementRow {
  seq: string;
  on: string;
  kind: string;
  itemNo: number | null;
  amountCny: string;
  reference: string | null;
  payer: string | null;
}

export interface StatementFacts {
  licensee: { id: string | null; name: string };
  /** The unit whose result it is, when the licence's reward terms name it (the request itself does not). */
  licensor: string | null;
  result: {
    valid: boolean;
    separatelyManaged: boolean;
    openLicence: boolean;
    exclusive: boolean;
    rightsGrantCaseId: string | null;
  };
  contractReference: string | null;
  registrationNumber: string | null;
  terms: { model: string; effectiveOn: string; trigger: string; freeMonths: number | null };
  payment: LicencePayment;
  guarantee: Pick<Guarantee, 'kind' | 'provider' | 'reference'> | null;
  stage: string;
  paymentStartsOn: string | null;
  rows: StatementRow[];
  /** The database's sums of the rows, by kind; balance = due − paid. */
  totals: { dueCny: string; paidCny: string; claimedCny: string; balanceCny: string };
  overdueCny: string;
  creditFlagged: boolean;
  /** The sums agree with the licence's own due, paid and balance. */
  reconciled: boolean;
}

export async function statementRecord(ctx: ConsoleContext, view: ConsoleView, id: string): Promise<HashedRecord> {
  const caseId = await readableLicence(ctx, view.caller, id);
  const [{ view: current }, row, entries, sums] = await Promise.all([
    currentCase(ctx, caseId),
    ctx.prisma.case.findUnique({ where: { id: caseId }, select: { input: true } }),
    ctx.prisma.licenceLedgerEntry.findMany({ where: { caseId }, orderBy: { seq: 'asc' } }),
    ctx.prisma.licenceLedgerEntry.groupBy({ by: ['kind'], where: { caseId }, _sum: { amountCny: true } }),
  ]);
  const v = current as LicenceView;
  const input = row!.input as unknown as DeferredLicenceInput & {
    reward?: { unit?: { name?: string }; rightsGrantCaseId?: string };
  };
  const sum = (kind: string) => new Decimal(sums.find((s) => s.kind === kind)?._sum.amountCny?.toFixed(2) ?? '0');
  const totals = {
    dueCny: sum('due').toFixed(2),
    paidCny: sum('payment').toFixed(2),
    claimedCny: sum('guarantee-claim').toFixed(2),
    balanceCny: sum('due').minus(sum('payment')).toFixed(2),
  };
  const pack = getPack(v.eligibility.policy);
  const facts: StatementFacts = {
    licensee: { id: input.licensee.id ?? null, name: input.licensee.name },
    licensor: input.reward?.unit?.name ?? null,
    result: {
      valid: input.result.valid,
      separatelyManaged: input.result.separatelyManaged,
      openLicence: input.result.openLicence ?? false,
      exclusive: input.terms.exclusive ?? false,
      rightsGrantCaseId: input.reward?.rightsGrantCaseId ?? null,
    },
    contractReference: v.contractReference,
    registrationNumber: v.registrationNumber,
    terms: {
      model: input.terms.model,
      effectiveOn: input.terms.effectiveOn,
      trigger: input.terms.trigger,
      freeMonths: input.terms.freeMonths ?? null,
    },
    payment: v.payment,
    guarantee: v.guarantee
      ? { kind: v.guarantee.kind, provider: v.guarantee.provider, reference: v.guarantee.reference }
      : null,
    stage: v.stage,
    paymentStartsOn: v.paymentStartsOn,
    rows: entries.map((e) => ({
      seq: e.seq.toString(),
      on: e.on,
      kind: e.kind,
      itemNo: e.itemNo,
      amountCny: e.amountCny.toFixed(2),
      reference: e.reference,
      payer: e.payer,
    })),
    totals,
    overdueCny: v.ledger.overdueCny,
    creditFlagged: v.creditFlagged,
    reconciled:
      totals.dueCny === v.ledger.dueCny &&
      totals.paidCny === v.ledger.paidCny &&
      totals.balanceCny === v.ledger.balanceCny,
  };
  return hashRecord({
    document: 'deferred-licence-statement',
    format: 1,
    caseId,
    pack: { id: pack.id, version: pack.version, hash: packHash(pack), title: pack.title },
    facts: facts as unknown as Record<string, unknown>,
  });
}

const yesNo = (lang: Lang, b: boolean) => t(lang, b ? 'doc.yes' : 'doc.no');
/** Chinese punctuation in a Chinese document, ASCII in an English one. */
const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');
const paren = (lang: Lang, s: string) => (lang === 'zh' ? `（${s}）` : ` (${s})`);

function paymentTerms(lang: Lang, p: LicencePayment): string {
  if (isRoyalty(p))
    return t(lang, 'doc.statement.royalty', {
      rate: `${new Decimal(p.royaltyRate).times(100).toString()}%`,
      months: p.periodMonths,
      periods: p.periods,
    });
  return t(lang, 'doc.statement.fee', {
    fee: formatMoney(String(p.feeCny)),
    n: p.instalments,
    months: p.intervalMonths,
  });
}

const row = (label: string, value: Html | string) =>
  html`<tr>
    <th>${label}</th>
    <td>${value}</td>
  </tr>`;

export function statementHtml(lang: Lang, hashed: HashedRecord, jsonPath: string): Html {
  const f = hashed.record.facts as unknown as StatementFacts;
  const body = html`<p class="indent">
      ${t(lang, 'doc.statement.intro', { caseId: hashed.record.caseId, rows: f.rows.length })}
    </p>
    <table>
      ${row(t(lang, 'doc.statement.licensor'), f.licensor ?? t(lang, 'doc.statement.licensorUnknown'))}
      ${row(t(lang, 'doc.statement.licensee'), f.licensee.id && f.licensee.id !== f.licensee.name ? `${f.licensee.name}${paren(lang, f.licensee.id)}` : f.licensee.name)}
      ${row(
        t(lang, 'doc.statement.result'),
        t(lang, 'doc.statement.resultFacts', {
          valid: yesNo(lang, f.result.valid),
          managed: yesNo(lang, f.result.separatelyManaged),
          open: yesNo(lang, f.result.openLicence),
          exclusive: yesNo(lang, f.result.exclusive),
        }),
      )}
      ${f.result.rightsGrantCaseId ? row(t(lang, 'doc.statement.grantCase'), f.result.rightsGrantCaseId) : ''}
      ${row(t(lang, 'doc.statement.contract'), f.contractReference ?? '—')}
      ${row(t(lang, 'doc.statement.registration'), f.registrationNumber ?? '—')}
      ${row(t(lang, 'doc.statement.effectiveOn'), formatDate(lang, f.terms.effectiveOn))}
      ${row(t(lang, 'doc.statement.model'), html`${t(lang, `value.${f.terms.model}`)}${colon(lang)}${paymentTerms(lang, f.payment)}`)}
      ${row(
        t(lang, 'doc.statement.trigger'),
        `${t(lang, `value.${f.terms.trigger}`)}${
          f.terms.freeMonths !== null ? t(lang, 'doc.statement.freeMonths', { months: f.terms.freeMonths }) : ''
        }`,
      )}
      ${row(
        t(lang, 'doc.statement.paymentStartsOn'),
        f.paymentStartsOn ? formatDate(lang, f.paymentStartsOn) : t(lang, 'doc.statement.notStarted'),
      )}
      ${row(
        t(lang, 'doc.statement.guarantee'),
        f.guarantee
          ? `${t(lang, `value.${f.guarantee.kind}`)}${colon(lang)}${f.guarantee.provider}${f.guarantee.reference ? paren(lang, f.guarantee.reference) : ''}`
          : '—',
      )}
    </table>
    <p>${t(lang, 'doc.statement.rows')}${colon(lang)}</p>
    <table class="checks">
      <tr>
        <th>${t(lang, 'doc.col.seq')}</th>
        <th>${t(lang, 'doc.col.on')}</th>
        <th>${t(lang, 'doc.col.kind')}</th>
        <th>${t(lang, 'doc.col.itemNo')}</th>
        <th>${t(lang, 'doc.col.amount')}</th>
        <th>${t(lang, 'doc.col.reference')}</th>
        <th>${t(lang, 'doc.col.payer')}</th>
      </tr>
      ${f.rows.map(
        (r) =>
          html`<tr>
            <td>${r.seq}</td>
            <td>${formatDate(lang, r.on)}</td>
            <td>${t(lang, `ledger.${r.kind}`)}</td>
            <td>${r.itemNo ?? '—'}</td>
            <td class="money">${formatMoney(r.amountCny)}</td>
            <td>${r.reference ?? '—'}</td>
            <td>${r.payer ?? '—'}</td>
          </tr>`,
      )}
    </table>
    <p>${t(lang, 'doc.statement.totals')}${colon(lang)}</p>
    <table>
      ${row(t(lang, 'doc.statement.due'), formatMoney(f.totals.dueCny))}
      ${row(t(lang, 'doc.statement.paid'), formatMoney(f.totals.paidCny))}
      ${row(t(lang, 'doc.statement.claimed'), formatMoney(f.totals.claimedCny))}
      ${row(t(lang, 'doc.statement.balance'), html`<strong>${formatMoney(f.totals.balanceCny)}</strong>`)}
      ${row(t(lang, 'doc.statement.overdue'), formatMoney(f.overdueCny))}
      ${row(
        t(lang, 'doc.statement.credit'),
        t(lang, f.creditFlagged ? 'doc.statement.creditFlagged' : 'doc.statement.creditClear'),
      )}
    </table>
    <p class="indent">${t(lang, f.reconciled ? 'doc.statement.reconciled' : 'doc.statement.notReconciled')}</p>
    <p class="sign">${t(lang, 'doc.statement.sign')}</p>`;
  return documentHtml(lang, t(lang, 'doc.statement.title'), body, hashed, jsonPath);
}

const jsonPathOf = (id: string) => DOCUMENT_2_ROUTES.licenceStatementJson.path.replace(':id', encodeURIComponent(id));

export function licenceStatementRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  serve(scope, DOCUMENT_2_ROUTES.licenceStatementJson, async (request, reply) => {
    const hashed = await statementRecord(ctx, requirePerson(request), idOf(request));
    void reply.type('application/json; charset=utf-8').header('x-content-sha256', hashed.sha256).send(hashed.json);
  });

  serve(scope, DOCUMENT_2_ROUTES.licenceStatementPdf, async (request, reply) => {
    const id = idOf(request);
    const hashed = await statementRecord(ctx, requirePerson(request), id);
    const pdf = await printPdf(statementHtml(langOf(request), hashed, jsonPathOf(hashed.record.caseId)).text);
    void reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="licence-statement-${fileSafe(id)}.pdf"`)
      .header('x-content-sha256', hashed.sha256)
      .send(pdf);
  });
}
