// Cases of every kind: launch, read, act, history, and each role's inbox of tasks.
import type { FastifyInstance } from 'fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { actOnCase, caseActionSchema, caseView, launchRightsGrant, rightsGrantCaseSchema } from '../../rights-grants';
import { caseIdSchema, type LaunchedCase } from '../../case-id';
import { caseIdClaimer, type ClaimCaseId } from '../../case-claim';
import {
  actOnLicence,
  deferredLicenceCaseSchema,
  launchLicence,
  licenceActionSchema,
  licenceView,
} from '../../licences';
import { actOnReview, openReview, reviewActionSchema, reviewCaseSchema, reviewView } from '../../reviews';
import type { EvidenceStore } from '../../evidence-store';
import {
  REVIEW_FINAL_STAGES,
  reviewWorkflowId,
  type ReviewView,
} from '../../../workflows/diligence-exemption-definitions';
import {
  LICENCE_FINAL_STAGES,
  licenceWorkflowId,
  type LicenceView,
} from '../../../workflows/deferred-licence-definitions';
import type { Actor } from '../../../workflows/definitions';
import { parseInput, InvalidInputError } from '../../issues';
import {
  rightsGrantWorkflowId,
  RIGHTS_GRANT_FINAL_STAGES,
  type RightsGrantView,
} from '../../../workflows/rights-grant-definitions';
import { ROLES, type Role } from '../auth';
import { licenseeOf, requireCaseAccess, requireRole, type ApiContext } from '../context';
import { actorOf } from '../../actor';
import { organisationLicences } from '../../licensee';
import { HttpError } from '../http-error';
import { ANY_ROLE, ERROR, input, type Operation } from '../operation';
import { EXAMPLE_RIGHTS_GRANT } from '../../../policies/rights-grant/example-request';
import { EXAMPLE_LICENCE } from '../../../policies/deferred-licence/example-request';

