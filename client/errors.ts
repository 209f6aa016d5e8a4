// The one table from the errors the API and CLI can meet to what they answer: the HTTP status and
// body (`{ error, message }` or `{ error: 'invalid-input', issues }`) and the CLI's exit code
// (2 invalid input, 3 a server unreachable, 1 anything else). Domain code throws its own errors;
// nothing else converts them, so a refusal means the same on the API and the command line.
import { WorkflowNotFoundError } from '@temporalio/client';
import { NoPolicyInForceError } from '../policies/select';
import { CaseConflictError } from './case-conflict';
import { InvalidInputError, type InputIssue } from './issues';
import { ConfigError } from './config';
import { IdempotencyConflictError } from './loan-checks';
import { TemporalUnreachableError } from './temporal';
import { HttpError } from './api/http-error';
import { HandlerTimeoutError } from './api/timeouts';

export type ErrorBody = { error: string; message: string } | { error: string; issues: InputIssue[] };

export interface Problem {
  status: number;
  body: ErrorBody;
  exitCode: 1 | 2 | 3;
  /** How the API logs it: a dependency being down is expected, anything internal is a bug. */
  log?: 'warn' | 'error';
  headers?: Record<string, string>;
}

interface Row {
  /** What the row covers, as the table's test names it. */
  name: string;
  matches(error: unknown): boolean;
  problem(error: Error): Problem;
}

const invalidInput = (issues: InputIssue[]): ErrorBody => ({ error: 'invalid-input', issues });

// gRPC status codes (grpc/status.h) as Temporal answers them.
const GRPC = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  UNAVAILABLE: 14,
} as const;

/**
 * The gRPC status code of a Temporal call's error: on the error itself or on its cause (the
 * client wraps the gRPC error in a ServiceError). Other errors carry string codes (ECONNREFUSED,
 * P1001) or none.
 */
export function grpcCode(error: unknown): number | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'number' && Number.isInteger(e.code) && e.code > 0 && e.code <= 16) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

// Prisma driver-adapter error kinds that mean "the database cannot be reached now".
const DATABASE_DOWN_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/**
 * A database error that says the server cannot serve now, not that the query is wrong: SQLSTATE
 * class 08 (connection exception), 53300 (too many connections), 55000 (not accepting
 * connections), 57P01–57P03 (shutting down, cannot connect now), as the pg adapter reports them.
 */
function isDatabaseDown(error: unknown): boolean {
  const cause = (error as { name?: string; cause?: { kind?: unknown; code?: unknown } })?.cause;
  if ((error as { name?: string })?.name !== 'DriverAdapterError' || !cause) return false;
  if (typeof cause.kind === 'string' && DATABASE_DOWN_KINDS.has(cause.kind)) return true;
  return (
    cause.kind === 'postgres' && typeof cause.code === 'string' && /^(08...|53300|55000|57P0[123])$/.test(cause.code)
  );
}

/** Temporal unreachable, the database refusing connections, or Prisma unable to reach it. */
function isUnavailable(error: unknown): boolean {
  if (isDatabaseDown(error)) return true;
  const e = error as { code?: unknown; name?: string; errorCode?: unknown };
  const code = grpcCode(error);
  if (code !== undefined)
    return code === GRPC.UNAVAILABLE || code === GRPC.DEADLINE_EXCEEDED || code === GRPC.RESOURCE_EXHAUSTED;
  return (
    error instanceof TemporalUnreachableError ||
    // A ServiceError without a gRPC code underneath is a failed connection.
    e?.name === 'ServiceError' ||
    e?.code === 'ECONNREFUSED' ||
    e?.name === 'PrismaClientInitializationError' ||
    e?.code === 'P1001' ||
    e?.code === 'P1017' ||
    e?.errorCode === 'P1001'
  );
}

/** Fastify's own refusals (unparseable JSON, empty body, wrong content type, body too large) carry a 4xx statusCode. */
function fastifyStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

