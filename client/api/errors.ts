// Every error the API answers with has one JSON shape: { error: <stable code>, message, issues? }.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../issues';
import { IdempotencyConflictError } from '../loan-checks';
import { TemporalUnreachableError } from '../temporal';

export class HttpError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
  }
}

function isUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; name?: string };
  // gRPC UNAVAILABLE (14) from Temporal, connection refusals from the database.
  return error instanceof TemporalUnreachableError || e?.code === 14 || e?.name === 'ServiceError' || e?.code === 'ECONNREFUSED';
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof InvalidInputError) {
    void reply.code(400).send(error.toJSON());
    return;
  }
  if (error instanceof HttpError) {
    void reply.code(error.statusCode).send({ error: error.code, message: error.message });
    return;
  }
  if (error instanceof IdempotencyConflictError) {
    void reply.code(409).send({ error: 'idempotency-conflict', message: error.message });
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    // Fastify's own refusals: unparseable JSON, empty body, wrong content type, body too large.
    const code = status === 415 ? 'unsupported-media-type' : status === 413 ? 'payload-too-large' : status === 400 ? 'invalid-input' : 'bad-request';
    const body = code === 'invalid-input' ? { error: code, issues: [{ path: '', message: error.message }] } : { error: code, message: error.message };
    void reply.code(status).send(body);
    return;
  }
  if (isUnavailable(error)) {
    request.log.warn({ err: error }, 'dependency unavailable');
    void reply.code(503).header('retry-after', '5').send({ error: 'unavailable', message: `a server transferflow needs is unreachable: ${error.message}` });
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.code(500).send({ error: 'internal', message: `internal error (request ${request.id}); see the server log` });
}
