// The due list (到期应收款清单): per licensee, what falls due within the next 30, 60 or 90 days and
// what is overdue, with totals to the fen, as of a day (default today in China; the training clock
// in training mode). Its figures ARE the "payments due" report's for the same day: the same query
// (reports/money-reports.ts paymentsDue) is asked with that day as its "now", and the list keeps
// the column for its horizon. A licensee gets its own line only. Each line names the licences of
// that licensee and the pack that decided each, so an auditor can follow the figures to the cases.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Prisma } from '../../../prisma/generated/client';
import { isoDateSchema } from '../../../policies/input-primitives';
import { licenseeOf } from '../../api/context';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { formatDate, formatMoney, t, type Lang } from '../i18n';
import { chinaDayStart, chinaToday } from '../reports/filters';
import { paymentsDue } from '../reports/money-reports';
import { whole, yuanOf } from '../reports/table';
import { DOCUMENT_2_ROUTES } from '../routes';
import { parseForm, serve } from '../serve';
import { requirePerson, type ConsoleView } from '../session';
import { documentHtml } from './layout';
import { langOf } from './loan-opinion';
import { printPdf } from './print-pdf';
import { hashRecord, type HashedRecord, type ListRecord } from './record';

/** The horizons the report has columns for: due within 30, 60 or 90 days. */
const HORIZON_COLUMN = { '30': 2, '60': 3, '90': 4 } as const;
const OVERDUE_COLUMN = 5;

export const dueListQuery = z.object({
  days: z.enum(['30', '60', '90']).default('30'),
  asOf: isoDateSchema.optional(),
});
export type DueListQuery = z.output<typeof dueListQuery>;

export interface DueLine {
  licensee: string;
  name: string;
  dueCny: string;
  overdueCny: string;
  cases: Array<{ caseId: string; pack: string }>;
}

export interface DueListFacts {
  asOf: string;
  days: number;
  lines: DueLine[];
  totals: { dueCny: string; overdueCny: string };
}

async function licencesOf(ctx: ConsoleContext, licensees: string[]): Promise<Map<string, DueLine['cases']>> {
  if (!licensees.length) return new Map();
  const rows = await ctx.prisma.$queryRaw<Array<{ licensee: string; id: string; pack: string }>>`
    SELECT COALESCE(c."input"#>>'{licensee,id}', c."input"#>>'{licensee,name}') AS licensee, c."id",
      c."policyId" || '@' || c."policyVersion" AS pack
    FROM "Case" c WHERE c."kind" = 'deferred-licence'
      AND COALESCE(c."input"#>>'{licensee,id}', c."input"#>>'{licensee,name}') IN (${Prisma.join(licensees)})
    ORDER BY 1, 2`;
  const byLicensee = new Map<string, DueLine['cases']>();
  for (const r of rows)
    byLicensee.set(r.licensee, [...(byLicensee.get(r.licensee) ?? []), { caseId: r.id, pack: r.pack }]);
  return byLicensee;
}

export async function dueListRecord(
  ctx: ConsoleContext,
  view: ConsoleView,
  query: DueListQuery,
): Promise<HashedRecord<ListRecord>> {
  const asOf = query.asOf ?? chinaToday(ctx.training ? await ctx.training.now() : new Date());
  const own = licenseeOf(view.caller);
  const [table] = await paymentsDue({ prisma: ctx.prisma, filters: {}, caller: view.caller, now: chinaDayStart(asOf) });
  const column = HORIZON_COLUMN[query.days];
  const picked = table.rows
    .filter((r) => own === null || r[0] === own)
    .map((r) => ({
      licensee: String(r[0]),
      name: String(r[1]),
      due: whole(r[column]),
      overdue: whole(r[OVERDUE_COLUMN]),
    }))
    .filter((r) => r.due !== 0n || r.overdue !== 0n);
  const cases = await licencesOf(
    ctx,
    picked.map((r) => r.licensee),
  );
  const facts: DueListFacts = {
    asOf,
    days: Number(query.days),
    lines: picked.map((r) => ({
      licensee: r.licensee,
      name: r.name,
      dueCny: yuanOf(r.due),
      overdueCny: yuanOf(r.overdue),
      cases: cases.get(r.licensee) ?? [],
    })),
    totals: {
      dueCny: yuanOf(picked.reduce((s, r) => s + r.due, 0n)),
      overdueCny: yuanOf(picked.reduce((s, r) => s + r.overdue, 0n)),
    },
  };
  return hashRecord<ListRecord>({
    document: 'licence-due-list',
    format: 1,
    listOf: { asOf, days: facts.days, licensees: own ?? '*' },
    facts: facts as unknown as Record<string, unknown>,
  });
}

