import type { FastifyInstance } from 'fastify';
import { allPacks, packHash } from '../../../policies/registry';
import { openApiDocument } from '../openapi';
import { ANY_ROLE, requireRole, type ApiContext } from '../context';
import { verifyAuditChain } from '../../../activities/audit-chain';

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

  app.get('/v1/policies', async (request) => {
    requireRole(ctx, request, ANY_ROLE, 'list policies');
    return { items: allPacks().map((p) => ({ ...p, hash: packHash(p) })) };
  });
}
