// What an orchestrator and Prometheus ask, at the root as they expect it (not under /v1):
// - GET /healthz  alive: the process answers. Public: it says nothing but "ok".
// - GET /readyz   ready for traffic: Temporal and the database answer and every migration is
//                 applied. Public, like /v1/health: it names dependencies, never their addresses.
// - GET /metrics  Prometheus text. Not public (decision volumes are business figures) and not an API
//                 key either: a scraper holds TRANSFERFLOW_METRICS_TOKEN, which grants nothing else.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context';
import type { Operation } from '../operation';
import { HttpError } from '../http-error';
import { listMigrations } from '../../../prisma/migrate';
import { metricsText } from '../metrics';
import { PROBE_MS, probe, within } from '../../probe';

export const OBSERVABILITY_OPERATIONS = {
  healthz: {
    method: 'get',
    path: '/healthz',
    tags: ['health'],
    roles: 'public',
    action: 'check liveness',
    summary: 'Liveness: the process answers',
    responses: { '200': { description: 'Alive' } },
  },
  readyz: {
    method: 'get',
    path: '/readyz',
    tags: ['health'],
    roles: 'public',
    action: 'check readiness',
    summary: 'Readiness: Temporal and the database answer, every migration is applied',
    responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready: what is missing' } },
  },
  metrics: {
    method: 'get',
    path: '/metrics',
    tags: ['health'],
    roles: 'scrape-token',
    action: 'read metrics',
    summary: 'Prometheus metrics: API requests and latency, decisions, cases, SDK worker metrics',
    responses: { '200': { description: 'Prometheus text exposition format' } },
  },
} satisfies Record<string, Operation>;

/** 'ok', 'unreachable', or 'pending: <names>' when migrations are missing. */
async function migrationsState(ctx: ApiContext): Promise<string> {
  try {
    const rows = await within(
      PROBE_MS,
      ctx.prisma.$queryRawUnsafe<Array<{ migration_name: string }>>(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      ),
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = listMigrations()
      .map((m) => m.name)
      .filter((name) => !applied.has(name));
    return pending.length ? `pending: ${pending.join(', ')}` : 'ok';
  } catch {
    return 'unreachable';
  }
}

function sameToken(presented: string | undefined, expected: string): boolean {
  const a = Buffer.from(presented ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function observabilityRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const [temporal, database, migrations] = await Promise.all([
      probe(() =>
        ctx.temporal.connection.withDeadline(Date.now() + PROBE_MS, () =>
          ctx.temporal.workflowService.getSystemInfo({}),
        ),
      ),
      probe(() => ctx.prisma.$queryRawUnsafe('SELECT 1')),
      migrationsState(ctx),
    ]);
    const ready = temporal === 'ok' && database === 'ok' && migrations === 'ok';
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not-ready', temporal, database, migrations });
  });

  app.get('/metrics', async (request, reply) => {
    const token = ctx.metrics?.token;
    if (!token) throw new HttpError(403, 'forbidden', '/metrics is off: set TRANSFERFLOW_METRICS_TOKEN to scrape it');
    const presented = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!sameToken(presented, token))
      throw new HttpError(401, 'unauthenticated', 'send "Authorization: Bearer <TRANSFERFLOW_METRICS_TOKEN>"');
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(await metricsText(ctx.metrics!.api));
  });
}
