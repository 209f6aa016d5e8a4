// The API's error handler: every error becomes the status and body its row of the shared table
// (client/errors.ts) names, so no route maps errors itself.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemFor } from '../errors';

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const problem = problemFor(error, String(request.id));
  // Every 5xx is logged with its cause; a warn row (a dependency down, a refusal by Temporal) too.
  if (problem.log === 'error' || (problem.status >= 500 && problem.log !== 'warn'))
    request.log.error({ err: error, status: problem.status }, 'request failed');
  else if (problem.log === 'warn') request.log.warn({ err: error, status: problem.status }, 'request refused');
  // The request id in the body, so a caller can quote it and an operator find its log lines.
  void reply
    .code(problem.status)
    .headers(problem.headers ?? {})
    .send({ ...problem.body, reqId: String(request.id) });
}
