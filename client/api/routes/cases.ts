import type { FastifyInstance } from 'fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { actOnCase, caseIdSchema, caseView, CaseConflictError, launchRightsGrant } from '../../cases';
import { parseInput, InvalidInputError } from '../../issues';
import { rightsGrantWorkflowId, FINAL_STAGES, type RightsGrantView, type Stage } from '../../../workflows/rights-grant-definitions';
import { ROLES, type Role } from '../auth';
import { requireRole, type ApiContext } from '../context';
import { HttpError } from '../errors';

const LAUNCH = ['tto', 'admin'] as const;
const READ = ['tto', 'admin', 'auditor', 'department', 'committee'] as const;
const ACT = ['tto', 'admin', 'department', 'committee'] as const;

const tasksQuery = z.object({ role: z.enum(ROLES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

function caseIdOf(raw: string): string {
  const parsed = caseIdSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, 'not-found', `no case ${raw}`);
  return parsed.data;
}

function conflict(error: CaseConflictError): HttpError {
  return new HttpError(error.code === 'forbidden' ? 403 : 409, error.code, error.message);
}

export function caseRoutes(app: FastifyInstance, ctx: ApiContext): void {
  /** The case as it stands: live from its workflow while running, from the database once ended. */
  async function current(caseId: string): Promise<{ view: RightsGrantView; running: boolean }> {
    const live = await caseView(ctx.temporal, caseId, 2_000).catch((error) => {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    });
    if (live) return { view: live, running: !FINAL_STAGES.includes(live.stage) };
    const row = await ctx.prisma.case.findUnique({ where: { id: caseId }, select: { view: true } });
    if (row) return { view: row.view as unknown as RightsGrantView, running: false };
    throw new HttpError(404, 'not-found', `no case ${caseId}`);
  }

  app.post<{ Params: { kind: string } }>('/v1/cases/:kind', async (request, reply) => {
    const caller = requireRole(ctx, request, LAUNCH, 'launch cases');
    if (request.params.kind !== 'rights-grant') {
      throw new InvalidInputError([{ path: 'kind', message: `cases of kind "${request.params.kind}" are not available yet; available: rights-grant` }]);
    }
    const launched = await launchRightsGrant(ctx.temporal, request.body, caller);
    const existing = await ctx.prisma.case.findUnique({ where: { id: launched.caseId }, select: { requestHash: true, kind: true } });
    if (existing && (existing.kind !== 'rights-grant' || existing.requestHash !== launched.requestHash)) {
      throw new HttpError(409, 'case-exists', `case ${launched.caseId} already exists with a different request; choose another caseId`);
    }
    const { view } = await current(launched.caseId);
    if (view.caseId !== launched.caseId) throw new HttpError(409, 'case-exists', `case ${launched.caseId} belongs to another request`);
    return reply.code(existing ? 200 : 201).header('location', `/v1/cases/${launched.caseId}`).send({ ...view, workflowId: launched.workflowId });
  });

  app.get<{ Params: { id: string } }>('/v1/cases/:id', async (request) => {
    requireRole(ctx, request, READ, 'read cases');
    const caseId = caseIdOf(request.params.id);
    const { view, running } = await current(caseId);
    return { ...view, workflowId: rightsGrantWorkflowId(caseId), running };
  });

  app.post<{ Params: { id: string } }>('/v1/cases/:id/actions', async (request) => {
    const caller = requireRole(ctx, request, ACT, 'act on cases');
    const caseId = caseIdOf(request.params.id);
    const { running } = await current(caseId);
    if (!running) throw new HttpError(409, 'invalid-state', `case ${caseId} has ended: nothing can be decided any more`);
    try {
      return await actOnCase(ctx.temporal, caseId, request.body, caller);
    } catch (error) {
      if (error instanceof CaseConflictError) throw conflict(error);
      throw error;
    }
  });

  /** Decisions with who, role, when and the pack relied on, plus the audit log (auditors). */
  app.get<{ Params: { id: string } }>('/v1/cases/:id/history', async (request) => {
    requireRole(ctx, request, READ, 'read case histories');
    const caseId = caseIdOf(request.params.id);
    const { view } = await current(caseId);
    const auditLog = await ctx.prisma.auditEvent.findMany({ where: { caseId: rightsGrantWorkflowId(caseId) }, orderBy: { seq: 'asc' } });
    return {
      caseId,
      policy: view.eligibility.policy,
      decisions: view.history,
      auditLog: auditLog.map((e) => ({ seq: Number(e.seq), action: e.action, actorId: e.actorId, actorRole: e.actorRole, at: e.at.toISOString(), payloadHash: e.payloadHash })),
    };
  });

  /** The inbox: cases waiting for a decision by a role (the caller's own, unless admin). */
  app.get('/v1/tasks', async (request) => {
    const caller = requireRole(ctx, request, [...ROLES], 'read tasks');
    const q = parseInput(tasksQuery, request.query);
    const role: Role = q.role ?? caller.role;
    if (role !== caller.role && caller.role !== 'admin') throw new HttpError(403, 'forbidden', `role ${caller.role} may only read its own tasks`);
    const rows = await ctx.prisma.case.findMany({
      where: { pendingRoles: { has: role }, stage: { notIn: [...FINAL_STAGES] as Stage[] } },
      orderBy: [{ dueAt: 'asc' }, { updatedAt: 'asc' }],
      take: q.limit,
    });
    return {
      role,
      items: rows.map((r) => {
        const view = r.view as unknown as RightsGrantView;
        return { caseId: r.id, kind: r.kind, stage: r.stage, dueAt: r.dueAt?.toISOString() ?? null, escalated: view.pending?.escalated ?? false, title: (r.input as { result?: { title?: string } }).result?.title ?? null };
      }),
    };
  });
}