const tasksQuery = z
  .object({
    role: z.enum(ROLES).optional().describe('admin only: another role'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const TAGS = ['cases'];
const READ_ROLES = ['tto', 'admin', 'auditor', 'department', 'committee', 'licensee', 'reviewer'] as const;
const NO_CASE = { description: 'No such case', json: ERROR };
const CASE_ID_TAKEN = { description: 'caseId used for a different request', json: ERROR };

/** Launching, one operation per kind of case: each kind names who may launch it. */
export const LAUNCH_OPERATIONS = {
  'rights-grant': {
    method: 'post',
    path: '/v1/cases/rights-grant',
    tags: TAGS,
    roles: ['tto', 'admin'],
    action: 'launch rights-grant cases',
    summary: 'Launch a rights-grant case; idempotent on caseId',
    body: {
      json: [input('RightsGrantCaseRequest', rightsGrantCaseSchema)],
      example: { caseId: 'hfut-2026-001', ...EXAMPLE_RIGHTS_GRANT },
    },
    responses: {
      '201': { description: 'Launched: the case view' },
      '200': { description: 'Already launched with this request: the case view' },
      '409': CASE_ID_TAKEN,
    },
  },
  'deferred-licence': {
    method: 'post',
    path: '/v1/cases/deferred-licence',
    tags: TAGS,
    roles: ['tto', 'admin'],
    action: 'launch deferred-licence cases',
    summary: 'Launch a use-first-pay-later licence; idempotent on caseId',
    body: {
      json: [input('DeferredLicenceCaseRequest', deferredLicenceCaseSchema)],
      example: {
        caseId: 'cqu-lic-2026-001',
        ...EXAMPLE_LICENCE,
        payment: { feeCny: 300000, instalments: 3, intervalMonths: 12 },
        guarantee: { kind: 'insurance', provider: 'PICC Chongqing' },
      },
    },
    responses: {
      '201': { description: 'Launched: the licence view' },
      '200': { description: 'Already launched with this request: the licence view' },
      '409': CASE_ID_TAKEN,
    },
  },
  'diligence-exemption': {
    method: 'post',
    path: '/v1/cases/diligence-exemption',
    tags: TAGS,
    roles: ['tto', 'admin', 'reviewer'],
    action: 'launch diligence-exemption cases',
    summary:
      'Open a due-diligence exemption review, optionally raised from a rights-grant or licence case; idempotent on caseId',
    body: {
      json: [input('ReviewCaseRequest', reviewCaseSchema)],
      example: {
        caseId: 'review-2026-003',
        trigger: {
          kind: 'reported-loss',
          description: 'licensed patent written down by 60 %',
          reportedOn: '2026-11-01',
        },
        linkedCaseId: 'cqu-lic-2026-001',
        transfer: { title: 'Licence of CN2023100001', pricing: 'negotiated', decidedOn: '2025-03-10' },
        applicants: [{ name: 'Li Ming', role: 'leader' }],
      },
    },
    responses: {
      '201': { description: 'Opened: the review view' },
      '200': { description: 'Already opened with this request: the review view' },
      '409': CASE_ID_TAKEN,
    },
  },
} satisfies Record<string, Operation>;

/** Any role that may launch some kind: an unknown kind is a 400 only to those, a 403 to the rest. */
const LAUNCH_ANY = {
  roles: [...new Set(Object.values(LAUNCH_OPERATIONS).flatMap((o) => o.roles))],
  action: 'launch cases',
};

export const CASE_OPERATIONS = {
  read: {
    method: 'get',
    path: '/v1/cases/{id}',
    tags: TAGS,
    roles: READ_ROLES,
    action: 'read cases',
    scope: 'case-id',
    pathParams: ['id'],
    summary:
      'A case: stage, pending step, who may act, deadlines, decisions; linkedReviews lists exemption reviews raised from it',
    responses: { '200': { description: 'The case view' }, '404': NO_CASE },
  },
  act: {
    method: 'post',
    path: '/v1/cases/{id}/actions',
    tags: TAGS,
    roles: ['tto', 'admin', 'department', 'committee', 'licensee', 'reviewer'],
    action: 'act on cases',
    scope: 'case-id',
    pathParams: ['id'],
    summary: 'Decide a step (the step says which role): the actor is the API key',
    body: {
      json: [
        input('CaseAction', caseActionSchema),
        input('LicenceAction', licenceActionSchema),
        input('ReviewAction', reviewActionSchema),
      ],
      example: { action: 'approve' },
    },
    responses: {
      '200': { description: 'The case view after the decision' },
      '404': NO_CASE,
      '409': { description: 'Not possible at this stage, or the case has ended', json: ERROR },
    },
  },
  history: {
    method: 'get',
    path: '/v1/cases/{id}/history',
    tags: TAGS,
    roles: READ_ROLES,
    action: 'read case histories',
    scope: 'case-id',
    pathParams: ['id'],
    summary: 'Decisions with actor, role, time and pack, and the audit log',
    responses: { '200': { description: 'History' }, '404': NO_CASE },
  },
  tasks: {
    method: 'get',
    path: '/v1/tasks',
    tags: TAGS,
    roles: ANY_ROLE,
    action: 'read tasks',
    scope: 'listing',
    query: tasksQuery,
    summary: 'What a role must decide now, soonest due first (own role; admin may name any)',
    responses: { '200': { description: 'Tasks' } },
  },
} satisfies Record<string, Operation>;

type AnyView = RightsGrantView | LicenceView | ReviewView;

/** What differs between the kinds of case: how to launch, read, act and tell that one has ended. */
interface CaseKind {
  launch(client: Client, body: unknown, actor: Actor, claim: ClaimCaseId): Promise<LaunchedCase>;
  view(client: Client, caseId: string, waitMs: number): Promise<AnyView | null>;
  act(client: Client, caseId: string, body: unknown, actor: Actor, evidence: EvidenceStore): Promise<AnyView>;
  workflowId(caseId: string): string;
  final: readonly string[];
}

export const CASE_KINDS: Record<string, CaseKind> = {
  'rights-grant': {
    launch: launchRightsGrant,
    view: caseView,
    act: actOnCase,
    workflowId: rightsGrantWorkflowId,
    final: RIGHTS_GRANT_FINAL_STAGES,
  },
  'deferred-licence': {
    launch: launchLicence,
    view: licenceView,
    act: actOnLicence,
    workflowId: licenceWorkflowId,
    final: LICENCE_FINAL_STAGES,
  },
  'diligence-exemption': {
    launch: openReview,
    view: reviewView,
    act: actOnReview,
    workflowId: reviewWorkflowId,
    final: REVIEW_FINAL_STAGES,
  },
};

export function caseIdOf(raw: string): string {
  const parsed = caseIdSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, 'not-found', `no case ${raw}`);
  return parsed.data;
}

/** The case as it stands: live from its workflow while running, from the database once ended. */
export async function currentCase(
  ctx: ApiContext,
  caseId: string,
): Promise<{ kind: string; view: AnyView; running: boolean }> {
  const row = await ctx.prisma.case.findUnique({ where: { id: caseId }, select: { view: true, kind: true } });
  // A row of a kind these routes do not serve is no case here.
  if (row && !Object.hasOwn(CASE_KINDS, row.kind)) throw new HttpError(404, 'not-found', `no case ${caseId}`);
  for (const kind of row ? [row.kind] : Object.keys(CASE_KINDS)) {
    const k = CASE_KINDS[kind];
    const live = await k.view(ctx.temporal, caseId, 2_000).catch((error) => {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    });
    if (live) return { kind, view: live, running: !k.final.includes(live.stage) };
  }
  if (row) return { kind: row.kind, view: row.view as unknown as AnyView, running: false };
  throw new HttpError(404, 'not-found', `no case ${caseId}`);
}

export function caseRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const current = (caseId: string) => currentCase(ctx, caseId);
  const claim = caseIdClaimer(ctx.prisma);

  app.post<{ Params: { kind: string } }>('/v1/cases/:kind', async (request, reply) => {
    // Own keys only: a kind such as "constructor" is not a kind of case.
    const known = Object.hasOwn(CASE_KINDS, request.params.kind)
      ? (request.params.kind as keyof typeof LAUNCH_OPERATIONS)
      : undefined;
    const caller = requireRole(ctx, request, known ? LAUNCH_OPERATIONS[known] : LAUNCH_ANY);
    if (!known)
      throw new HttpError(
        404,
        'not-found',
        `no kind of case "${request.params.kind}"; available: ${Object.keys(CASE_KINDS).join(', ')}`,
      );
    const kind = CASE_KINDS[known];
    // A case id names one case of one kind: refuse before starting anything under another kind.
    const claimed = caseIdSchema.safeParse((request.body as { caseId?: unknown } | null)?.caseId);
    if (claimed.success) {
      const other = await ctx.prisma.case.findUnique({ where: { id: claimed.data }, select: { kind: true } });
      if (other && other.kind !== request.params.kind)
        throw new HttpError(409, 'case-exists', `case ${claimed.data} is a ${other.kind} case; choose another caseId`);
    }
    const linked = (request.body as { linkedCaseId?: unknown } | null)?.linkedCaseId;
    if (request.params.kind === 'diligence-exemption' && typeof linked === 'string') {
      const row = await ctx.prisma.case.findUnique({ where: { id: linked }, select: { kind: true } });
      if (!row || row.kind === 'diligence-exemption') {
        throw new InvalidInputError([
          {
            path: 'linkedCaseId',
            message: row
              ? 'a review is raised from a rights-grant or licence case, not from another review'
              : `no case ${linked}`,
          },
        ]);
      }
    }
    // The launch claims the case id before it starts a workflow: a concurrent launch of the same id
    // under another kind, or with another request, is refused there (409) and starts nothing.
    const launched = await kind.launch(ctx.temporal, request.body, actorOf(caller), claim);
    const existing = await ctx.prisma.case.findUnique({
      where: { id: launched.caseId },
      select: { requestHash: true, kind: true },
    });
    if (existing && (existing.kind !== request.params.kind || existing.requestHash !== launched.requestHash)) {
      throw new HttpError(
        409,
        'case-exists',
        `case ${launched.caseId} already exists with a different request; choose another caseId`,
      );
    }
    const view = await kind.view(ctx.temporal, launched.caseId, 10_000);
    if (!view || view.caseId !== launched.caseId)
      throw new HttpError(409, 'case-exists', `case ${launched.caseId} belongs to another request`);
    return reply
      .code(launched.fresh ? 201 : 200)
      .header('location', `/v1/cases/${launched.caseId}`)
      .send({ ...view, workflowId: launched.workflowId });
  });

  app.get<{ Params: { id: string } }>('/v1/cases/:id', async (request) => {
    const caller = requireRole(ctx, request, CASE_OPERATIONS.read);
    const caseId = caseIdOf(request.params.id);
    await requireCaseAccess(ctx, caller, caseId);
    const { kind, view, running } = await current(caseId);
    const answer = { ...view, workflowId: CASE_KINDS[kind].workflowId(caseId), running };
    // A licensee does not learn that an exemption review of its licence exists.
    if (caller.role === 'licensee') return answer;
    const links = await ctx.prisma.caseLink.findMany({
      where: { linkedCaseId: caseId },
      orderBy: { createdAt: 'asc' },
    });
    return { ...answer, linkedReviews: links.map((l) => l.reviewCaseId) };
  });

  app.post<{ Params: { id: string } }>('/v1/cases/:id/actions', async (request) => {
    const caller = requireRole(ctx, request, CASE_OPERATIONS.act);
    const caseId = caseIdOf(request.params.id);
    await requireCaseAccess(ctx, caller, caseId);
    const { kind, running } = await current(caseId);
    if (!running)
      throw new HttpError(409, 'invalid-state', `case ${caseId} has ended: nothing can be decided any more`);
    return CASE_KINDS[kind].act(ctx.temporal, caseId, request.body, actorOf(caller), ctx.evidence!);
  });

  /** Decisions with who, role, when and the pack relied on, plus the audit log (auditors). */
  app.get<{ Params: { id: string } }>('/v1/cases/:id/history', async (request) => {
    const caller = requireRole(ctx, request, CASE_OPERATIONS.history);
    const caseId = caseIdOf(request.params.id);
    await requireCaseAccess(ctx, caller, caseId);
    const { kind, view } = await current(caseId);
    const auditLog = await ctx.prisma.auditEvent.findMany({
      where: { caseId: CASE_KINDS[kind].workflowId(caseId) },
      orderBy: { seq: 'asc' },
    });
    return {
      caseId,
      policy:
        'eligibility' in view
          ? view.eligibility.policy
          : { id: view.policy.id, version: view.policy.version, hash: view.policy.hash },
      decisions: view.history,
      auditLog: auditLog.map((e) => ({
        seq: Number(e.seq),
        action: e.action,
        actorId: e.actorId,
        actorRole: e.actorRole,
        at: e.at.toISOString(),
        payloadHash: e.payloadHash,
      })),
    };
  });

  /** The inbox: cases waiting for a decision by a role (the caller's own, unless admin). */
  app.get('/v1/tasks', async (request) => {
    const caller = requireRole(ctx, request, CASE_OPERATIONS.tasks);
    const q = parseInput(tasksQuery, request.query);
    const role: Role = q.role ?? caller.role;
    if (role !== caller.role && caller.role !== 'admin')
      throw new HttpError(403, 'forbidden', `role ${caller.role} may only read its own tasks`);
    const licensee = licenseeOf(caller);
    const rows = await ctx.prisma.case.findMany({
      where: {
        pendingRoles: { has: role },
        // A licensee's inbox holds its own organisation's licences only.
        ...(licensee ? organisationLicences(licensee) : {}),
        NOT: Object.entries(CASE_KINDS).map(([kind, k]) => ({ kind, stage: { in: [...k.final] } })),
      },
      orderBy: [{ dueAt: 'asc' }, { updatedAt: 'asc' }],
      take: q.limit,
    });
    return {
      role,
      items: rows.map((r) => {
        const view = r.view as unknown as AnyView;
        const input = r.input as {
          result?: { title?: string };
          licensee?: { name?: string };
          transfer?: { title?: string };
        };
        return {
          caseId: r.id,
          kind: r.kind,
          stage: r.stage,
          dueAt: r.dueAt?.toISOString() ?? null,
          escalated: view.pending?.escalated ?? false,
          title:
            input.result?.title ??
            (input.licensee?.name
              ? `licence to ${input.licensee.name}`
              : input.transfer?.title
                ? `exemption review: ${input.transfer.title}`
                : null),
        };
      }),
    };
  });
}
