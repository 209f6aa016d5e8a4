// The auditor's routes: the audit log's hash chain, one case's self-contained bundle, and what
// past decisions would have been under another pack (nothing is written).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyAuditChain } from '../../../activities/audit-chain';
import { buildAuditBundle } from '../../audit/export';
import { whatIf, whatIfSchema } from '../../audit/what-if';
import { reconcile, reconcileOutcomes, reconcileSchema } from '../../audit/reconcile';
import { parseInput } from '../../issues';
import { requireRole, type ApiContext } from '../context';
import { ERROR, input, type Operation } from '../operation';

const AUDITORS = ['auditor', 'admin'] as const;
const TAGS = ['audit'];

const exportQuery = z.object({ workflowId: z.string().min(1).max(300) }).strict();

export const AUDIT_OPERATIONS = {
  chain: {
    method: 'get',
    path: '/v1/audit/chain',
    tags: TAGS,
    roles: AUDITORS,
    action: 'verify the audit log',
    summary: 'Verify the audit log’s hash chain; names the first broken link',
    responses: { '200': { description: 'Chain report' } },
  },
  export: {
    method: 'get',
    path: '/v1/audit/export',
    tags: TAGS,
    roles: AUDITORS,
    action: 'export audit bundles',
    query: exportQuery,
    summary: 'One case’s audit bundle: every run’s history, records, audit log, packs, verification, summary',
    responses: { '200': { description: 'The bundle' }, '404': { description: 'No such workflow', json: ERROR } },
  },
  whatIf: {
    method: 'post',
    path: '/v1/audit/what-if',
    tags: TAGS,
    roles: AUDITORS,
    action: 'run what-if analyses',
    summary: 'Re-evaluate recorded decisions under another pack and list those that would change (writes nothing)',
    body: {
      json: [input('WhatIfRequest', whatIfSchema)],
      example: { mechanism: 'ma-loan', policy: 'cn-tech-ma-pilot@2025.1', since: '2024-01-01', until: '2025-01-01' },
    },
    responses: { '200': { description: 'The decisions that would change, with counts' } },
  },
  reconcile: {
    method: 'post',
    path: '/v1/audit/reconcile',
    tags: TAGS,
    roles: AUDITORS,
    action: 'reconcile decisions and records',
    summary:
      'Completed workflows whose decision has no database record, and records no workflow made (writes nothing); with outcomes, only those',
    body: {
      json: [input('ReconcileRequest', reconcileSchema)],
      example: {
        outcomes: [{ workflowId: 'ma-loan/cq-bank/demo-1', workflowType: 'maLoanCheck', outcome: 'approved' }],
      },
    },
    responses: { '200': { description: 'Orphans both ways; reconciled is true when there are none' } },
  },
} satisfies Record<string, Operation>;

export function auditRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/v1/audit/chain', async (request) => {
    requireRole(ctx, request, AUDIT_OPERATIONS.chain);
    return verifyAuditChain(ctx.prisma);
  });

  /** An unknown workflow is a 404 (WorkflowNotFoundError in client/errors.ts). */
  app.get('/v1/audit/export', async (request) => {
    requireRole(ctx, request, AUDIT_OPERATIONS.export);
    const { workflowId } = parseInput(exportQuery, request.query);
    return buildAuditBundle(ctx.temporal, ctx.prisma, workflowId);
  });

  app.post('/v1/audit/reconcile', async (request) => {
    requireRole(ctx, request, AUDIT_OPERATIONS.reconcile);
    const { outcomes } = parseInput(reconcileSchema, request.body ?? {});
    return outcomes ? reconcileOutcomes(ctx.prisma, outcomes) : reconcile(ctx.prisma, ctx.temporal);
  });

  app.post('/v1/audit/what-if', async (request) => {
    requireRole(ctx, request, AUDIT_OPERATIONS.whatIf);
    return whatIf(ctx.prisma, parseInput(whatIfSchema, request.body));
  });
}
