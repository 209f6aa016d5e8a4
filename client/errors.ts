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

/** gRPC UNAVAILABLE (14) from Temporal, connection refusals from the database. */
function isUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; name?: string };
  return (
    error instanceof TemporalUnreachableError ||
    e?.code === 14 ||
    e?.name === 'ServiceError' ||
    e?.code === 'ECONNREFUSED'
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
    name: 'unavailable',
    matches: isUnavailable,
    problem: (e) => ({
      status: 503,
      body: { error: 'unavailable', message: `a server transferflow needs is unreachable: ${e.message}` },
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
