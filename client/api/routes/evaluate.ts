import type { FastifyInstance } from 'fastify';
import { evaluate } from '../../evaluate';
import { ANY_ROLE, requireRole, type ApiContext } from '../context';

/** POST /v1/evaluate/{mechanism}: pure evaluation, nothing written. Any role may ask. */
export function evaluateRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post<{ Params: { mechanism: string } }>('/v1/evaluate/:mechanism', async (request) => {
    requireRole(ctx, request, ANY_ROLE, 'evaluate');
    return evaluate(request.params.mechanism, request.body);
  });
}
