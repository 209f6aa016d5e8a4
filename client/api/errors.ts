// The API's error handler: every error becomes the status and body its row of the shared table
// (client/errors.ts) names, so no route maps errors itself.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemFor } from '../errors';

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const problem = problemFor(error, String(request.id));
  if (problem.log === 'warn') request.log.warn({ err: error }, 'dependency unavailable');
  if (problem.log === 'error') request.log.error({ err: error }, 'unhandled error');
  void reply
    .code(problem.status)
    .headers(problem.headers ?? {})
    .send(problem.body);
}
