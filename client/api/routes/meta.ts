import type { FastifyInstance } from 'fastify';
import { allPacks, packHash } from '../../../policies/registry';
import { openApiDocument } from '../openapi';
import { ANY_ROLE, requireRole, type ApiContext } from '../context';
import { verifyAuditChain } from '../../../activities/audit-chain';
import { z } from 'zod';
import { buildAuditBundle } from '../../audit/export';
import { whatIf, whatIfSchema } from '../../audit/what-if';
import { parseInput } from '../../issues';

export function metaRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const doc = openApiDocument();
  app.get('/v1/openapi.json', async () => doc);

  /** Up when Temporal and the database both answer. No key needed: it reveals nothing. */
  app.get('/v1/health', async (_request, reply) => {
    const [temporal, database] = await Promise.all([
      ctx.temporal.workflowService.getSystemInfo({}).then(() => 'ok', () => 'unreachable'),
      ctx.prisma.$queryRawUnsafe('SELECT 1').then(() => 'ok', () => 'unreachable'),
    ]);
    const ok = temporal === 'ok' && database === 'ok';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', temporal, database });
  });

  /** Walks the audit log's hash chain and names the first broken link (auditor, admin). */
  app.get('/v1/audit/chain', async (request) => {
    requireRole(ctx, request, ['auditor', 'admin'], 'verify the audit log');
    return verifyAuditChain(ctx.prisma);
  });

  /** One case's audit bundle: histories, records, audit log, packs, verification, summary (auditor, admin). */
  app.get('/v1/audit/export', async (request) => {
    requireRole(ctx, request, ['auditor', 'admin'], 'export audit bundles');
    const { workflowId } = parseInput(z.object({ workflowId: z.string().min(1).max(300) }).strict(), request.query);
    return buildAuditBundle(ctx.temporal, ctx.prisma, workflowId);
  });

  /** Past decisions re-evaluated under another pack: which would change (auditor, admin; writes nothing). */
  app.post('/v1/audit/what-if', async (request) => {
    requireRole(ctx, request, ['auditor', 'admin'], 'run what-if analyses');
    return whatIf(ctx.prisma, parseInput(whatIfSchema, request.body));
  });

  app.get('/v1/policies', async (request) => {
    requireRole(ctx, request, ANY_ROLE, 'list policies');
    return { items: allPacks().map((p) => ({ ...p, hash: packHash(p) })) };
  });
}
