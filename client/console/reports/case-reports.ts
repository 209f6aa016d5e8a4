// Reports on case rows, aggregated in the database (GROUP BY over the indexed "Case" table):
// cases by kind and stage, overdue steps by role and by person, grants by status and
// jurisdiction, exemption reviews by outcome.
import { Prisma } from '../../../prisma/generated/client';
import { compareStages } from '../../case-stages';
import { caseConditions } from './filters';
import { whole, type ReportRequest, type ReportTable } from './table';

type Row = Record<string, unknown>;

/** Rows by kind (by code), then by stage in the kind's process order: the database sorts codes, not processes. */
function inProcessOrder(rows: Row[], kindOf: (r: Row) => string): Row[] {
  return [...rows].sort((a, b) => {
    const [ka, kb] = [kindOf(a), kindOf(b)];
    if (ka !== kb) return ka < kb ? -1 : 1;
    return compareStages(ka, String(a.stage), String(b.stage));
  });
}

export async function casesByKindAndStage({ prisma, filters }: ReportRequest): Promise<ReportTable[]> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT c."kind", c."stage", count(*) AS n FROM "Case" c
    WHERE ${caseConditions(filters)} GROUP BY 1, 2 ORDER BY 1, 2`;
  return [
    {
      id: 'by-kind-and-stage',
      title: 'report.cases.table',
      columns: [
        { title: 'report.col.kind', kind: 'code', prefix: 'kind.' },
        { title: 'report.col.stage', kind: 'code', prefix: 'stage.' },
        { title: 'report.col.cases', kind: 'count' },
      ],
      rows: inProcessOrder(rows, (r) => String(r.kind)).map((r) => [String(r.kind), String(r.stage), whole(r.n)]),
      chart: { label: 1, value: 2 },
    },
  ];
}

/**
 * A step is overdue when its case waits for someone and its deadline has passed, or it was
 * escalated (an escalated step's deadline is cleared). Counted per role it waits for, and per
 * person who claimed it ('' = nobody has).
 */
export async function overdueSteps({ prisma, filters, now }: ReportRequest): Promise<ReportTable[]> {
  const overdue = Prisma.sql`SELECT c."id", c."stage", c."pendingRoles" FROM "Case" c
    WHERE ${caseConditions(filters)} AND cardinality(c."pendingRoles") > 0 AND (c."escalated" OR c."dueAt" < ${now})`;
  const [byRole, byPerson] = await Promise.all([
    prisma.$queryRaw<Row[]>`WITH o AS (${overdue})
      SELECT r AS role, count(*) AS n FROM o CROSS JOIN LATERAL unnest(o."pendingRoles") AS r GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<Row[]>`WITH o AS (${overdue})
      SELECT COALESCE(s."holderId", '') AS holder, COALESCE(p."name", '') AS name, count(*) AS n
      FROM o LEFT JOIN "StepClaim" s ON s."caseId" = o."id" AND s."stage" = o."stage"
      LEFT JOIN "Person" p ON p."login" = s."holderId"
      GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  return [
    {
      id: 'by-role',
      title: 'report.overdue.byRole',
      columns: [
        { title: 'report.col.role', kind: 'code', prefix: 'role.' },
        { title: 'report.col.steps', kind: 'count' },
      ],
      rows: byRole.map((r) => [String(r.role), whole(r.n)]),
      chart: { label: 0, value: 1 },
    },
    {
      id: 'by-person',
      title: 'report.overdue.byPerson',
      columns: [
        { title: 'report.col.holder', kind: 'code', prefix: 'report.holder.' },
        { title: 'report.col.name', kind: 'text' },
        { title: 'report.col.steps', kind: 'count' },
      ],
      rows: byPerson.map((r) => [String(r.holder), String(r.name), whole(r.n)]),
    },
  ];
}

export async function grantsByStatus({ prisma, filters }: ReportRequest): Promise<ReportTable[]> {
  const where = Prisma.sql`c."kind" = 'rights-grant' AND ${caseConditions(filters)}`;
  const [byStage, byPlace] = await Promise.all([
    prisma.$queryRaw<Row[]>`SELECT c."stage", count(*) AS n FROM "Case" c WHERE ${where} GROUP BY 1 ORDER BY 1`,
    prisma.$queryRaw<Row[]>`SELECT c."stage", COALESCE(c."jurisdiction", '') AS place, count(*) AS n
      FROM "Case" c WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  return [
    {
      id: 'by-status',
      title: 'report.grants.byStatus',
      columns: [
        { title: 'report.col.status', kind: 'code', prefix: 'stage.' },
        { title: 'report.col.grants', kind: 'count' },
      ],
      rows: inProcessOrder(byStage, () => 'rights-grant').map((r) => [String(r.stage), whole(r.n)]),
      chart: { label: 0, value: 1 },
    },
    {
      id: 'by-status-and-jurisdiction',
      title: 'report.grants.byPlace',
      columns: [
        { title: 'report.col.status', kind: 'code', prefix: 'stage.' },
        { title: 'report.col.jurisdiction', kind: 'text' },
        { title: 'report.col.grants', kind: 'count' },
      ],
      rows: inProcessOrder(byPlace, () => 'rights-grant').map((r) => [String(r.stage), String(r.place), whole(r.n)]),
    },
  ];
}

/**
 * Each person's outcome in the committee's determination (exempt / partly / not), and the reviews
 * without one yet (pending) or declined at acceptance.
 */
export async function reviewsByOutcome({ prisma, filters }: ReportRequest): Promise<ReportTable[]> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT COALESCE(o->>'outcome', CASE WHEN c."stage" = 'declined' THEN 'declined' ELSE 'pending' END) AS outcome,
      count(o) AS persons, count(DISTINCT c."id") AS reviews
    FROM "Case" c
    LEFT JOIN LATERAL jsonb_array_elements(
      CASE WHEN jsonb_typeof(c."view"#>'{determination,outcomes}') = 'array' THEN c."view"#>'{determination,outcomes}' ELSE '[]'::jsonb END
    ) AS o ON TRUE
    WHERE c."kind" = 'diligence-exemption' AND ${caseConditions(filters)}
    GROUP BY 1 ORDER BY 1`;
  return [
    {
      id: 'by-outcome',
      title: 'report.reviews.table',
      columns: [
        { title: 'report.col.outcome', kind: 'code', prefix: 'report.outcome.' },
        { title: 'report.col.persons', kind: 'count' },
        { title: 'report.col.reviews', kind: 'count' },
      ],
      rows: rows.map((r) => [String(r.outcome), whole(r.persons), whole(r.reviews)]),
      chart: { label: 0, value: 2 },
    },
  ];
}
