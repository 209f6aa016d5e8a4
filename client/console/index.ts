// The console: HTML pages for people, served by the API's process on the same origin, outside
// /v1. Its routes live in their own fastify scope, so the session hook, the form parser, the
// CSRF guard and the HTML error pages apply to them alone, and the API's key hook skips them
// (client/api/authenticate.ts). Every route is a row of the route table (routes.ts): a route
// registered without one stops the console from starting.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiContext } from '../api/context';
import { roleGrantSchema } from '../people/people';
import { config } from '../config';
import { People } from '../people/people';
import { SessionStore } from '../people/sessions';
import { DEFAULT_THROTTLE, LoginThrottle } from '../people/throttle';
import type { ConsoleContext } from './context';
import { apiKeyRoutes } from './admin/api-keys-page';
import { peopleRoutes } from './admin/people-page';
import { assetRoutes } from './assets';
import { readCookies } from './cookies';
import { consoleErrorHandler } from './error-page';
import { homeRoutes } from './home';
import { registerCasePages } from './pages';
import { registerAuditPages } from './audit';
import { registerPolicyPages } from './policies';
import { registerDocuments } from './documents';
import { declaredRoute, FOUNDATION_ROUTES } from './routes';
import { anonymousView, guard, SESSION_COOKIE, viewOf } from './session';
import { signInRoutes, startSession } from './sign-in';
import { oidcLogin, type OidcSettings } from './oidc';
import { trainingRoutes } from './training';
import { reportRoutes } from './reports/pages';

export interface ConsoleOptions {
  /** A session unused this long ends (default from TRANSFERFLOW_SESSION_IDLE_MINUTES). */
  idleMs: number;
  /** A session ends this long after sign-in (default from TRANSFERFLOW_SESSION_MAX_HOURS). */
  absoluteMs: number;
  /** The console's public URL: https means Secure cookies. */
  publicUrl?: string;
  /** The clock of sessions and throttling (tests move it). */
  now?: () => Date;
  /** Single sign-on, when a provider is configured. */
  oidc?: OidcSettings;
}

export function consoleOptionsFromConfig(): ConsoleOptions {
  const cfg = config();
  const c = cfg.console;
  const publicUrl = c.publicUrl ?? `http://${cfg.api.host}:${cfg.api.port}`;
  return {
    idleMs: c.idleMinutes * 60_000,
    absoluteMs: c.maxHours * 3_600_000,
    publicUrl: c.publicUrl,
    oidc: c.oidc && {
      issuer: c.oidc.issuer,
      clientId: c.oidc.clientId,
      clientSecret: c.oidc.clientSecret,
      redirectUri: `${publicUrl}${FOUNDATION_ROUTES.oidcCallback.path}`,
      groupRoles: groupRolesSchema.parse(JSON.parse(c.oidc.groupRoles)),
      groupsClaim: c.oidc.groupsClaim,
    },
  };
}

/** TRANSFERFLOW_OIDC_GROUP_ROLES: each group's roles, held to the rules of roles typed on the admin page. */
const groupRolesSchema = z.record(z.string(), z.array(roleGrantSchema));

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** Form fields: a field sent twice (checkboxes of a bulk action) becomes an array. */
function parseForm(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const had = fields[k];
    fields[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return fields;
}

export function registerConsole(app: FastifyInstance, api: ApiContext, options: ConsoleOptions): void {
  const now = options.now ?? (() => new Date());
  const ctx: ConsoleContext = {
    ...api,
    people: new People(api.prisma),
    sessions: new SessionStore(api.prisma, { idleMs: options.idleMs, absoluteMs: options.absoluteMs, now }),
    throttle: new LoginThrottle(api.prisma, { ...DEFAULT_THROTTLE, now }),
    secureCookies: options.publicUrl?.startsWith('https:') ?? false,
  };
  if (options.oidc)
    ctx.oidc = oidcLogin(options.oidc, {
      prisma: api.prisma,
      secureCookies: ctx.secureCookies,
      startSession: (reply, person, next) => startSession(ctx, reply, person, next),
    });

  void app.register(async (scope) => assetRoutes(scope));

  void app.register(async (scope) => {
    scope.decorateRequest('cookies', null as never);
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, parseForm(body as string)),
    );
    scope.decorateRequest('console', null);
    scope.decorateRequest('consoleAnonymous', null as never);
    scope.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method === 'HEAD') continue;
        const row = declaredRoute(method, route.url);
        if (!row || route.config?.consoleRoute !== row)
          throw new Error(
            `console route ${method} ${route.url} must be declared in client/console/routes.ts and registered with serve()`,
          );
      }
    });
    scope.addHook('onRequest', async (request, reply) => {
      request.cookies = readCookies(request);
      const secure = ctx.secureCookies || request.protocol === 'https';
      request.consoleAnonymous = anonymousView(request, reply, secure);
      const found = await ctx.sessions.find(request.cookies[SESSION_COOKIE]);
      request.console = found && viewOf(found.person, found.activeRole, found.csrfToken);
      if (ctx.training) {
        // Training mode: every page carries the banner with the training clock's time.
        // The skip form returns to this page; a page answering a POST (a refused form) has no GET to return to.
        const back = request.method === 'GET' ? request.url : FOUNDATION_ROUTES.home.path;
        const training = { now: await ctx.training.now(), back };
        request.consoleAnonymous.training = training;
        if (request.console) request.console.training = training;
      }
      void reply
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .header('cache-control', 'no-store');
    });
    scope.addHook('preHandler', async (request) => guard(request));
    scope.setErrorHandler(consoleErrorHandler);
    signInRoutes(scope, ctx);
    homeRoutes(scope, ctx);
    peopleRoutes(scope, ctx);
    apiKeyRoutes(scope, ctx);
    registerCasePages(scope, ctx);
    registerAuditPages(scope, ctx);
    registerPolicyPages(scope, ctx);
    registerDocuments(scope, ctx);
    trainingRoutes(scope, ctx);
    reportRoutes(scope, ctx);
  });
}
