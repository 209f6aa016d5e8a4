// The OpenAPI document, generated from the same zod schemas that validate requests, so the
// document and the behaviour cannot disagree.
import { z } from 'zod';
import { maLoanInputSchema } from '../../policies/ma-loan/input-schema';
import { maLoanCheckResultSchema } from '../../policies/decision-schema';
import { EVALUATORS } from '../../policies/evaluators';
import { loanCheckListQuery } from './routes/loan-checks';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';

function schema(s: z.ZodType, io: 'input' | 'output' = 'output') {
  const json = z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};

const json = (ref: string, example?: unknown) => ({
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` }, ...(example ? { example } : {}) } },
});
const errors = {
  '400': { description: 'Invalid input: every issue with its field path', ...json('Error') },
  '401': { description: 'Missing or unknown API key', ...json('Error') },
  '403': { description: 'The key’s role may not do this', ...json('Error') },
};

function queryParameters(s: z.ZodObject) {
  const js = schema(s, 'input') as { properties: Record<string, object & { description?: string }> };
  return Object.entries(js.properties).map(([name, p]) => ({ name, in: 'query', required: false, schema: p, description: p.description }));
}

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'transferflow API',
      version: '1',
      description: 'Technology-transfer workflows and M&A loan checks under versioned policy packs. Authenticate with `Authorization: Bearer <API key>`.',
    },
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: errorBody,
        MaLoanRequest: schema(maLoanInputSchema, 'input'),
        ...Object.fromEntries(
          Object.values(EVALUATORS).flatMap((e) => [
            [`${e!.schemaName}EvaluateRequest`, schema(e!.input, 'input')],
            [`${e!.schemaName}Decision`, schema(e!.output)],
          ]),
        ),
        MaLoanCheckResult: schema(maLoanCheckResultSchema),
        Running: { type: 'object', required: ['id', 'workflowId', 'status'], properties: { id: { type: 'string' }, workflowId: { type: 'string' }, status: { type: 'string', enum: ['running'] } } },
      },
    },
    paths: {
      '/v1/health': {
        get: { summary: 'Liveness and dependencies', security: [], responses: { '200': { description: 'Up' }, '503': { description: 'A dependency is down' } } },
      },
      '/v1/policies': {
        get: { summary: 'The policy packs with scope, dates, sources and confidence', responses: { '200': { description: 'Packs' }, ...errors } },
      },
      ...Object.fromEntries(
        Object.entries(EVALUATORS).map(([mechanism, e]) => [
          `/v1/evaluate/${mechanism}`,
          {
            post: {
              summary: `Pure ${mechanism} evaluation: nothing is written (any role)`,
              requestBody: { required: true, ...json(`${e!.schemaName}EvaluateRequest`, e!.example) },
              responses: { '200': { description: 'The decision', ...json(`${e!.schemaName}Decision`) }, ...errors },
            },
          },
        ]),
      ),
      '/v1/loan-checks': {
        post: {
          summary: 'Submit an M&A loan check (roles bank, admin); idempotent on (bank.id, requestId)',
          requestBody: { required: true, ...json('MaLoanRequest', EXAMPLE_LOAN_REQUEST) },
          responses: {
            '200': { description: 'The recorded decision (the first one for a repeated requestId)', ...json('MaLoanCheckResult') },
            '202': { description: 'Still being decided: poll the Location', ...json('Running') },
            '409': { description: 'requestId already used for a different request', ...json('Error') },
            ...errors,
          },
        },
        get: {
          summary: 'List loan checks (roles bank, auditor, admin), newest first',
          parameters: queryParameters(loanCheckListQuery),
          responses: { '200': { description: 'Loan checks' }, ...errors },
        },
      },
      '/v1/loan-checks/{id}': {
        get: {
          summary: 'One loan check (roles bank, auditor, admin)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The recorded decision', ...json('MaLoanCheckResult') },
            '202': { description: 'Still being decided', ...json('Running') },
            '404': { description: 'No such loan check', ...json('Error') },
            ...errors,
          },
        },
      },
    },
  };
}
