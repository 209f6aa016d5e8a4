// Liveness: up when Temporal and the database both answer. No key needed: it reveals nothing.
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context';
import type { Operation } from '../operation';

export const HEALTH_OPERATIONS = {
  health: {
    method: 'get',
    path: '/v1/health',
    tags: ['health'],
    roles: 'public',
    action: 'check health',
    summary: 'Liveness and dependencies',
    responses: { '200': { description: 'Up' }, '503': { description: 'A dependency is down' } },
  },
} satisfies Record<string, Operation>;

export function healthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/v1/health', async (_request, reply) => {
    const [temporal, database] = await Promise.all([
      ctx.temporal.workflowService.getSystemInfo({}).then(
        () => 'ok',
        () => 'unreachable',
      ),
      ctx.prisma.$queryRawUnsafe('SELECT 1').then(
        () => 'ok',
        () => 'unreachable',
      ),
    ]);
    const ok = temporal === 'ok' && database === 'ok';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', temporal, database });
  });
}
