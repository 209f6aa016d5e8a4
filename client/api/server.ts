// The HTTP API (docs/api.md §4): JSON under /v1, API keys with roles, one error shape.
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiContext } from './context';
import { errorHandler } from './errors';
import { evaluateRoutes } from './routes/evaluate';
import { loanCheckRoutes } from './routes/loan-checks';
import { healthRoutes } from './routes/health';
import { observabilityRoutes } from './routes/observability';
import { createApiMetrics, instrumentRequests } from './metrics';
import { openApiRoutes } from './routes/openapi';
import { policyRoutes } from './routes/policies';
import { auditRoutes } from './routes/audit';
import { caseRoutes } from './routes/cases';
import { caseListRoutes } from './routes/case-list';
import { licenceRoutes } from './routes/licences';
import { evidenceRoutes } from './routes/evidence';
import { evidenceStoreFromEnv } from '../evidence-store';
import { loggerOptions, requestId, type ApiLogger } from './log';
import { authenticateFirst } from './authenticate';
import { limitHandlerTime } from './timeouts';

/** The largest JSON body any operation takes; only the evidence upload (its own scope) takes more. */
export const BODY_LIMIT = 256 * 1024;

export interface ApiOptions {
  /** false (default): silent; true or options: JSON lines on stderr (client/api/log.ts). */
  logger?: ApiLogger;
  /** How long any handler may take before the caller gets 503 (default 30 s, above the loan check's 20 s wait). */
  handlerTimeoutMs?: number;
  /** How long a client may take to send its request (default 30 s): slow senders do not hold sockets. */
  requestTimeoutMs?: number;
  /** /metrics: the scrape token (none: off) and the SDK's worker metrics address to append. */
  metrics?: { token?: string; sdkMetricsAddress?: string };
}

export function buildApi(ctx: ApiContext, options: ApiOptions = {}): FastifyInstance {
  const handlerBudget = options.handlerTimeoutMs ?? Math.max(30_000, ctx.syncTimeoutMs + 10_000);
  const app = Fastify({
    logger: loggerOptions(options.logger ?? false),
    bodyLimit: BODY_LIMIT,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    // An idle socket is closed, but never while its handler may still answer within its budget.
    connectionTimeout: Math.max(options.requestTimeoutMs ?? 30_000, handlerBudget + 5_000),
    requestIdHeader: 'x-request-id',
    genReqId: (req) => requestId(req.headers['x-request-id']),
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      error: 'not-found',
      message: `no route ${request.method} ${request.url.split('?')[0]}; see /v1/openapi.json`,
      reqId: request.id,
    });
  });
  // The request id goes back on every answer, so a caller can quote it and an operator find its log lines.
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  ctx.metrics ??= {
    api: createApiMetrics(ctx.prisma, options.metrics?.sdkMetricsAddress),
    token: options.metrics?.token,
  };
  instrumentRequests(app, ctx.metrics.api);
  authenticateFirst(app, ctx);
  limitHandlerTime(app, handlerBudget);
  ctx.evidence ??= evidenceStoreFromEnv();
  openApiRoutes(app);
  healthRoutes(app, ctx);
  observabilityRoutes(app, ctx);
  policyRoutes(app, ctx);
  auditRoutes(app, ctx);
  evaluateRoutes(app, ctx);
  loanCheckRoutes(app, ctx);
  caseListRoutes(app, ctx);
  caseRoutes(app, ctx);
  licenceRoutes(app, ctx);
  // Its own scope: the raw-bytes parser and the 20 MiB limit exist for this route alone, so no
  // other POST buffers an upload.
  void app.register(async (scope) => evidenceRoutes(scope, ctx));
  return app;
}
