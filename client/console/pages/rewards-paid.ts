// "Rewards paid" (已发放奖励): every reward payment the distribution ledger records, by person and
// by case, for a period (payment dates from–to). Read from the ledger rows themselves, so each
// total is the ledger's own sum (exact decimals, never floats); the office, its administrator and
// the auditor see it, as they see the reward cases. Its tables are report tables (the reports'
// renderer, with CSV and XLSX downloads of each, for the payroll office).
import type { FastifyInstance } from 'fastify';
import Decimal from 'decimal.js';
import type { PrismaClient } from '../../../prisma/generated/client';
import type { ConsoleContext } from '../context';
import { html, type Html } from '../html';
import { t } from '../i18n';
import { REWARD_ROUTES } from '../routes';
import { parseForm, serve } from '../serve';
import { z } from 'zod';
import { HttpError } from '../../api/http-error';
import { tableCsv, tableXlsx } from '../reports/download';
import { tableSectionHtml } from '../reports/table-html';
import type { ReportTable } from '../reports/table';
import { requirePerson, type ConsoleView } from '../session';
import { isIsoDate } from '../../../policies/dates';
import { isoDateSchema } from '../../../policies/input-primitives';
import { casesPage } from './frame';
import { rewardLedgerLink } from '../documents/links';

export interface PaidRow {
  caseId: string;
  personId: string;
  amountCny: string;
  reference: string | null;
  on: string;
}

export interface RewardsPaid {
  from: string | null;
  to: string | null;
  rows: PaidRow[];
  byPerson: Array<{ personId: string; count: number; totalCny: string }>;
  byCase: Array<{ caseId: string; count: number; totalCny: string }>;
  /** By the year paid, then person (the tax year the payroll counts it in). */
  byYear: Array<{ year: string; personId: string; count: number; totalCny: string }>;
  totalCny: string;
}

function grouped<K extends 'personId' | 'caseId'>(rows: PaidRow[], key: K) {
  const sums = new Map<string, { count: number; total: Decimal }>();
  for (const r of rows) {
    const s = sums.get(r[key]) ?? { count: 0, total: new Decimal(0) };
    sums.set(r[key], { count: s.count + 1, total: s.total.plus(r.amountCny) });
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([k, s]) =>
        ({ [key]: k, count: s.count, totalCny: s.total.toFixed(2) }) as Record<K, string> & {
          count: number;
          totalCny: string;
        },
    );
}

/** The cash payments of reward cases paid on from ≤ date < to (either bound may be absent). */
export async function loadRewardsPaid(
  prisma: PrismaClient,
  from: string | null,
  to: string | null,
): Promise<RewardsPaid> {
  const entries = await prisma.rewardLedgerEntry.findMany({
    where: {
      kind: 'payment',
      amountCny: { not: null },
      on: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) },
    },
    orderBy: [{ on: 'asc' }, { seq: 'asc' }],
  });
  const rows = entries.map((e) => ({
    caseId: e.caseId,
    personId: e.personId ?? '',
    amountCny: e.amountCny!.toFixed(2),
    reference: e.reference,
    on: e.on,
  }));
  return {
    from,
    to,
    rows,
    byPerson: grouped(rows, 'personId'),
    byCase: grouped(rows, 'caseId'),
    // Grouped on a composite key (year, person) carried in the case field, split again after.
    byYear: grouped(
      rows.map((r) => ({ ...r, caseId: `${r.on.slice(0, 4)}\u0000${r.personId}` })),
      'caseId',
    ).map((g) => {
      const [year, personId] = g.caseId.split('\u0000');
      return { year, personId, count: g.count, totalCny: g.totalCny };
    }),
    totalCny: rows.reduce((s, r) => s.plus(r.amountCny), new Decimal(0)).toFixed(2),
  };
}

/** Exact yuan ("1234.56") as whole fen, for the report tables. */
const fenOf = (yuan: string) => BigInt(new Decimal(yuan).times(100).toFixed(0));

