// Pure evaluation, nothing written: one operation per available mechanism, any role may ask.
import type { FastifyInstance } from 'fastify';
import { evaluate } from '../../evaluate';
import { EVALUATORS } from '../../../policies/evaluators';
import { requireRole, type ApiContext } from '../context';
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

/** POST /v1/evaluate/{mechanism}; an unknown mechanism is invalid input (client/evaluate.ts). */
export function evaluateRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.post<{ Params: { mechanism: string } }>('/v1/evaluate/:mechanism', async (request) => {
    requireRole(ctx, request, EVALUATE);
    return evaluate(request.params.mechanism, request.body);
  });
}
