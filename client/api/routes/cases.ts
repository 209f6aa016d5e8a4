import type { FastifyInstance } from 'fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import { actOnCase, caseView, launchRightsGrant } from '../../rights-grants';
import { caseIdSchema, type LaunchedCase } from '../../case-id';
import { actOnLicence, launchLicence, licenceView } from '../../licences';
import { actOnReview, openReview, reviewView } from '../../reviews';
import type { EvidenceStore } from '../../evidence-store';
import { REVIEW_FINAL_STAGES, reviewWorkflowId, type ReviewView } from '../../../workflows/diligence-exemption-definitions';
import { LICENCE_FINAL_STAGES, licenceWorkflowId, type LicenceView } from '../../../workflows/deferred-licence-definitions';
import type { Actor } from '../../../workflows/definitions';
import { parseInput, InvalidInputError } from '../../issues';
import { rightsGrantWorkflowId, FINAL_STAGES, type RightsGrantView } from '../../../workflows/rights-grant-definitions';
import { ROLES, type Role } from '../auth';
import { requireCaseAccess, requireRole, type ApiContext } from '../context';
import { HttpError } from '../http-error';

const LAUNCH = ['tto', 'admin', 'reviewer'] as const;
const READ = ['tto', 'admin', 'auditor', 'department', 'committee', 'licensee', 'reviewer'] as const;
const ACT = ['tto', 'admin', 'department', 'committee', 'licensee', 'reviewer'] as const;

