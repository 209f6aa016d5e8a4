// The ledgers as spreadsheets (XLSX, or CSV with `?format=csv`), written by the reports' own file
// writers (reports/download.ts): a licence's money ledger (LicenceLedgerEntry), every registered
// rights grant (LedgerEntry) and the reward distribution ledger (RewardLedgerEntry). Each row is a
// database row as it stands; amounts are exact fen to the files (numbers with two decimals in the
// XLSX). The totals rows are the database's own SUM per kind (GROUP BY in SQL, numeric, never a
// float), so a spreadsheet's sum of the rows above must come to them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PrismaClient } from '../../../prisma/generated/client';
import { requireCaseAccess } from '../../api/context';
import { caseIdOf } from '../../api/case-kinds';
import { HttpError } from '../../api/http-error';
import type { ConsoleContext } from '../context';
import { t, type Lang } from '../i18n';
import { tableCsv, tableXlsx } from '../reports/download';
import { whole, type Cell, type ReportTable } from '../reports/table';
import { DOCUMENT_2_ROUTES } from '../routes';
import { parseForm, serve } from '../serve';
import { requirePerson } from '../session';
import { fileSafe } from './loan-opinion';

type Row = Record<string, unknown>;

/** A Decimal(18,2) from Prisma as whole fen, exactly (no float on the way). */
const fenOf = (amount: { toFixed(dp: number): string }): bigint => BigInt(amount.toFixed(2).replace('.', ''));

const DASH = '—';

/** A licence's ledger, then one total row per kind of entry (the database's SUM) and the balance due − paid. */
export async function licenceLedgerTable(prisma: PrismaClient, lang: Lang, caseId: string): Promise<ReportTable> {
  const [entries, sums] = await Promise.all([
    prisma.licenceLedgerEntry.findMany({ where: { caseId }, orderBy: { seq: 'asc' } }),
    prisma.$queryRaw<Row[]>`
      SELECT "kind", (SUM("amountCny") * 100)::bigint AS fen FROM "LicenceLedgerEntry"
      WHERE "caseId" = ${caseId} GROUP BY 1 ORDER BY 1`,
  ]);
  const total = new Map(sums.map((s) => [String(s.kind), whole(s.fen)]));
  // Due and payment always have their row (zero when none); a claim's only when there is one.
  const kinds = ['due', 'payment', ...[...total.keys()].filter((k) => k !== 'due' && k !== 'payment')];
  const due = total.get('due') ?? 0n;
  const paid = total.get('payment') ?? 0n;
  return {
    id: 'licence-ledger',
    title: 'doc.ledger.licence',
    columns: [
      { title: 'doc.col.seq', kind: 'text' },
      { title: 'doc.col.on', kind: 'text' },
      { title: 'doc.col.kind', kind: 'code', prefix: 'ledger.' },
      { title: 'doc.col.itemNo', kind: 'text' },
      { title: 'doc.col.amount', kind: 'fen' },
      { title: 'doc.col.reference', kind: 'text' },
      { title: 'doc.col.payer', kind: 'text' },
      { title: 'doc.col.recordedBy', kind: 'text' },
    ],
    rows: [
      ...entries.map((e): Cell[] => [
        e.seq.toString(),
        e.on,
        e.kind,
        e.itemNo === null ? DASH : String(e.itemNo),
        fenOf(e.amountCny),
        e.reference ?? DASH,
        e.payer ?? DASH,
        e.actorId,
      ]),
      ...kinds.map((k): Cell[] => [t(lang, 'doc.ledger.totalOf'), DASH, k, DASH, total.get(k) ?? 0n, DASH, DASH, DASH]),
      [t(lang, 'doc.ledger.balance'), DASH, DASH, DASH, due - paid, DASH, DASH, DASH],
    ],
  };
}

/** Every registered rights grant (单列管理台账), in the order registered, and how many there are (COUNT). */
export async function grantLedgerTable(prisma: PrismaClient, lang: Lang): Promise<ReportTable> {
  const [entries, [count]] = await Promise.all([
    prisma.ledgerEntry.findMany({ orderBy: [{ registeredAt: 'asc' }, { caseId: 'asc' }] }),
    prisma.$queryRaw<Row[]>`SELECT COUNT(*) AS n FROM "LedgerEntry"`,
  ]);
  return {
    id: 'grant-ledger',
    title: 'doc.ledger.grants',
    columns: [
      { title: 'doc.col.caseId', kind: 'text' },
      { title: 'doc.col.unit', kind: 'text' },
      { title: 'doc.col.result', kind: 'text' },
      { title: 'doc.col.resultKind', kind: 'code', prefix: 'value.' },
      { title: 'doc.col.form', kind: 'code', prefix: 'value.' },
      { title: 'doc.col.teamShare', kind: 'text' },
      { title: 'doc.col.years', kind: 'text' },
      { title: 'doc.col.agreement', kind: 'text' },
      { title: 'doc.col.registeredAt', kind: 'text' },
    ],
    rows: [
      ...entries.map((e): Cell[] => [
        e.caseId,
        e.unitName,
        e.resultTitle,
        e.resultKind,
        e.form,
        e.teamShare ?? DASH,
        e.ltuYears === null ? DASH : String(e.ltuYears),
        e.agreementReference,
        e.registeredAt.toISOString(),
      ]),
      [t(lang, 'doc.ledger.count'), whole(count?.n).toString(), DASH, DASH, DASH, DASH, DASH, DASH, DASH],
    ],
  };
}