const FASTIFY_CODES: Record<number, string> = {
  400: 'invalid-input',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

// First match wins: HttpError carries a statusCode too, so it comes before fastify's row.
export const ERROR_TABLE: readonly Row[] = [
  {
    name: 'InvalidInputError',
    matches: (e) => e instanceof InvalidInputError,
    problem: (e) => ({ status: 400, body: (e as InvalidInputError).toJSON(), exitCode: 2 }),
  },
  {
    // A bad environment variable: found at start-up, before any server listens (exit 2, naming it).
    name: 'ConfigError',
    matches: (e) => e instanceof ConfigError,
    problem: (e) => ({ status: 500, body: { error: 'configuration', message: e.message }, exitCode: 2 }),
  },
  {
    // No pack is in force on the requested date: the date is the invalid input.
    name: 'NoPolicyInForceError',
    matches: (e) => e instanceof NoPolicyInForceError,
    problem: (e) => ({ status: 400, body: invalidInput([{ path: 'asOf', message: e.message }]), exitCode: 2 }),
  },
  {
    name: 'CaseConflictError',
    matches: (e) => e instanceof CaseConflictError,
    problem: (e) => {
      const { code, message } = e as CaseConflictError;
      return { status: code === 'forbidden' ? 403 : 409, body: { error: code, message }, exitCode: 1 };
    },
  },
  {
    name: 'IdempotencyConflictError',
    matches: (e) => e instanceof IdempotencyConflictError,
    problem: (e) => ({ status: 409, body: { error: 'idempotency-conflict', message: e.message }, exitCode: 1 }),
  },
  {
    name: 'WorkflowNotFoundError',
    matches: (e) => e instanceof WorkflowNotFoundError,
    problem: (e) => ({
      status: 404,
      body: { error: 'not-found', message: `no workflow ${(e as WorkflowNotFoundError).workflowId}` },
      exitCode: 1,
    }),
  },
  {
    name: 'HttpError',
    matches: (e) => e instanceof HttpError,
    problem: (e) => ({
      status: (e as HttpError).statusCode,
      body: { error: (e as HttpError).code, message: e.message },
      exitCode: 1,
    }),
  },
  {
    name: 'fastify 4xx',
    matches: (e) => fastifyStatus(e) !== undefined,
    problem: (e) => {
      const status = fastifyStatus(e)!;
      const code = FASTIFY_CODES[status] ?? 'bad-request';
      return {
        status,
        body:
          code === 'invalid-input'
            ? invalidInput([{ path: '', message: e.message }])
            : { error: code, message: e.message },
        exitCode: 1,
      };
    },
  },
  {
    // Temporal found no such workflow (a describe, query or signal of an id it does not know).
    name: 'Temporal NOT_FOUND',
    matches: (e) => grpcCode(e) === GRPC.NOT_FOUND,
    problem: () => ({ status: 404, body: { error: 'not-found', message: 'no such case or workflow' }, exitCode: 1 }),
  },
  {
    name: 'Temporal ALREADY_EXISTS',
    matches: (e) => grpcCode(e) === GRPC.ALREADY_EXISTS,
    problem: () => ({
      status: 409,
      body: { error: 'case-exists', message: 'a workflow with this id already exists' },
      exitCode: 1,
    }),
  },
  {
    // The workflow is in no state to take this (ended, or an update it rejected before running).
    name: 'Temporal FAILED_PRECONDITION',
    matches: (e) => grpcCode(e) === GRPC.FAILED_PRECONDITION || grpcCode(e) === GRPC.ABORTED,
    problem: () => ({
      status: 409,
      body: { error: 'invalid-state', message: 'the case is in no state to take this now' },
      exitCode: 1,
    }),
  },
  {
    // Temporal refused what was sent (an id or payload it will not take): the request, not the
    // server, is at fault, so it is not "unreachable". Temporal's own words stay in the log.
    name: 'Temporal INVALID_ARGUMENT',
    matches: (e) => grpcCode(e) === GRPC.INVALID_ARGUMENT,
    problem: () => ({
      status: 400,
      body: invalidInput([{ path: '', message: 'Temporal refused the request as invalid (see the server log)' }]),
      exitCode: 2,
      log: 'warn',
    }),
  },
  {
    // A handler outlived its time budget (client/api/timeouts.ts): the work may still finish.
    name: 'HandlerTimeoutError',
    matches: (e) => e instanceof HandlerTimeoutError,
    problem: (e) => ({
      status: 503,
      body: { error: 'timeout', message: e.message },
      exitCode: 3,
      log: 'warn',
      headers: { 'retry-after': '5' },
    }),
  },
  {
    // The body never names the server: internal addresses stay in the log (the CLI prints the
    // error itself, where the operator wants the address).
    name: 'unavailable',
    matches: isUnavailable,
    problem: () => ({
      status: 503,
      body: { error: 'unavailable', message: 'a server transferflow needs is unreachable; retry shortly' },
      exitCode: 3,
      log: 'warn',
      headers: { 'retry-after': '5' },
    }),
  },
];

/** What to answer for any error: its row in the table, else a 500 that names the request to look up in the log. */
export function problemFor(error: unknown, requestId = '-'): Problem {
  const e = error instanceof Error ? error : new Error(String(error));
  const row = ERROR_TABLE.find((r) => r.matches(error));
  if (row) return row.problem(e);
  return {
    status: 500,
    body: { error: 'internal', message: `internal error (request ${requestId}); see the server log` },
    exitCode: 1,
    log: 'error',
  };
}
