// Pure evaluation, nothing written: one operation per available mechanism, any role may ask.
import type { FastifyInstance } from 'fastify';
import { evaluate } from '../../evaluate';
import { EVALUATORS } from '../../../policies/evaluators';
import { requireRole, type ApiContext } from '../context';
import { HttpError } from '../http-error';
import { ANY_ROLE, input, output, type Operation } from '../operation';

const EVALUATE = { roles: ANY_ROLE, action: 'evaluate', scope: 'none' } as const;

export const EVALUATE_OPERATIONS = Object.entries(EVALUATORS).map(([mechanism, e]) => ({
  method: 'post',
  path: `/v1/evaluate/${mechanism}`,
  tags: ['evaluate'],
  ...EVALUATE,
  summary: `Pure ${mechanism} evaluation: nothing is written`,
  body: { json: [input(`${e!.schemaName}EvaluateRequest`, e!.input)], example: e!.example },
  responses: { '200': { description: 'The decision', json: output(`${e!.schemaName}Decision`, e!.output) } },
})) satisfies Operation[];

/** POST /v1/evaluate/{mechanism}; a mechanism that is not one (e.g. "constructor") is no route: 404. */
export function evaluateRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post<{ Params: { mechanism: string } }>('/v1/evaluate/:mechanism', async (request) => {
    requireRole(ctx, request, EVALUATE);
    if (!Object.hasOwn(EVALUATORS, request.params.mechanism))
      throw new HttpError(404, 'not-found', `no mechanism ${request.params.mechanism}; see /v1/openapi.json`);
    return evaluate(request.params.mechanism, request.body);
  });
}
