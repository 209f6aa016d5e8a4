// The HTTP API (docs/api.md §4): JSON under /v1, API keys with roles, one error shape.
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiContext } from './context';
import { errorHandler } from './errors';
import { evaluateRoutes } from './routes/evaluate';
import { loanCheckRoutes } from './routes/loan-checks';
import { healthRoutes } from './routes/health';
import { openApiRoutes } from './routes/openapi';
import { policyRoutes } from './routes/policies';
import { auditRoutes } from './routes/audit';
import { caseRoutes } from './routes/cases';
import { caseListRoutes } from './routes/case-list';
import { licenceRoutes } from './routes/licences';
import { evidenceRoutes } from './routes/evidence';
import { evidenceStoreFromEnv } from '../evidence-store';

export function buildApi(ctx: ApiContext, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 256 * 1024 });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({
      error: 'not-found',
      message: `no route ${request.method} ${request.url.split('?')[0]}; see /v1/openapi.json`,
    });
  });
  ctx.evidence ??= evidenceStoreFromEnv();
  openApiRoutes(app);
  healthRoutes(app, ctx);
  policyRoutes(app, ctx);
  auditRoutes(app, ctx);
  evaluateRoutes(app, ctx);
  loanCheckRoutes(app, ctx);
  caseListRoutes(app, ctx);
  caseRoutes(app, ctx);
  licenceRoutes(app, ctx);
  evidenceRoutes(app, ctx);
  return app;
}
