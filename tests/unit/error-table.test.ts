// The one error table (client/errors.ts): each row's HTTP status, body and CLI exit code, exactly
// as the API and CLI answered before the table existed (the contract checks these bodies).
import { WorkflowNotFoundError } from '@temporalio/client';
import { ERROR_TABLE, problemFor, type Problem } from '../../client/errors';
import { InvalidInputError } from '../../client/issues';
import { NoPolicyInForceError } from '../../policies/select';
import { CaseConflictError } from '../../client/case-conflict';
import { IdempotencyConflictError } from '../../client/loan-checks';
import { HttpError } from '../../client/api/http-error';
import { TemporalUnreachableError } from '../../client/temporal';
import { ConfigError } from '../../client/config';
import { HandlerTimeoutError } from '../../client/api/timeouts';

const fastifyError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });
const grpc = (code: number | string, name = 'Error') => Object.assign(new Error('connect failed'), { code, name });
/** As the Temporal client throws it: a ServiceError whose cause is the gRPC error, which names an internal address. */
const wrapped = (code: number) =>
  Object.assign(new Error('Unexpected error while making gRPC request'), {
    name: 'ServiceError',
    cause: Object.assign(new Error(`${code} SOMETHING: connect 10.1.2.3:7233`), { code }),
  });

// [row name, error, expected answer]; every row of the table appears at least once.
const CASES: Array<[string, unknown, Partial<Problem>]> = [
  [
    'InvalidInputError',
    new InvalidInputError([{ path: 'deal.transactionPriceCny', message: 'too small' }]),
    {
      status: 400,
      exitCode: 2,
      body: { error: 'invalid-input', issues: [{ path: 'deal.transactionPriceCny', message: 'too small' }] },
    },
  ],
  [
    'ConfigError',
    new ConfigError([{ variable: 'PORT', message: 'expected an integer 0–65535, got "abc"' }]),
    { status: 500, exitCode: 2, body: { error: 'configuration', message: expect.stringContaining('PORT') } },
  ],
  [
    'NoPolicyInForceError',
    new NoPolicyInForceError('ma-loan', '2015-02-09'),
    {
      status: 400,
      exitCode: 2,
      body: {
        error: 'invalid-input',
        issues: [{ path: 'asOf', message: new NoPolicyInForceError('ma-loan', '2015-02-09').message }],
      },
    },
  ],
  [
    'CaseConflictError',
    new CaseConflictError('case x exists', 'case-exists'),
    { status: 409, exitCode: 1, body: { error: 'case-exists', message: 'case x exists' } },
  ],
  [
    'CaseConflictError',
    new CaseConflictError('not now', 'invalid-state'),
    { status: 409, exitCode: 1, body: { error: 'invalid-state', message: 'not now' } },
  ],
  [
    'CaseConflictError',
    new CaseConflictError('not you', 'forbidden'),
    { status: 403, exitCode: 1, body: { error: 'forbidden', message: 'not you' } },
  ],
  [
    'IdempotencyConflictError',
    new IdempotencyConflictError('ma-loan/b/r'),
    {
      status: 409,
      exitCode: 1,
      body: { error: 'idempotency-conflict', message: new IdempotencyConflictError('ma-loan/b/r').message },
    },
  ],
  [
    'WorkflowNotFoundError',
    new WorkflowNotFoundError('Workflow not found', 'ma-loan/b/none', undefined),
    { status: 404, exitCode: 1, body: { error: 'not-found', message: 'no workflow ma-loan/b/none' } },
  ],
  [
    'HttpError',
    new HttpError(401, 'unauthenticated', 'missing key'),
    { status: 401, exitCode: 1, body: { error: 'unauthenticated', message: 'missing key' } },
  ],
  [
    'HttpError',
    new HttpError(415, 'unsupported-media-type', 'send the document'),
    { status: 415, exitCode: 1, body: { error: 'unsupported-media-type', message: 'send the document' } },
  ],
  [
    'fastify 4xx',
    fastifyError(400, 'Unexpected end of JSON input'),
    {
      status: 400,
      exitCode: 1,
      body: { error: 'invalid-input', issues: [{ path: '', message: 'Unexpected end of JSON input' }] },
    },
  ],
  [
    'fastify 4xx',
    fastifyError(413, 'Request body is too large'),
    { status: 413, body: { error: 'payload-too-large', message: 'Request body is too large' } },
  ],
  [
    'fastify 4xx',
    fastifyError(415, 'Unsupported Media Type'),
    { status: 415, body: { error: 'unsupported-media-type', message: 'Unsupported Media Type' } },
  ],
  [
    'fastify 4xx',
    fastifyError(405, 'Method not allowed'),
    { status: 405, body: { error: 'bad-request', message: 'Method not allowed' } },
  ],
  [
    'unavailable',
    new TemporalUnreachableError('127.0.0.1:1', new Error('refused')),
    { status: 503, exitCode: 3, log: 'warn', headers: { 'retry-after': '5' } },
  ],
  [
    'unavailable',
    grpc(14),
    {
      status: 503,
      exitCode: 3,
      body: { error: 'unavailable', message: 'a server transferflow needs is unreachable; retry shortly' },
    },
  ],
  [
    'unavailable',
    Object.assign(new Error('Failed to connect'), { name: 'ServiceError' }),
    { status: 503, exitCode: 3 },
  ],
  ['unavailable', grpc('ECONNREFUSED'), { status: 503, exitCode: 3 }],
  ['unavailable', grpc('P1001', 'PrismaClientKnownRequestError'), { status: 503, exitCode: 3 }],
  // The pg adapter's error for a database that refuses connections (the fault tests' outage).
  [
    'unavailable',
    Object.assign(new Error('database "x" is not currently accepting connections'), {
      name: 'DriverAdapterError',
      cause: { kind: 'postgres', code: '55000', message: 'not accepting connections' },
    }),
    { status: 503, exitCode: 3 },
  ],
  [
    'unavailable',
    Object.assign(new Error('unreachable'), { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } }),
    { status: 503, exitCode: 3 },
  ],
  // The client wraps the gRPC error: the code is found on the cause.
  ['unavailable', wrapped(4), { status: 503, exitCode: 3 }],
  [
    'Temporal NOT_FOUND',
    wrapped(5),
    { status: 404, exitCode: 1, body: expect.objectContaining({ error: 'not-found' }) },
  ],
  [
    'Temporal ALREADY_EXISTS',
    wrapped(6),
    { status: 409, exitCode: 1, body: expect.objectContaining({ error: 'case-exists' }) },
  ],
  [
    'Temporal FAILED_PRECONDITION',
    wrapped(9),
    { status: 409, exitCode: 1, body: expect.objectContaining({ error: 'invalid-state' }) },
  ],
  ['Temporal INVALID_ARGUMENT', wrapped(3), { status: 400, exitCode: 2, log: 'warn' }],
  [
    'HandlerTimeoutError',
    new HandlerTimeoutError(30_000),
    { status: 503, exitCode: 3, body: expect.objectContaining({ error: 'timeout' }), headers: { 'retry-after': '5' } },
  ],
];

