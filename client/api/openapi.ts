// The OpenAPI document, generated from the same zod schemas that validate requests, so the
// document and the behaviour cannot disagree.
import { z } from 'zod';
import { maLoanInputSchema } from '../../policies/ma-loan/input-schema';
import { maLoanCheckResultSchema } from '../../policies/decision-schema';
import { EVALUATORS } from '../../policies/evaluators';
import { loanCheckListQuery } from './routes/loan-checks';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { caseActionSchema, rightsGrantCaseSchema } from '../rights-grants';
import { deferredLicenceCaseSchema, licenceActionSchema, paymentSchema, revenueReportSchema } from '../licences';
import { dueQuery } from './routes/licences';
import { reviewActionSchema, reviewCaseSchema } from '../reviews';
import { evidenceUploadQuery } from './routes/evidence';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';
import { whatIfSchema } from '../audit/what-if';
import { caseListQuery } from './routes/case-list';
import { ROLES } from './auth';

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
        RightsGrantCaseRequest: schema(rightsGrantCaseSchema, 'input'),
        CaseAction: schema(caseActionSchema, 'input'),
        DeferredLicenceCaseRequest: schema(deferredLicenceCaseSchema, 'input'),
        LicenceAction: schema(licenceActionSchema, 'input'),
        RevenueReport: schema(revenueReportSchema, 'input'),
        Payment: schema(paymentSchema, 'input'),
        ReviewCaseRequest: schema(reviewCaseSchema, 'input'),
        ReviewAction: schema(reviewActionSchema, 'input'),
        WhatIfRequest: schema(whatIfSchema, 'input'),
        Running: { type: 'object', required: ['id', 'workflowId', 'status'], properties: { id: { type: 'string' }, workflowId: { type: 'string' }, status: { type: 'string', enum: ['running'] } } },
      },
    },
    paths: {
      '/v1/health': {
        get: { summary: 'Liveness and dependencies', security: [], responses: { '200': { description: 'Up' }, '503': { description: 'A dependency is down' } } },
      },
      '/v1/audit/chain': {
        get: { summary: 'Verify the audit log’s hash chain; names the first broken link (roles auditor, admin)', responses: { '200': { description: 'Chain report' }, ...errors } },
      },
      '/v1/audit/export': {
        get: {
          summary: 'One case’s audit bundle: every run’s history, records, audit log, packs, verification, summary (roles auditor, admin)',
          parameters: [{ name: 'workflowId', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The bundle' }, '404': { description: 'No such workflow', ...json('Error') }, ...errors },
        },
      },
      '/v1/audit/what-if': {
        post: {
          summary: 'Re-evaluate recorded decisions under another pack and list those that would change (roles auditor, admin; writes nothing)',
          requestBody: { required: true, ...json('WhatIfRequest', { mechanism: 'ma-loan', policy: 'cn-tech-ma-pilot@2025.1', since: '2024-01-01', until: '2025-01-01' }) },
          responses: { '200': { description: 'The decisions that would change, with counts' }, ...errors },
        },
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
      '/v1/cases': {
        get: {
          summary: 'Cases and loan checks by search attribute (roles auditor, admin, tto)',
          parameters: queryParameters(caseListQuery),
          responses: { '200': { description: 'Workflows with their search attributes' }, ...errors },
        },
      },
      '/v1/cases/rights-grant': {
        post: {
          summary: 'Launch a rights-grant case (roles tto, admin); idempotent on caseId',
          requestBody: { required: true, ...json('RightsGrantCaseRequest', { caseId: 'hfut-2026-001', ...EXAMPLE_RIGHTS_GRANT }) },
          responses: {
            '201': { description: 'Launched: the case view' },
            '200': { description: 'Already launched with this request: the case view' },
            '409': { description: 'caseId used for a different request', ...json('Error') },
            ...errors,
          },
        },
      },
      '/v1/cases/deferred-licence': {
        post: {
          summary: 'Launch a use-first-pay-later licence (roles tto, admin); idempotent on caseId',
          requestBody: { required: true, ...json('DeferredLicenceCaseRequest', { caseId: 'cqu-lic-2026-001', ...EXAMPLE_LICENCE, payment: { feeCny: 300000, instalments: 3, intervalMonths: 12 }, guarantee: { kind: 'insurance', provider: 'PICC Chongqing' } }) },
          responses: {
            '201': { description: 'Launched: the licence view' },
            '200': { description: 'Already launched with this request: the licence view' },
            '409': { description: 'caseId used for a different request', ...json('Error') },
            ...errors,
          },
        },
      },
      '/v1/cases/diligence-exemption': {
        post: {
          summary: 'Open a due-diligence exemption review (roles tto, admin, reviewer), optionally raised from a rights-grant or licence case; idempotent on caseId',
          requestBody: {
            required: true,
            ...json('ReviewCaseRequest', {
              caseId: 'review-2026-003',
              trigger: { kind: 'reported-loss', description: 'licensed patent written down by 60 %', reportedOn: '2026-11-01' },
              linkedCaseId: 'cqu-lic-2026-001',
              transfer: { title: 'Licence of CN2023100001', pricing: 'negotiated', decidedOn: '2025-03-10' },
              applicants: [{ name: 'Li Ming', role: 'leader' }],
            }),
          },
          responses: {
            '201': { description: 'Opened: the review view' },
            '200': { description: 'Already opened with this request: the review view' },
            '409': { description: 'caseId used for a different request', ...json('Error') },
            ...errors,
          },
        },
      },
      '/v1/evidence': {
        post: {
          summary: 'Upload a document to the evidence store (roles tto, admin, reviewer, committee); answers its SHA-256, which findings cite',
          parameters: queryParameters(evidenceUploadQuery).map((p) => ({ ...p, required: true })),
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          responses: { '201': { description: '{ name, sha256, size }' }, '415': { description: 'No document in the body', ...json('Error') }, ...errors },
        },
      },
      '/v1/evidence/{sha256}': {
        get: {
          summary: 'Download a document by its SHA-256 (roles tto, admin, reviewer, committee, auditor)',
          parameters: [{ name: 'sha256', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The document', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, '404': { description: 'No such document', ...json('Error') }, ...errors },
        },
      },
      '/v1/licences/{id}/revenue': {
        post: {
          summary: 'Report revenue from the licensed result (roles licensee, tto, admin): free use, the first-revenue trigger, or the open royalty period',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json('RevenueReport', { amountCny: 250000 }) },
          responses: { '200': { description: 'The licence view' }, '404': { description: 'No such licence', ...json('Error') }, '409': { description: 'Not possible at this stage', ...json('Error') }, ...errors },
        },
      },
      '/v1/licences/{id}/payments': {
        post: {
          summary: 'Record money received (roles tto, admin); applied once per reference',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json('Payment', { amountCny: 100000, reference: 'CCB-20270331-0042', payer: 'Liangjiang Sensors Ltd.' }) },
          responses: {
            '201': { description: 'Applied: the licence view' },
            '200': { description: 'This reference was already applied: nothing changed' },
            '404': { description: 'No such licence', ...json('Error') },
            '409': { description: 'Not possible at this stage', ...json('Error') },
            ...errors,
          },
        },
      },
      '/v1/licences/{id}/ledger': {
        get: {
          summary: 'Schedule, totals and every ledger entry, reconciled (roles tto, admin, auditor, licensee)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The ledger' }, '404': { description: 'No such licence', ...json('Error') }, ...errors },
        },
      },
      '/v1/licences/due': {
        get: {
          summary: 'Licences with an unpaid amount due within N days or overdue (roles tto, admin)',
          parameters: queryParameters(dueQuery),
          responses: { '200': { description: 'Licences, soonest due first' }, ...errors },
        },
      },
      '/v1/cases/{id}': {
        get: {
          summary: 'A case: stage, pending step, who may act, deadlines, decisions (roles tto, admin, auditor, department, committee, licensee, reviewer); linkedReviews lists exemption reviews raised from it',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The case view' }, '404': { description: 'No such case', ...json('Error') }, ...errors },
        },
      },
      '/v1/cases/{id}/actions': {
        post: {
          summary: 'Decide a step (roles tto, admin, department, committee, licensee, reviewer; the step says which): the actor is the API key',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/CaseAction' }, { $ref: '#/components/schemas/LicenceAction' }, { $ref: '#/components/schemas/ReviewAction' }] }, example: { action: 'approve' } } } },
          responses: {
            '200': { description: 'The case view after the decision' },
            '404': { description: 'No such case', ...json('Error') },
            '409': { description: 'Not possible at this stage, or the case has ended', ...json('Error') },
            ...errors,
          },
        },
      },
      '/v1/cases/{id}/history': {
        get: {
          summary: 'Decisions with actor, role, time and pack, and the audit log',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'History' }, '404': { description: 'No such case', ...json('Error') }, ...errors },
        },
      },
      '/v1/tasks': {
        get: {
          summary: 'What a role must decide now, soonest due first (own role; admin may name any)',
          parameters: [{ name: 'role', in: 'query', required: false, schema: { type: 'string', enum: [...ROLES] } }],
          responses: { '200': { description: 'Tasks' }, ...errors },
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
