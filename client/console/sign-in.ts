// Signing in with a login and password, signing out, switching the active role and the language.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES, type Role } from '../api/auth';
import { verifyPassword } from '../people/passwords';
import { HttpError } from '../api/http-error';
import type { ConsoleContext } from './context';
import { clearCookie, setCookie } from './cookies';
import { html, type Html } from './html';
import { formatDateTime, LANGS, t } from './i18n';
import { page } from './layout';
import { landingFor } from './nav';
import { FOUNDATION_ROUTES as R } from './routes';
import { parseForm, redirectLocal, sendPage, serve } from './serve';
import { ConsoleForbidden, csrfField, LANG_COOKIE, SESSION_COOKIE, type AnonymousView } from './session';

/** A digest no password matches, checked when the login is unknown so timing does not tell. */
const NO_ONE = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const loginForm = z.object({
  login: z.string().max(200).default(''),
  password: z.string().max(200).default(''),
  next: z.string().max(2000).optional(),
  _csrf: z.string().optional(),
});

function loginPage(
  ctx: ConsoleContext,
  view: AnonymousView,
  { login = '', next = '', error }: { login?: string; next?: string; error?: string },
): Html {
  const { lang } = view;
  const sso = ctx.oidc
    ? html`<p>
          <a class="button" href="${R.oidcStart.path}${next ? `?next=${encodeURIComponent(next)}` : ''}"
            >${t(lang, 'login.sso')}</a
          >
        </p>
        <p>${t(lang, 'login.or')}</p>`
    : '';
  return page(view, {
    title: t(lang, 'login.title'),
    body: html`${error ? html`<p class="error" role="alert" id="login-error">${error}</p>` : ''} ${sso}
      <form method="post" action="${R.loginSubmit.path}" class="stack">
        ${csrfField(view)}
        <input type="hidden" name="next" value="${next}" />
        <label for="login">${t(lang, 'login.login')}</label>
        <input
          id="login"
          name="login"
          autocomplete="username"
          required
          value="${login}"
          ${error ? html`aria-describedby="login-error"` : ''}
        />
        <label for="password">${t(lang, 'login.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">${t(lang, 'login.submit')}</button>
      </form>`,
  });
}

/** Signs a person in: a new session (a new id: never one chosen before sign-in), its cookie, and off to `next`. */
export async function startSession(
  ctx: ConsoleContext,
  reply: FastifyReply,
  person: { userId: string; roles: { role: string }[] },
  next: unknown,
): Promise<FastifyReply> {
  const role = person.roles[0].role as Role;
  const id = await ctx.sessions.open(person.userId, role);
  setCookie(reply, SESSION_COOKIE, id, {
    secure: ctx.secureCookies,
    maxAge: Math.floor(ctx.sessions.policy.absoluteMs / 1000),
  });
  // A person sent to sign in from the front door ('/', or nowhere in particular) lands on what waits for them.
  return redirectLocal(reply, next === R.home.path ? landingFor(role) : next, landingFor(role));
}

export function signInRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  serve(scope, R.login, async (request, reply) => {
    if (request.console) {
      const landing = landingFor(request.console.caller.role as Role);
      const { next } = request.query as { next?: string };
      return void redirectLocal(reply, next === R.home.path ? landing : next, landing);
    }
    const { next, expired } = request.query as { next?: string; expired?: string };
    const view = request.consoleAnonymous;
    return loginPage(ctx, view, { next, error: expired ? t(view.lang, 'login.expired') : undefined });
  });

  serve(scope, R.loginSubmit, async (request, reply) => {
    const view = request.consoleAnonymous;
    const form = parseForm(loginForm, request.body);
    const { lang } = view;
    const again = (status: number, error: string) =>
      sendPage(reply, status, loginPage(ctx, view, { login: form.login, next: form.next, error }));
    const locked = await ctx.throttle.lockedUntil([`login:${form.login.trim().toLowerCase()}`, `ip:${request.ip}`]);
    if (locked) return again(429, t(lang, 'login.locked', { time: formatDateTime(lang, locked) }));
    const found = form.login ? await ctx.people.forSignIn(form.login) : null;
    const ok = await verifyPassword(form.password, found?.passwordHash ?? NO_ONE);
    if (!found || !ok || found.person.disabled) {
      await ctx.throttle.failed(form.login, request.ip);
      return again(401, t(lang, 'login.failed'));
    }
    await ctx.throttle.succeeded(form.login);
    if (found.person.roles.length === 0) return again(403, t(lang, 'login.noRoles'));
    await startSession(ctx, reply, found.person, form.next);
  });

  // Single sign-on: only when a provider is configured (client/console/oidc.ts).
  const noSso = () => new HttpError(404, 'not-found', 'single sign-on is not configured');
  serve(scope, R.oidcStart, async (request, reply) => {
    if (!ctx.oidc) throw noSso();
    await ctx.oidc.start(request, reply);
  });
  serve(scope, R.oidcCallback, async (request, reply) => {
    if (!ctx.oidc) throw noSso();
    await ctx.oidc.callback(request, reply);
  });

  serve(scope, R.logout, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await ctx.sessions.close(cookie);
    clearCookie(reply, SESSION_COOKIE, ctx.secureCookies);
    return void redirectLocal(reply, R.login.path);
  });

  serve(scope, R.switchRole, async (request, reply) => {
    const view = request.console!;
    const { role } = parseForm(z.object({ role: z.enum(ROLES) }).passthrough(), request.body);
    // Only a role the person holds; any other is refused as a wrong role would be.
    const held = view.person.roles.map((g) => g.role);
    if (!held.includes(role)) throw new ConsoleForbidden('role', role, held);
    await ctx.sessions.switchRole(request.cookies[SESSION_COOKIE]!, role);
    return void redirectLocal(reply, landingFor(role));
  });

  serve(scope, R.switchLanguage, async (request, reply) => {
    const { lang } = parseForm(z.object({ lang: z.enum(LANGS) }).passthrough(), request.body);
    setCookie(reply, LANG_COOKIE, lang, { secure: ctx.secureCookies, maxAge: 365 * 86400 });
    if (request.console) await ctx.people.setLanguage(request.console.person.userId, lang);
    return void redirectLocal(reply, backTo(request));
  });
}

/** The page a form was sent from (same site only), to return to after a switch. */
function backTo(request: FastifyRequest): string {
  const referer = request.headers.referer;
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.host === request.headers.host ? url.pathname + url.search : '/';
  } catch {
    return '/';
  }
}