/**
 * The reward distribution ledger, then one total row per kind of entry: the database's SUM of the
 * amounts and of the shares. A row that registers shares has no amount: its amount cell is 0.00
 * (it adds nothing, as it adds nothing to the SUM) and its shares are in the shares column.
 */
export async function rewardLedgerTable(prisma: PrismaClient, lang: Lang): Promise<ReportTable> {
  const [entries, sums] = await Promise.all([
    prisma.rewardLedgerEntry.findMany({ orderBy: { seq: 'asc' } }),
    prisma.$queryRaw<Row[]>`
      SELECT "kind", (COALESCE(SUM("amountCny"), 0) * 100)::bigint AS fen, SUM("shares")::bigint AS shares
      FROM "RewardLedgerEntry" GROUP BY 1 ORDER BY 1`,
  ]);
  return {
    id: 'reward-ledger',
    title: 'doc.ledger.rewards',
    columns: [
      { title: 'doc.col.seq', kind: 'text' },
      { title: 'doc.col.caseId', kind: 'text' },
      { title: 'doc.col.on', kind: 'text' },
      { title: 'doc.col.kind', kind: 'code', prefix: 'reward.kind.' },
      { title: 'doc.col.person', kind: 'text' },
      { title: 'doc.col.amount', kind: 'fen' },
      { title: 'doc.col.shares', kind: 'text' },
      { title: 'doc.col.reference', kind: 'text' },
    ],
    rows: [
      ...entries.map((e): Cell[] => [
        e.seq.toString(),
        e.caseId,
        e.on,
        e.kind,
        e.personId ?? DASH,
        e.amountCny === null ? 0n : fenOf(e.amountCny),
        e.shares === null ? DASH : e.shares.toString(),
        e.reference ?? DASH,
      ]),
      ...sums.map((s): Cell[] => [
        t(lang, 'doc.ledger.totalOf'),
        DASH,
        DASH,
        String(s.kind),
        DASH,
        whole(s.fen),
        s.shares === null ? DASH : whole(s.shares).toString(),
        DASH,
      ]),
    ],
  };
}

const formatQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

async function send(request: FastifyRequest, reply: FastifyReply, lang: Lang, table: ReportTable, name: string) {
  const { format } = parseForm(formatQuery, { format: (request.query as Record<string, unknown>)?.format });
  void reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'csv') return void reply.type('text/csv; charset=utf-8').send(tableCsv(lang, table));
  void reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(await tableXlsx(lang, table));
}

/** A licence the caller may read (its scope: another licensee's is 404, as if absent); 409 for a case of another kind. */
export async function readableLicence(
  ctx: ConsoleContext,
  caller: Parameters<typeof requireCaseAccess>[1],
  id: string,
) {
  const caseId = caseIdOf(id);
  await requireCaseAccess(ctx, caller, caseId);
  const row = await ctx.prisma.case.findUnique({ where: { id: caseId }, select: { kind: true } });
  if (!row) throw new HttpError(404, 'not-found', `no case ${caseId}`);
  if (row.kind !== 'deferred-licence')
    throw new HttpError(409, 'not-a-licence', `case ${caseId} is not a licence: it has no statement or licence ledger`);
  return caseId;
}

export function ledgerExportRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, DOCUMENT_2_ROUTES.licenceLedger, async (request, reply) => {
    const view = requirePerson(request);
    const caseId = await readableLicence(ctx, view.caller, (request.params as { id: string }).id);
    const table = await licenceLedgerTable(ctx.prisma, view.lang, caseId);
    await send(request, reply, view.lang, table, `licence-ledger-${fileSafe(caseId)}`);
  });

  serve(scope, DOCUMENT_2_ROUTES.grantLedger, async (request, reply) => {
    const view = requirePerson(request);
    await send(request, reply, view.lang, await grantLedgerTable(ctx.prisma, view.lang), 'rights-grant-ledger');
  });

  serve(scope, DOCUMENT_2_ROUTES.rewardLedger, async (request, reply) => {
    const view = requirePerson(request);
    await send(request, reply, view.lang, await rewardLedgerTable(ctx.prisma, view.lang), 'reward-ledger');
  });
}
