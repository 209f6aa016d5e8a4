// How a console route is registered: by its row of the route table, so the guard (session.ts)
// finds the row's roles and CSRF rule on the request, and an undeclared route cannot exist.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { InvalidInputError, zodIssues } from '../issues';
import type { Html } from './html';
import type { ConsoleRoute } from './routes';

export type ConsoleHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<Html | void>;

/** Registers `handler` for the route `row`; a returned Html is sent as the page (200 unless the reply's code was set). */
export function serve(scope: FastifyInstance, row: ConsoleRoute, handler: ConsoleHandler): void {
  scope.route({
    method: row.method,
    url: row.path,
    config: { consoleRoute: row },
    handler: async (request, reply) => {
      const result = await handler(request, reply);
      if (result !== undefined) return reply.type('text/html; charset=utf-8').send(result.text);
      return reply;
    },
  });
}

/** A page with a status of its own (a refused form, a record made): what serve() sends, with the code set. */
export async function sendPage(reply: FastifyReply, status: number, body: Html | Promise<Html>): Promise<void> {
  void reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send((await body).text);
}

/** A 303 to a path of this site only: a `next` from a query string must never send a person elsewhere. */
export function redirectLocal(reply: FastifyReply, target: unknown, fallback = '/'): FastifyReply {
  const safe = typeof target === 'string' && /^\/(?![/\\])/.test(target) ? target : fallback;
  return reply.code(303).header('location', safe).send();
}

/** A form's fields through its schema; bad input is the shared InvalidInputError (400, each field's issue). */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new InvalidInputError(zodIssues(result.error));
  return result.data;
}
