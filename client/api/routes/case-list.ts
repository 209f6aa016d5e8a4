// Listing cases and loan checks by their search attributes (Temporal visibility).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SEARCH_ATTRIBUTES } from '../../../workflows/definitions';
import { parseInput } from '../../issues';
import { requireRole, type ApiContext } from '../context';
import type { Operation } from '../operation';
import { HttpError } from '../http-error';
import { LOAN_CHECK_OPERATIONS } from './loan-checks';

// Values go into a visibility query: letters, digits and the few punctuation marks ids use.
const keyword = z.string().regex(/^[A-Za-z0-9@._-]{1,128}$/, 'letters, digits, "@", ".", "_" or "-"');

export const caseListQuery = z
  .object({
    kind: keyword.optional().describe('CaseKind: ma-loan, rights-grant, deferred-licence, diligence-exemption'),
    decision: keyword.optional().describe('Decision: a loan decision or a case stage'),
    policyId: keyword.optional().describe('PolicyId: id@version'),
    jurisdiction: keyword.optional(),
    status: z
      .enum(['Running', 'Completed', 'Failed', 'Terminated', 'ContinuedAsNew', 'TimedOut', 'Canceled'])
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const CASE_LIST_OPERATIONS = {
  list: {
    method: 'get',
    path: '/v1/cases',
    tags: ['cases'],
    roles: ['auditor', 'admin', 'tto'],
    action: 'list cases',
    summary: 'Cases and loan checks by search attribute',
    query: caseListQuery,
    responses: { '200': { description: 'Workflows with their search attributes' } },
  },
} satisfies Record<string, Operation>;

/** GET /v1/cases?kind=&decision=&policyId=&jurisdiction=&status= — listing by search attributes (Temporal visibility). */
export function caseListRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/v1/cases', async (request) => {
    const caller = requireRole(ctx, request, CASE_LIST_OPERATIONS.list);
    const q = parseInput(caseListQuery, request.query);
    // Banks' loan checks are listed to those who may read them (GET /v1/loan-checks), not to office staff.
    const loanReader = (LOAN_CHECK_OPERATIONS.list.roles as readonly string[]).includes(caller.role);
    if (!loanReader && q.kind === 'ma-loan')
      throw new HttpError(403, 'forbidden', `role ${caller.role} may not ${LOAN_CHECK_OPERATIONS.list.action}`);
    const clauses = [
      q.kind && `${SEARCH_ATTRIBUTES.caseKind.name} = '${q.kind}'`,
      q.decision && `${SEARCH_ATTRIBUTES.decision.name} = '${q.decision}'`,
      q.policyId && `${SEARCH_ATTRIBUTES.policyId.name} = '${q.policyId}'`,
      q.jurisdiction && `${SEARCH_ATTRIBUTES.jurisdiction.name} = '${q.jurisdiction}'`,
      q.status && `ExecutionStatus = '${q.status}'`,
      !loanReader && `${SEARCH_ATTRIBUTES.caseKind.name} != 'ma-loan'`,
    ].filter(Boolean);
    const query = clauses.join(' AND ') || `${SEARCH_ATTRIBUTES.caseKind.name} IS NOT NULL`;
    const items = [];
    for await (const wf of ctx.temporal.workflow.list({ query, pageSize: q.limit })) {
      const sa = wf.typedSearchAttributes;
      items.push({
        workflowId: wf.workflowId,
        type: wf.type,
        status: wf.status.name,
        startTime: wf.startTime.toISOString(),
        closeTime: wf.closeTime?.toISOString() ?? null,
        kind: sa.get(SEARCH_ATTRIBUTES.caseKind) ?? null,
        decision: sa.get(SEARCH_ATTRIBUTES.decision) ?? null,
        policyId: sa.get(SEARCH_ATTRIBUTES.policyId) ?? null,
        jurisdiction: sa.get(SEARCH_ATTRIBUTES.jurisdiction) ?? null,
      });
      if (items.length >= q.limit) break;
    }
    return { query, items };
  });
}