/** The page's four tables, as report tables: the reports' renderer and downloads serve them. */
export function rewardsPaidTables(paid: RewardsPaid): ReportTable[] {
  const person = { title: 'paid.person', kind: 'text' } as const;
  const count = { title: 'paid.count', kind: 'count' } as const;
  const total = { title: 'paid.total', kind: 'fen' } as const;
  return [
    {
      id: 'paid-by-person',
      title: 'paid.byPerson',
      columns: [person, count, total],
      rows: paid.byPerson.map((p) => [p.personId, BigInt(p.count), fenOf(p.totalCny)]),
      totals: true,
      rowHeaders: true,
    },
    {
      id: 'paid-by-year',
      title: 'paid.byYear',
      columns: [{ title: 'paid.year', kind: 'text' }, person, count, total],
      rows: paid.byYear.map((y) => [y.year, y.personId, BigInt(y.count), fenOf(y.totalCny)]),
      rowHeaders: true,
    },
    {
      id: 'paid-by-case',
      title: 'paid.byCase',
      columns: [{ title: 'paid.case', kind: 'case' }, count, total],
      rows: paid.byCase.map((c) => [c.caseId, BigInt(c.count), fenOf(c.totalCny)]),
      totals: true,
      rowHeaders: true,
    },
    {
      id: 'paid-rows',
      title: 'paid.rows',
      columns: [
        { title: 'case.when', kind: 'text' },
        person,
        { title: 'paid.case', kind: 'case' },
        { title: 'reward.amount', kind: 'fen' },
        { title: 'reward.payroll', kind: 'text' },
      ],
      rows: paid.rows.map((r) => [r.on, r.personId, r.caseId, fenOf(r.amountCny), r.reference ?? '']),
    },
  ];
}

/** A table's download link, with the page's period. */
function downloadLink(paid: RewardsPaid, table: ReportTable) {
  return (format: 'csv' | 'xlsx') => {
    const q = new URLSearchParams({ table: table.id, format });
    if (paid.from) q.set('from', paid.from);
    if (paid.to) q.set('to', paid.to);
    return `${REWARD_ROUTES.rewardsPaidDownload.path}?${q}`;
  };
}

export function renderRewardsPaid(view: ConsoleView, paid: RewardsPaid, badDate = false): Html {
  const { lang } = view;
  return casesPage(view, {
    title: t(lang, 'paid.title'),
    nav: REWARD_ROUTES.rewardsPaid.path,
    body: html`<link rel="stylesheet" href="/assets/reports.css" />
      <p>${t(lang, 'paid.intro')}</p>
      ${rewardLedgerLink(view)}
      ${badDate ? html`<p class="notice error" role="alert">${t(lang, 'paid.badDate')}</p>` : ''}
      <form method="get" action="${REWARD_ROUTES.rewardsPaid.path}" class="filter">
        <label>${t(lang, 'paid.from')} <input type="date" name="from" value="${paid.from ?? ''}" /></label>
        <label>${t(lang, 'paid.to')} <input type="date" name="to" value="${paid.to ?? ''}" /></label>
        <button type="submit">${t(lang, 'paid.filter')}</button>
      </form>
      ${
        paid.rows.length === 0
          ? html`<p id="paid-none">${t(lang, 'paid.none')}</p>`
          : rewardsPaidTables(paid).map((table) => tableSectionHtml(lang, table, downloadLink(paid, table)))
      }`,
  });
}

/** The period of the query string; `bad` when a date is malformed (then the period is everything). */
function period(query: unknown): { from: string | null; to: string | null; bad: boolean } {
  const q = (query ?? {}) as { from?: unknown; to?: unknown };
  const date = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const [from, to] = [date(q.from), date(q.to)];
  const bad = [from, to].some((d) => d !== null && !isIsoDate(d));
  return bad ? { from: null, to: null, bad } : { from, to, bad };
}

const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);
const downloadQuery = z.object({
  table: z.string().max(60),
  format: z.enum(['csv', 'xlsx']),
  from: z.preprocess(blankIsAbsent, isoDateSchema.optional()),
  to: z.preprocess(blankIsAbsent, isoDateSchema.optional()),
});

export function rewardsPaidRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, REWARD_ROUTES.rewardsPaid, async (request, reply) => {
    const view = requirePerson(request);
    const { from, to, bad } = period(request.query);
    // A malformed date filters nothing: the page says so (400) rather than guessing a period.
    if (bad) void reply.code(400);
    return renderRewardsPaid(view, await loadRewardsPaid(ctx.prisma, from, to), bad);
  });

  serve(scope, REWARD_ROUTES.rewardsPaidDownload, async (request, reply) => {
    const view = requirePerson(request);
    const q = (request.query ?? {}) as Record<string, unknown>;
    // A download is never of a guessed period: a bad date is a 400 naming the field.
    const {
      table: id,
      format,
      from,
      to,
    } = parseForm(downloadQuery, {
      table: q.table,
      format: q.format,
      from: q.from,
      to: q.to,
    });
    const table = rewardsPaidTables(await loadRewardsPaid(ctx.prisma, from ?? null, to ?? null)).find(
      (x) => x.id === id,
    );
    if (!table) throw new HttpError(404, 'not-found', `rewards paid has no table ${id}`);
    void reply.header('content-disposition', `attachment; filename="rewards-${table.id}.${format}"`);
    if (format === 'csv') return void reply.type('text/csv; charset=utf-8').send(tableCsv(view.lang, table));
    return void reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await tableXlsx(view.lang, table));
  });
}
