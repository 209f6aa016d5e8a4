// Every handler has a time budget. A handler that waits on a workflow (a loan check's decision, an
// action's update) while the database or Temporal is down would otherwise hold the request open
// for as long as the client waits; past the budget the caller gets 503 with Retry-After instead,
// and the work itself carries on (Temporal retries it), so retrying with the same ids is safe.
import type { FastifyInstance, RouteOptions } from 'fastify';

export class HandlerTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms / 1000} s; the request may still complete: retry it with the same ids`);
    this.name = 'HandlerTimeoutError';
  }
}

/** Wraps every route registered after this call so that its handler answers within `ms`. */
export function limitHandlerTime(app: FastifyInstance, ms: number): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const handler = route.handler;
    route.handler = function limited(this: FastifyInstance, request, reply) {
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HandlerTimeoutError(ms)), ms);
        timer.unref();
      });
      const work = Promise.resolve(handler.call(this, request, reply));
      // The handler's late failure, after the 503 went out, is still logged, not unhandled.
      work.catch((error: unknown) => {
        if (reply.sent) request.log.warn({ err: error }, 'handler failed after its time budget');
      });
      return Promise.race([work, budget]).finally(() => clearTimeout(timer));
    };
  });
}
