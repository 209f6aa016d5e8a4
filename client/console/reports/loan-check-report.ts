// Loan checks by decision, by the policy pack that decided and by city, counted in the database.
// A bank sees its own banks' checks only (as GET /v1/loan-checks lists them); office staff,
// administrators and auditors see all. The unit filter does not apply: a loan check names a bank.
import { Prisma } from '../../../prisma/generated/client';
import { chinaDayStart, nextDay } from './filters';
import { whole, type ReportRequest, type ReportTable } from './table';

type Row = Record<string, unknown>;

function conditions({ filters: f, caller }: ReportRequest): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (caller.role === 'bank') {
    const banks = caller.scope && 'bankIds' in caller.scope ? [...caller.scope.bankIds] : [];
    parts.push(banks.length ? Prisma.sql`l."bankId" IN (${Prisma.join(banks)})` : Prisma.sql`FALSE`);
  }
  if (f.from) parts.push(Prisma.sql`l."createdAt" >= ${chinaDayStart(f.from)}`);
  if (f.to) parts.push(Prisma.sql`l."createdAt" < ${chinaDayStart(nextDay(f.to))}`);
  if (f.jurisdiction) parts.push(Prisma.sql`l."jurisdiction" = ${f.jurisdiction}`);
  return parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`;
}

export async function loanChecks(request: ReportRequest): Promise<ReportTable[]> {
  const where = conditions(request);
  const { prisma } = request;
  const [byDecision, byPolicy, byCity] = await Promise.all([
    prisma.$queryRaw<
      Row[]
    >`SELECT l."decision" AS k, count(*) AS n FROM "LoanCheck" l WHERE ${where} GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<Row[]>`SELECT l."policyId" || '@' || l."policyVersion" AS k, count(*) AS n,
        count(*) FILTER (WHERE l."decision" = 'approved') AS approved
      FROM "LoanCheck" l WHERE ${where} GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<Row[]>`SELECT l."jurisdiction" AS k, count(*) AS n,
        count(*) FILTER (WHERE l."decision" = 'approved') AS approved
      FROM "LoanCheck" l WHERE ${where} GROUP BY 1 ORDER BY 1`,
  ]);
  const count = { title: 'report.col.checks', kind: 'count' } as const;
  const approved = { title: 'report.col.approved', kind: 'count' } as const;
  return [
    {
      id: 'by-decision',
      title: 'report.loans.byDecision',
      columns: [{ title: 'report.col.decision', kind: 'code', prefix: 'decision.' }, count],
      rows: byDecision.map((r) => [String(r.k), whole(r.n)]),
      chart: { label: 0, value: 1 },
    },
    {
      id: 'by-policy',
      title: 'report.loans.byPolicy',
      columns: [{ title: 'report.col.policy', kind: 'text' }, count, approved],
      rows: byPolicy.map((r) => [String(r.k), whole(r.n), whole(r.approved)]),
    },
    {
      id: 'by-city',
      title: 'report.loans.byCity',
      columns: [{ title: 'report.col.city', kind: 'text' }, count, approved],
      rows: byCity.map((r) => [String(r.k), whole(r.n), whole(r.approved)]),
      chart: { label: 0, value: 1 },
    },
  ];
}
