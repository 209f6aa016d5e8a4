// A case's notice history: every notice its events called for, to whom, in which language, and
// whether it has been sent (or is pending, with the last error and the next attempt), so an officer
// can tell that the licensee was told, and when. Office and audit roles only: the answer names
// the people told and their addresses.
import type { FastifyInstance } from 'fastify';
import { caseIdOf } from '../case-kinds';
import { requireCaseAccess, requireRole, type ApiContext } from '../context';
import { HttpError } from '../http-error';
import type { Operation } from '../operation';

export const NOTICE_OPERATIONS = {
  caseNotices: {
    method: 'get',
    path: '/v1/cases/{id}/notices',
    tags: ['notices'],
    roles: ['tto', 'admin', 'auditor', 'department', 'committee', 'reviewer'],
    action: 'read notice histories',
    pathParams: ['id'],
    summary: 'The notices a case sent or is sending: event, recipient, language, status, attempts',
    responses: { '200': { description: 'Notices, oldest first' }, '404': { description: 'No such case' } },
  },
} satisfies Record<string, Operation>;

export function noticeRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get<{ Params: { id: string } }>('/v1/cases/:id/notices', async (request) => {
    const caller = requireRole(ctx, request, NOTICE_OPERATIONS.caseNotices);
    const caseId = caseIdOf(request.params.id);
    // A department person reads its own department's cases' notices only (404 otherwise).
    await requireCaseAccess(ctx, caller, caseId);
    const found = await ctx.prisma.case.findUnique({ where: { id: caseId }, select: { id: true } });
    if (!found) throw new HttpError(404, 'not-found', `no case ${caseId}`);
    const rows = await ctx.prisma.notice.findMany({ where: { caseId }, orderBy: [{ eventAt: 'asc' }, { id: 'asc' }] });
    return {
      caseId,
      items: rows.map((n) => ({
        id: n.id,
        event: n.event,
        eventKey: n.eventKey,
        at: n.eventAt.toISOString(),
        recipient: n.recipient,
        language: n.language,
        subject: n.subject,
        optional: n.optional,
        status: n.status,
        attempts: n.attempts,
        lastError: n.lastError,
        nextAttemptAt: n.status === 'pending' ? n.nextAttemptAt.toISOString() : null,
        sentAt: n.sentAt?.toISOString() ?? null,
      })),
    };
  });
}