test.each(CASES)('%s: %p', (_row, error, expected) => {
  expect(problemFor(error)).toMatchObject(expected);
});

test('every row of the table is tested, each by the row it is meant for', () => {
  expect(new Set(CASES.map(([row]) => row))).toEqual(new Set(ERROR_TABLE.map((r) => r.name)));
  for (const [row, error] of CASES) expect(ERROR_TABLE.find((r) => r.matches(error))?.name).toBe(row);
});

test('anything else is a 500 that names the request, exit 1, logged as an error', () => {
  expect(problemFor(new TypeError('x is undefined'), 'req-7')).toEqual({
    status: 500,
    exitCode: 1,
    log: 'error',
    body: { error: 'internal', message: 'internal error (request req-7); see the server log' },
  });
});

test('no answer body echoes an internal address from a Temporal or database error', () => {
  for (const code of [3, 4, 5, 6, 9, 14])
    expect(JSON.stringify(problemFor(wrapped(code)).body)).not.toMatch(/10\.1\.2\.3/);
  expect(
    JSON.stringify(problemFor(new TemporalUnreachableError('10.1.2.3:7233', new Error('refused'))).body),
  ).not.toMatch(/10\.1\.2\.3/);
});

test('a database error about the query, not the connection, stays an internal error', () => {
  const unique = Object.assign(new Error('duplicate key'), {
    name: 'DriverAdapterError',
    cause: { kind: 'postgres', code: '23505' },
  });
  expect(problemFor(unique).status).toBe(500);
});
