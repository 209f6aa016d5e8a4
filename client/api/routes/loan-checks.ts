// M&A loan checks: submit (waiting for the recorded decision), read one, list.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import { contentHash } from '../../../policies/canonical-json';
import { isIsoDate } from '../../../policies/dates';
import { loanCheckId, parseLoanCheckId } from '../../../activities/loan-check-id';
import { maLoanWorkflowId } from '../../../workflows/ma-loan-definitions';
import { loanCheckResultFromRow } from '../../../activities/loan-check-result';
import type { Prisma } from '../../../prisma/generated/client';
import { IdempotencyConflictError, submitLoanCheck, validateLoanRequest } from '../../loan-checks';
import { parseInput } from '../../issues';
import { mayActForBank, requireRole, type ApiContext } from '../context';
import type { Caller } from '../auth';
import { HttpError } from '../http-error';
import { actorOf } from '../../actor';
import { ERROR, input, output, type Operation } from '../operation';
import { maLoanInputSchema } from '../../../policies/ma-loan/input-schema';
import { maLoanCheckResultSchema } from '../../../policies/decision-schema';
import { EXAMPLE_LOAN_REQUEST } from '../../../policies/ma-loan/example-request';

export const loanCheckListQuery = z
  .object({
    bankId: z.string().max(64).optional(),
    decision: z.enum(['approved', 'rejected']).optional(),
    policyId: z.string().max(128).optional(),
    from: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').optional().describe('asOf on or after'),
    to: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').optional().describe('asOf before'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const RESULT = output('MaLoanCheckResult', maLoanCheckResultSchema);
const RUNNING = output('Running', {
  type: 'object',
  required: ['id', 'workflowId', 'status'],
  properties: { id: { type: 'string' }, workflowId: { type: 'string' }, status: { type: 'string', enum: ['running'] } },
});
const TAGS = ['loan checks'];

export const LOAN_CHECK_OPERATIONS = {
  submit: {
    method: 'post',
    path: '/v1/loan-checks',
    tags: TAGS,
    roles: ['bank', 'admin'],
    action: 'submit loan checks',
    scope: 'bank-in-body',
    summary: 'Submit an M&A loan check; idempotent on (bank.id, requestId)',
    body: { json: [input('MaLoanRequest', maLoanInputSchema)], example: EXAMPLE_LOAN_REQUEST },
    responses: {
      '200': { description: 'The recorded decision (the first one for a repeated requestId)', json: RESULT },
      '202': { description: 'Still being decided: poll the Location', json: RUNNING },
      '409': { description: 'requestId already used for a different request', json: ERROR },
    },
  },
  list: {
    method: 'get',
    path: '/v1/loan-checks',
    tags: TAGS,
    roles: ['bank', 'auditor', 'admin'],
    action: 'read loan checks',
    scope: 'listing',
    summary: 'List loan checks, newest first',
    query: loanCheckListQuery,
    responses: { '200': { description: 'Loan checks' } },
  },
  read: {
    method: 'get',
    path: '/v1/loan-checks/{id}',
    tags: TAGS,
    roles: ['bank', 'auditor', 'admin'],
    action: 'read loan checks',
    scope: 'loan-check-id',
    summary: 'One loan check',
    pathParams: ['id'],
    responses: {
      '200': { description: 'The recorded decision', json: RESULT },
      '202': { description: 'Still being decided', json: RUNNING },
      '404': { description: 'No such loan check', json: ERROR },
    },
  },
} satisfies Record<string, Operation>;

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}

/**
 * Submits a loan check for the caller (its role already checked), as POST /v1/loan-checks does and
 * the console's loan-check form does too: the bank must be one of the caller's, a repeated
 * requestId answers the first decision (or refuses a different request), and the decision is
 * awaited up to the synchronous timeout.
 */
export async function submitLoanCheckAs(
  ctx: ApiContext,
  caller: Caller,
  body: unknown,
): Promise<
  | { status: 'decided'; id: string; location: string; replayed: boolean; body: unknown }
  | { status: 'running'; id: string; location: string; body: { id: string; workflowId: string; status: 'running' } }
> {
  const loan = validateLoanRequest(body);
  if (!mayActForBank(caller, loan.bank.id))
    throw new HttpError(403, 'forbidden', `key ${caller.id} does not act for bank ${loan.bank.id}`);
  const id = loanCheckId(loan.bank.id, loan.requestId);
  const location = `/v1/loan-checks/${id}`;
  // Start first: the workflow id is the idempotency key, so only a duplicate needs the database
  // (a read before every start cost each new check a round trip to answer the rare repeat).
  const submitted = await submitLoanCheck(ctx.temporal, loan, actorOf(caller));
  if (!submitted.started) {
    const earlier = await ctx.prisma.loanCheck.findUnique({
      where: { bankId_requestId: { bankId: loan.bank.id, requestId: loan.requestId } },
    });
    if (earlier) {
      submitted.result.catch(() => undefined);
      if (earlier.requestHash !== contentHash(loan)) throw new IdempotencyConflictError(earlier.workflowId);
      return { status: 'decided', id, location, replayed: true, body: loanCheckResultFromRow(earlier) };
    }
  }
  const outcome = await Promise.race([submitted.result, timeout(ctx.syncTimeoutMs)]);
  if (outcome === 'timeout') {
    submitted.result.catch(() => undefined);
    return { status: 'running', id, location, body: { id, workflowId: submitted.workflowId, status: 'running' } };
  }
  return { status: 'decided', id, location, replayed: !submitted.started, body: outcome };
}

export function loanCheckRoutes(app: FastifyInstance, ctx: ApiContext): void {
  /** Submit a loan check; answers with the decision, idempotent on (bank.id, requestId). */
  app.post('/v1/loan-checks', async (request, reply) => {
    const caller = requireRole(ctx, request, LOAN_CHECK_OPERATIONS.submit);
    const answer = await submitLoanCheckAs(ctx, caller, request.body);
    if (answer.status === 'running') return reply.code(202).header('location', answer.location).send(answer.body);
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    return reply.code(200).header('location', answer.location).send(answer.body);
  });

  /** One loan check by id: the recorded decision, or 202 while it is still being decided. */
  app.get<{ Params: { id: string } }>('/v1/loan-checks/:id', async (request, reply) => {
    const caller = requireRole(ctx, request, LOAN_CHECK_OPERATIONS.read);
    const key = parseLoanCheckId(request.params.id);
    const notFound = new HttpError(404, 'not-found', `no loan check ${request.params.id}`);
    if (!key || !mayActForBank(caller, key.bankId)) throw notFound;
    const row = await ctx.prisma.loanCheck.findUnique({ where: { bankId_requestId: key } });
    if (row) return loanCheckResultFromRow(row);
    const workflowId = maLoanWorkflowId(key.bankId, key.requestId);
    try {
      const description = await ctx.temporal.workflow.getHandle(workflowId).describe();
      if (description.status.name === 'RUNNING')
        return reply.code(202).send({ id: request.params.id, workflowId, status: 'running' });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    throw notFound;
  });

  /** Loan checks, newest first, filtered; bank keys see only their banks. */
  app.get('/v1/loan-checks', async (request) => {
    const caller = requireRole(ctx, request, LOAN_CHECK_OPERATIONS.list);
    const q = parseInput(loanCheckListQuery, request.query);
    const where: Prisma.LoanCheckWhereInput = {
      bankId: q.bankId,
      decision: q.decision,
      policyId: q.policyId,
      asOf: { gte: q.from, lt: q.to },
    };
    if (caller.role === 'bank') {
      // A bank key lists its own banks' checks only (the scope is required of every bank key).
      const scope = caller.scope && 'bankIds' in caller.scope ? [...caller.scope.bankIds] : [];
      where.AND = [{ bankId: { in: scope } }];
    }
    const rows = await ctx.prisma.loanCheck.findMany({ where, orderBy: { createdAt: 'desc' }, take: q.limit });
    return { items: rows.map(loanCheckResultFromRow), count: rows.length };
  });
}