export function dueListHtml(lang: Lang, hashed: HashedRecord<ListRecord>, jsonPath: string): Html {
  const f = hashed.record.facts as unknown as DueListFacts;
  const body = html`<p class="indent">${t(lang, 'doc.due.intro', { date: formatDate(lang, f.asOf), days: f.days })}</p>
    ${
      f.lines.length
        ? html`<table class="checks">
            <tr>
              <th>${t(lang, 'doc.due.licensee')}</th>
              <th>${t(lang, 'doc.due.within', { days: f.days })}</th>
              <th>${t(lang, 'doc.due.overdue')}</th>
              <th>${t(lang, 'doc.due.cases')}</th>
            </tr>
            ${f.lines.map(
              (l) =>
                html`<tr>
                  <td>${l.name}${l.name !== l.licensee ? html`<br /><code>${l.licensee}</code>` : ''}</td>
                  <td>${formatMoney(l.dueCny)}</td>
                  <td>${formatMoney(l.overdueCny)}</td>
                  <td>
                    ${l.cases.map((c) => html`<code>${c.caseId}</code>${lang === 'zh' ? `（${c.pack}）` : ` (${c.pack})`}<br />`)}
                  </td>
                </tr>`,
            )}
            <tr>
              <th>${t(lang, 'doc.due.total')}</th>
              <th>${formatMoney(f.totals.dueCny)}</th>
              <th>${formatMoney(f.totals.overdueCny)}</th>
              <th></th>
            </tr>
          </table>`
        : html`<p>${t(lang, 'doc.due.none')}</p>`
    }
    <p class="sign">${t(lang, 'doc.due.sign')}<br />${formatDate(lang, f.asOf)}</p>`;
  return documentHtml(lang, t(lang, 'doc.due.title'), body, hashed, jsonPath);
}

function queryOf(request: FastifyRequest): DueListQuery {
  const q = (request.query ?? {}) as Record<string, unknown>;
  return parseForm(dueListQuery, { days: q.days, asOf: q.asOf });
}

export function dueListRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, DOCUMENT_2_ROUTES.dueListJson, async (request, reply) => {
    const hashed = await dueListRecord(ctx, requirePerson(request), queryOf(request));
    void reply.type('application/json; charset=utf-8').header('x-content-sha256', hashed.sha256).send(hashed.json);
  });

  serve(scope, DOCUMENT_2_ROUTES.dueListPdf, async (request, reply) => {
    const hashed = await dueListRecord(ctx, requirePerson(request), queryOf(request));
    const { asOf, days } = hashed.record.facts as unknown as DueListFacts;
    // The record printed is the one the JSON link serves: its day and horizon are fixed in the link.
    const jsonPath = `${DOCUMENT_2_ROUTES.dueListJson.path}?${new URLSearchParams({ asOf, days: String(days) })}`;
    const pdf = await printPdf(dueListHtml(langOf(request), hashed, jsonPath).text);
    void reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="due-list-${asOf}-${days}d.pdf"`)
      .header('x-content-sha256', hashed.sha256)
      .send(pdf);
  });
}
