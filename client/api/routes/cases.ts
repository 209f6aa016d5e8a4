// Cases of every kind: launch, read, act, history, and each role's inbox of tasks. The operations
// (roles, schemas) are in case-operations.ts; what differs between kinds is in ../case-kinds.ts.
import type { FastifyInstance } from 'fastify';
import { caseIdClaimer } from '../../case-claim';
import { caseIdSchema } from '../../case-id';
import { parseInput, InvalidInputError } from '../../issues';
import type { Role } from '../auth';
import { licenseeOf, requireCaseAccess, requireRole, type ApiContext } from '../context';
import { actorOf } from '../../actor';
import { organisationLicences } from '../../licensee';
import { HttpError } from '../http-error';
import { CASE_KINDS, caseIdOf, currentCase, type AnyView } from '../case-kinds';
import { CASE_OPERATIONS, LAUNCH_ANY, LAUNCH_OPERATIONS, tasksQuery } from './case-operations';

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
    const launched = await kind.launch(ctx.temporal, request.body, actorOf(caller), claim, ctx.prisma);
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
          income?: { kind?: string };
          unit?: { name?: string };
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
                : r.kind === 'reward'
                  ? `reward: ${input.income?.kind} income of ${input.unit?.name}`
                  : null),
        };
      }),
    };
  });
}