const tasksQuery = z.object({ role: z.enum(ROLES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

type AnyView = RightsGrantView | LicenceView | ReviewView;

/** What differs between the kinds of case: how to launch, read, act and tell that one has ended. */
interface CaseKind {
  launch(client: Client, body: unknown, actor: Actor): Promise<LaunchedCase>;
  view(client: Client, caseId: string, waitMs: number): Promise<AnyView | null>;
  act(client: Client, caseId: string, body: unknown, actor: Actor, evidence: EvidenceStore): Promise<AnyView>;
  workflowId(caseId: string): string;
  final: readonly string[];
}

export const CASE_KINDS: Record<string, CaseKind> = {
  'rights-grant': { launch: launchRightsGrant, view: caseView, act: actOnCase, workflowId: rightsGrantWorkflowId, final: FINAL_STAGES },
  'deferred-licence': { launch: launchLicence, view: licenceView, act: actOnLicence, workflowId: licenceWorkflowId, final: LICENCE_FINAL_STAGES },
  'diligence-exemption': { launch: openReview, view: reviewView, act: actOnReview, workflowId: reviewWorkflowId, final: REVIEW_FINAL_STAGES },
};

export function caseIdOf(raw: string): string {
  const parsed = caseIdSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, 'not-found', `no case ${raw}`);
  return parsed.data;
}

/** The case as it stands: live from its workflow while running, from the database once ended. */
export async function currentCase(ctx: ApiContext, caseId: string): Promise<{ kind: string; view: AnyView; running: boolean }> {
  const row = await ctx.prisma.case.findUnique({ where: { id: caseId }, select: { view: true, kind: true } });
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

  app.post<{ Params: { kind: string } }>('/v1/cases/:kind', async (request, reply) => {
    const caller = requireRole(ctx, request, LAUNCH, 'launch cases');
    const kind = CASE_KINDS[request.params.kind];
    if (!kind) {
      throw new InvalidInputError([{ path: 'kind', message: `cases of kind "${request.params.kind}" are not available; available: ${Object.keys(CASE_KINDS).join(', ')}` }]);
    }
    // A case id names one case of one kind: refuse before starting anything under another kind.
    const claimed = caseIdSchema.safeParse((request.body as { caseId?: unknown } | null)?.caseId);
    if (claimed.success) {
      const other = await ctx.prisma.case.findUnique({ where: { id: claimed.data }, select: { kind: true } });
      if (other && other.kind !== request.params.kind) throw new HttpError(409, 'case-exists', `case ${claimed.data} is a ${other.kind} case; choose another caseId`);
    }
    if (request.params.kind === 'rights-grant' || request.params.kind === 'deferred-licence') {
      if (caller.role === 'reviewer') throw new HttpError(403, 'forbidden', `role reviewer may not launch ${request.params.kind} cases`);
    }
    const linked = (request.body as { linkedCaseId?: unknown } | null)?.linkedCaseId;
    if (request.params.kind === 'diligence-exemption' && typeof linked === 'string') {
      const row = await ctx.prisma.case.findUnique({ where: { id: linked }, select: { kind: true } });
      if (!row || row.kind === 'diligence-exemption') {
        throw new InvalidInputError([{ path: 'linkedCaseId', message: row ? 'a review is raised from a rights-grant or licence case, not from another review' : `no case ${linked}` }]);
      }
    }
    const launched = await kind.launch(ctx.temporal, request.body, caller);
    const existing = await ctx.prisma.case.findUnique({ where: { id: launched.caseId }, select: { requestHash: true, kind: true } });
    if (existing && (existing.kind !== request.params.kind || existing.requestHash !== launched.requestHash)) {
      throw new HttpError(409, 'case-exists', `case ${launched.caseId} already exists with a different request; choose another caseId`);
    }
    const view = await kind.view(ctx.temporal, launched.caseId, 10_000);
    if (!view || view.caseId !== launched.caseId) throw new HttpError(409, 'case-exists', `case ${launched.caseId} belongs to another request`);
    return reply.code(existing ? 200 : 201).header('location', `/v1/cases/${launched.caseId}`).send({ ...view, workflowId: launched.workflowId });
  });

  app.get<{ Params: { id: string } }>('/v1/cases/:id', async (request) => {
    const caller = requireRole(ctx, request, READ, 'read cases');
    const caseId = caseIdOf(request.params.id);
    requireCaseAccess(caller, caseId);
    const { kind, view, running } = await current(caseId);
    const links = await ctx.prisma.caseLink.findMany({ where: { linkedCaseId: caseId }, orderBy: { createdAt: 'asc' } });
    return { ...view, workflowId: CASE_KINDS[kind].workflowId(caseId), running, linkedReviews: links.map((l) => l.reviewCaseId) };
  });

  app.post<{ Params: { id: string } }>('/v1/cases/:id/actions', async (request) => {
    const caller = requireRole(ctx, request, ACT, 'act on cases');
    const caseId = caseIdOf(request.params.id);
    requireCaseAccess(caller, caseId);
    const { kind, running } = await current(caseId);
    if (!running) throw new HttpError(409, 'invalid-state', `case ${caseId} has ended: nothing can be decided any more`);
    return CASE_KINDS[kind].act(ctx.temporal, caseId, request.body, caller, ctx.evidence!);
  });

  /** Decisions with who, role, when and the pack relied on, plus the audit log (auditors). */
  app.get<{ Params: { id: string } }>('/v1/cases/:id/history', async (request) => {
    const caller = requireRole(ctx, request, READ, 'read case histories');
    const caseId = caseIdOf(request.params.id);
    requireCaseAccess(caller, caseId);
    const { kind, view } = await current(caseId);
    const auditLog = await ctx.prisma.auditEvent.findMany({ where: { caseId: CASE_KINDS[kind].workflowId(caseId) }, orderBy: { seq: 'asc' } });
    return {
      caseId,
      policy: 'eligibility' in view ? view.eligibility.policy : { id: view.policy.id, version: view.policy.version, hash: view.policy.hash },
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
      where: { pendingRoles: { has: role }, NOT: Object.entries(CASE_KINDS).map(([kind, k]) => ({ kind, stage: { in: [...k.final] } })) },
      orderBy: [{ dueAt: 'asc' }, { updatedAt: 'asc' }],
      take: q.limit,
    });
    return {
      role,
      items: rows.map((r) => {
        const view = r.view as unknown as AnyView;
        const input = r.input as { result?: { title?: string }; licensee?: { name?: string }; transfer?: { title?: string } };
        return { caseId: r.id, kind: r.kind, stage: r.stage, dueAt: r.dueAt?.toISOString() ?? null, escalated: view.pending?.escalated ?? false, title: input.result?.title ?? (input.licensee?.name ? `licence to ${input.licensee.name}` : input.transfer?.title ? `exemption review: ${input.transfer.title}` : null) };
      }),
    };
  });
}
