// The auditor's routes: the audit log's verification and its signed tree heads (with the
// consistency proof from the head an auditor last kept), one case's self-contained bundle, and
// what past decisions would have been under another pack. Nothing domain-level is written;
// POST /v1/audit/heads only sequences pending entries and signs a head over them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyAuditLog } from '../../../activities/audit-verify';
import { consistencyProofFor, headFromRow, latestHead } from '../../../activities/audit-sequencer';
import { HttpError } from '../http-error';
import { buildAuditBundle } from '../../audit/export';
import { whatIf, whatIfSchema } from '../../audit/what-if';
import { reconcile, reconcileOutcomes, reconcileSchema } from '../../audit/reconcile';
import { parseInput } from '../../issues';
import { requireRole, type ApiContext } from '../context';
import { ERROR, input, type Operation } from '../operation';

const AUDITORS = ['auditor', 'admin'] as const;
const TAGS = ['audit'];

const exportQuery = z.object({ workflowId: z.string().min(1).max(300) }).strict();
const headsQuery = z.object({ since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() }).strict();

/** The most heads one answer lists (the newest are always included). */
const MAX_HEADS = 1000;

export const AUDIT_OPERATIONS = {
  chain: {
    method: 'get',
    path: '/v1/audit/chain',
    tags: TAGS,
    roles: AUDITORS,
    action: 'verify the audit log',
    summary:
      'Verify the audit log: every entry against its Merkle leaf, every signed tree head against the entries and the public key',
    responses: { '200': { description: 'Log report (verified, entries, sequenced, pending, heads, problems)' } },
  },
  heads: {
    method: 'get',
    path: '/v1/audit/heads',
    tags: TAGS,
    roles: AUDITORS,
    action: 'read signed tree heads',
    query: headsQuery,
    summary:
      'The signed tree heads of size ≥ since, the public key, and a consistency proof from size `since` to the latest head',
    responses: { '200': { description: 'Heads, public key and consistency proof' } },
  },
  signHead: {
    method: 'post',
    path: '/v1/audit/heads',
    tags: TAGS,
    roles: AUDITORS,
    action: 'ask for a signed tree head',
    summary: 'Sequence the pending audit entries now and sign a tree head over them',
    responses: {
      '200': { description: 'The latest signed tree head' },
      '503': { description: 'No audit signing key is configured', json: ERROR },
    },
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
    return verifyAuditLog(ctx.prisma, { publicKey: ctx.auditSequencer?.signer.publicKey });
  });

  app.get('/v1/audit/heads', async (request) => {
    requireRole(ctx, request, AUDIT_OPERATIONS.heads);
    const { since = 0 } = parseInput(headsQuery, request.query);
    const latest = await latestHead(ctx.prisma);
    const rows = await ctx.prisma.auditTreeHead.findMany({
      where: { treeSize: { gte: BigInt(since) } },
      orderBy: { treeSize: 'desc' },
      take: MAX_HEADS,
    });
    return {
      keyId: ctx.auditSequencer?.signer.keyId ?? null,
      publicKey: ctx.auditSequencer?.signer.publicKeyPem() ?? null,
      latest,
      heads: rows.map(headFromRow).reverse(),
      // From the auditor's last kept size to the latest: proves the log only grew in between.
      consistency:
        latest && since > 0 && since <= latest.treeSize
          ? { from: since, to: latest.treeSize, proof: await consistencyProofFor(ctx.prisma, since, latest.treeSize) }
          : null,
    };
  });

  app.post('/v1/audit/heads', async (request) => {
    requireRole(ctx, request, AUDIT_OPERATIONS.signHead);
    if (!ctx.auditSequencer)
      throw new HttpError(503, 'no-audit-key', 'this server has no audit signing key (TRANSFERFLOW_AUDIT_KEY)');
    return (await ctx.auditSequencer.sequence()) ?? (await latestHead(ctx.prisma));
  });

  /** An unknown workflow is a 404 (WorkflowNotFoundError in client/errors.ts). */
  app.get('/v1/audit/export', async (request) => {
    requireRole(ctx, request, AUDIT_OPERATIONS.export);
    const { workflowId } = parseInput(exportQuery, request.query);
    return buildAuditBundle(ctx.temporal, ctx.prisma, workflowId, ctx.auditSequencer);
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
