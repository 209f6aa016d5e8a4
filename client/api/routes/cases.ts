// Cases of every kind: launch, read, act, history, and each role's inbox of tasks. The operations
// (roles, schemas) are in case-operations.ts; what differs between kinds is in ../case-kinds.ts.
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../issues';
import type { Role } from '../auth';
import { departmentOf, licenseeOf, requireCaseAccess, requireRole, type ApiContext } from '../context';
import { organisationLicences } from '../../licensee';
import { departmentCases } from '../../department';
import { HttpError } from '../http-error';
import { caseTitle } from '../../case-title';
import { CASE_KINDS, caseIdOf, currentCase, type AnyView } from '../case-kinds';
import { actOnCaseAs, launchCase } from '../case-actions';
import { CASE_OPERATIONS, LAUNCH_ANY, LAUNCH_OPERATIONS, tasksQuery } from './case-operations';

export function caseRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const current = (caseId: string) => currentCase(ctx, caseId);

  app.post<{ Params: { kind: string } }>('/v1/cases/:kind', async (request, reply) => {
    // Own keys only: a kind such as "constructor" is not a kind of case.
    const known = Object.hasOwn(CASE_KINDS, request.params.kind)
      ? (request.params.kind as keyof typeof LAUNCH_OPERATIONS)
      : undefined;
    const caller = requireRole(ctx, request, known ? LAUNCH_OPERATIONS[known] : LAUNCH_ANY);
    const { launched, view } = await launchCase(ctx, caller, request.params.kind, request.body);
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
    return actOnCaseAs(ctx, caller, request.params.id, request.body);
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
    const department = departmentOf(caller);
    const rows = await ctx.prisma.case.findMany({
      where: {
        pendingRoles: { has: role },
        // A licensee's inbox holds its own organisation's licences only; a department person's, its department's grants.
        ...(licensee ? organisationLicences(licensee) : {}),
        ...(department ? departmentCases(department) : {}),
        NOT: Object.entries(CASE_KINDS).map(([kind, k]) => ({ kind, stage: { in: [...k.final] } })),
      },
      orderBy: [{ dueAt: 'asc' }, { updatedAt: 'asc' }],
      take: q.limit,
    });
    return {
      role,
      items: rows.map((r) => {
        const view = r.view as unknown as AnyView;
        return {
          caseId: r.id,
          kind: r.kind,
          stage: r.stage,
          dueAt: r.dueAt?.toISOString() ?? null,
          escalated: view.pending?.escalated ?? false,
          title: caseTitle(r.input),
        };
      }),
    };
  });
}
