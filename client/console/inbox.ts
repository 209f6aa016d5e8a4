// The console's inbox: every open step waiting for the person's active role, within its scope,
// escalated steps first, then soonest due; filters (kind, stage, overdue, claimed by me) and pages.
// Read from the case rows the workflows keep current (activities/case-snapshot.ts), never from
// Temporal, so it stays fast with tens of thousands of open cases (GIN index on pendingRoles).
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../../prisma/generated/client';
import type { Caller } from '../api/auth';
import { departmentOf, licenseeOf } from '../api/context';
import { departmentCases } from '../department';
import { organisationLicences } from '../licensee';
import { caseTitle } from '../case-title';
import { RIGHTS_GRANT_FINAL_STAGES } from '../../workflows/rights-grant-definitions';
import { LICENCE_FINAL_STAGES } from '../../workflows/deferred-licence-definitions';
import { REVIEW_FINAL_STAGES } from '../../workflows/diligence-exemption-definitions';

/** The kinds of case with steps for people, and the stages at which each has ended. */
export const STEP_KINDS = {
  'rights-grant': RIGHTS_GRANT_FINAL_STAGES,
  'deferred-licence': LICENCE_FINAL_STAGES,
  'diligence-exemption': REVIEW_FINAL_STAGES,
} as const satisfies Record<string, readonly string[]>;
export type StepKind = keyof typeof STEP_KINDS;
export const STEP_KIND_NAMES = Object.keys(STEP_KINDS) as StepKind[];

/** The stages at which a step can wait for people, by kind (for the inbox's stage filter). */
export const OPEN_STAGES: Record<StepKind, readonly string[]> = {
  'rights-grant': [
    'department-review',
    'office-review',
    'publicity',
    'collective-decision',
    'agreement',
    'ltu-expiring',
  ],
  'deferred-licence': ['contract', 'registration', 'free-use', 'paying', 'default', 'term-end'],
  'diligence-exemption': ['acceptance', 'evidence-review', 'determination', 'result', 'corrective-actions'],
};

// A checkbox sends "on" (or "1", "true"); an absent one sends nothing.
const flag = z
  .enum(['on', '1', 'true', ''])
  .optional()
  .transform((v) => v !== undefined && v !== '');

/** The inbox's query string, as the page's filter form sends it. */
export const inboxQuerySchema = z
  .object({
    kind: z
      .enum(['', ...STEP_KIND_NAMES])
      .optional()
      .transform((v) => (v ? (v as StepKind) : undefined)),
    stage: z
      .string()
      .regex(/^[a-z-]{0,40}$/, 'a stage name')
      .optional()
      .transform((v) => v || undefined),
    overdue: flag,
    mine: flag,
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(5).max(100).default(25),
  })
  .strict();
export type InboxQuery = z.output<typeof inboxQuerySchema>;

export interface InboxClaim {
  holderId: string;
  holderRole: string;
  claimedAt: string;
}

export interface InboxItem {
  caseId: string;
  kind: StepKind;
  stage: string;
  title: string | null;
  roles: string[];
  dueAt: string | null;
  overdue: boolean;
  escalated: boolean;
  claim: InboxClaim | null;
}

export interface InboxPage {
  role: string;
  items: InboxItem[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** Open steps the caller's role may act on, within its scope. Admin oversees every open step; banks and auditors have none. */
export function openStepsFor(caller: Caller): Prisma.CaseWhereInput {
  const licensee = licenseeOf(caller);
  const department = departmentOf(caller);
  return {
    kind: { in: STEP_KIND_NAMES },
    ...(caller.role === 'admin'
      ? { NOT: { pendingRoles: { isEmpty: true } } }
      : { pendingRoles: { has: caller.role } }),
    // A licensee's inbox holds its own organisation's licences only; a department person's, its department's grants.
    ...(licensee ? organisationLicences(licensee) : {}),
    ...(department ? departmentCases(department) : {}),
  };
}

/** The open steps that have passed their deadline (or been escalated because of it) at `now`. */
function overdueAt(now: Date): Prisma.CaseWhereInput {
  return { OR: [{ escalated: true }, { dueAt: { lt: now } }] };
}

export async function readInbox(
  prisma: PrismaClient,
  caller: Caller,
  query: InboxQuery,
  now = new Date(),
): Promise<InboxPage> {
  const and: Prisma.CaseWhereInput[] = [openStepsFor(caller)];
  if (query.kind) and.push({ kind: query.kind });
  if (query.stage) and.push({ stage: query.stage });
  if (query.overdue) and.push(overdueAt(now));
  if (query.mine) {
    // A person holds few claims: match them case by case, each on the stage it was made at.
    const mine = await prisma.stepClaim.findMany({
      where: { holderId: caller.id },
      select: { caseId: true, stage: true },
    });
    and.push({ OR: mine.length ? mine.map((c) => ({ id: c.caseId, stage: c.stage })) : [{ id: { in: [] } }] });
  }
  // A final stage has no open step, but a row saved mid-way through the close could still name roles.
  and.push({
    NOT: Object.entries(STEP_KINDS).map(([kind, final]) => ({ kind, stage: { in: [...final] } })),
  });
  const where: Prisma.CaseWhereInput = { AND: and };
  const [total, rows] = await Promise.all([
    prisma.case.count({ where }),
    prisma.case.findMany({
      where,
      select: { id: true, kind: true, stage: true, input: true, pendingRoles: true, dueAt: true, escalated: true },
      orderBy: [{ escalated: 'desc' }, { dueAt: { sort: 'asc', nulls: 'last' } }, { updatedAt: 'asc' }, { id: 'asc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const claims = await claimsOf(
    prisma,
    rows.map((r) => r.id),
  );
  return {
    role: caller.role,
    total,
    page: query.page,
    pageSize: query.pageSize,
    pages: Math.max(1, Math.ceil(total / query.pageSize)),
    items: rows.map((r) => ({
      caseId: r.id,
      kind: r.kind as StepKind,
      stage: r.stage,
      title: caseTitle(r.input),
      roles: r.pendingRoles,
      dueAt: r.dueAt?.toISOString() ?? null,
      escalated: r.escalated,
      overdue: r.escalated || (r.dueAt !== null && r.dueAt < now),
      claim: claims.get(`${r.id}\n${r.stage}`) ?? null,
    })),
  };
}

/** The claims on these cases, keyed by case and stage (a claim on a stage the case has left matches nothing). */
async function claimsOf(prisma: PrismaClient, caseIds: string[]): Promise<Map<string, InboxClaim>> {
  if (!caseIds.length) return new Map();
  const rows = await prisma.stepClaim.findMany({ where: { caseId: { in: caseIds } } });
  return new Map(
    rows.map((c) => [
      `${c.caseId}\n${c.stage}`,
      { holderId: c.holderId, holderRole: c.holderRole, claimedAt: c.claimedAt.toISOString() },
    ]),
  );
}
