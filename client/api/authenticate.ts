// Authentication before the body: an onRequest hook refuses a request without a known key before
// fastify reads a byte of its body, so an outsider cannot make the API buffer uploads. Which
// roles may call an operation is still the handler's requireRole (the operation's `roles`); this
// hook only asks "is this anyone at all?", except on the routes every operation list calls public.
import type { FastifyInstance } from 'fastify';
import { presentedKey } from './auth';
import type { ApiContext } from './context';
import { HttpError } from './http-error';
import { OPERATIONS } from './operations';

/**
 * Routes that need no API key, as fastify names them (`/v1/cases/:id`): the public operations, the
 * document itself, and the scrape-token operations (their handler checks the token instead).
 */
function publicRoutes(): Set<string> {
  const routes = new Set(['GET /v1/openapi.json']);
  for (const op of OPERATIONS)
    if (op.roles === 'public' || op.roles === 'scrape-token')
      routes.add(`${op.method.toUpperCase()} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`);
  return routes;
}

export function authenticateFirst(app: FastifyInstance, ctx: ApiContext): void {
  const open = publicRoutes();
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (route !== undefined && open.has(`${method} ${route}`)) return;
    if (!ctx.keys.authenticate(presentedKey(request.headers)))
      throw new HttpError(401, 'unauthenticated', 'missing or unknown API key: send "Authorization: Bearer <key>"');
  });
}
