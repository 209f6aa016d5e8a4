// The console's session seam. Every console request carries `request.console`: the signed-in
// person and the role they act in (a Caller, the same as an API key's, so decisions reach the
// workflows through the same client functions and are recorded alike), or null. The guard reads
// each route's row of the route table (routes.ts): a page that needs a person redirects to the
// login page, a wrong active role gets the 403 page, and every non-GET route is CSRF-checked
// before its handler runs.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller, Role } from '../api/auth';
import { callerOf, type ConsolePerson } from '../people/person';
import { setCookie } from './cookies';
import { html, type Html } from './html';
import { DEFAULT_LANG, isLang, type Lang } from './i18n';
import type { ConsoleRoute } from './routes';

export interface ConsoleView {
  person: ConsolePerson;
  /** The ACTIVE role, as a Caller: id = the person's login. */
  caller: Caller;
  lang: Lang;
  csrfToken: string;
  /** Training mode only: the training clock's time, shown in the banner every page carries. */
  training?: TrainingBanner;
}

/** What the training banner shows (client/console/training.ts). */
export interface TrainingBanner {
  now: Date;
  /** Where the skip form sends the person back to. */
  back: string;
}

/** A request nobody is signed in on: its language and the CSRF token of its forms (login, language). */
export interface AnonymousView {
  person: null;
  lang: Lang;
  csrfToken: string;
  training?: TrainingBanner;
}

declare module 'fastify' {
  interface FastifyRequest {
    console: ConsoleView | null;
    /** Set for every console request: the language and anonymous CSRF token when nobody is signed in. */
    consoleAnonymous: AnonymousView;
    /** The request's cookies (client/console/cookies.ts). */
    cookies: Record<string, string>;
  }
  interface FastifyContextConfig {
    consoleRoute?: ConsoleRoute;
  }
}

export const SESSION_COOKIE = 'tf_session';
export const LANG_COOKIE = 'tf_lang';
/** The double-submit token of forms sent before sign-in (login, language). */
export const ANON_CSRF_COOKIE = 'tf_csrf';

/** The view of a person acting in `role` (their first role if they do not hold it). */
export function viewOf(person: ConsolePerson, role: Role, csrfToken: string): ConsoleView {
  const caller = callerOf(person, role) ?? callerOf(person, person.roles[0].role)!;
  return { person, caller, lang: person.language, csrfToken };
}

/** Sent to the login page (a GET) or refused: thrown by requirePerson, answered by the console's error handler. */
export class ConsoleSignInRequired extends Error {
  constructor(readonly next: string) {
    super('sign in first');
    this.name = 'ConsoleSignInRequired';
  }
}

export class ConsoleForbidden extends Error {
  constructor(
    readonly reason: 'role' | 'csrf',
    readonly role?: Role,
    readonly allowed?: readonly Role[],
  ) {
    super(reason === 'csrf' ? 'CSRF token missing or wrong' : `role ${role} may not use this page`);
    this.name = 'ConsoleForbidden';
  }
}

/**
 * The signed-in person's view, if their active role is one of `roles` (any role when omitted).
 * Nobody signed in: ConsoleSignInRequired (→ 303 to /login?next=…). Wrong role: ConsoleForbidden (→ 403 page).
 */
export function requirePerson(request: FastifyRequest, roles?: readonly Role[]): ConsoleView {
  const view = request.console;
  if (!view) throw new ConsoleSignInRequired(request.method === 'GET' ? request.url : '/');
  if (roles && !roles.includes(view.caller.role)) throw new ConsoleForbidden('role', view.caller.role, roles);
  return view;
}

/** The hidden field every console form carries. */
export function csrfField(view: { csrfToken: string }): Html {
  return html`<input type="hidden" name="_csrf" value="${view.csrfToken}" />`;
}

/** The view a page renders with: the person's, or the anonymous one. */
export function viewFor(request: FastifyRequest): ConsoleView | AnonymousView {
  return request.console ?? request.consoleAnonymous;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a request presents: the form's `_csrf` field, or the X-CSRF-Token header (scripts' uploads). */
function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | null | undefined;
  const field = body && typeof body === 'object' ? body._csrf : undefined;
  return typeof field === 'string' ? field : undefined;
}

/**
 * Before each handler: the route's roles (its row), then its CSRF check. Signed in, the token is
 * the session's; not signed in (the login form), the one in the anonymous cookie (double submit).
 */
export function guard(request: FastifyRequest): void {
  const row = request.routeOptions.config.consoleRoute;
  if (!row) throw new Error(`console route ${request.method} ${request.routeOptions.url} is not in the route table`);
  if (row.roles !== 'public') requirePerson(request, row.roles);
  if (
    row.csrf &&
    !(row.csrfInFirstPart && request.isMultipart?.()) &&
    !sameToken(presentedToken(request), viewFor(request).csrfToken)
  )
    throw new ConsoleForbidden('csrf');
}

/** A multipart form's token (its first part), held to the session's as the guard holds a form's. */
export function requireCsrfToken(request: FastifyRequest, presented: unknown): void {
  if (typeof presented !== 'string' || !sameToken(presented, viewFor(request).csrfToken))
    throw new ConsoleForbidden('csrf');
}

/** The anonymous view: language from its cookie, CSRF token from its cookie (made and set if absent). */
export function anonymousView(request: FastifyRequest, reply: FastifyReply, secure: boolean): AnonymousView {
  const lang = request.cookies[LANG_COOKIE];
  let token = request.cookies[ANON_CSRF_COOKIE];
  if (!token || !/^[\w-]{32}$/.test(token)) {
    token = randomBytes(24).toString('base64url');
    setCookie(reply, ANON_CSRF_COOKIE, token, { secure });
  }
  return { person: null, lang: isLang(lang) ? lang : DEFAULT_LANG, csrfToken: token };
}
