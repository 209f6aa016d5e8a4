// Every console route, declared once: its method, path, who may use it and whether it is
// CSRF-checked. The console refuses to start with a route that is not in this table
// (client/console/index.ts), the guard reads the roles from it (session.ts), and the console's
// authorization matrix test walks every row with a session of each role — so the table, the
// guard and the test cannot drift apart. Paths are fastify's (`/cases/:id`), outside /v1.
import { ROLES, type Role } from '../api/auth';

export interface ConsoleRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Who may use it: 'public' needs no session; otherwise the ACTIVE role must be one of these. */
  roles: readonly Role[] | 'public';
  /** Non-GET routes are CSRF-checked; the table says so explicitly, and the test holds it. */
  csrf: boolean;
}

/** Any signed-in person, whatever role they act in. */
export const ANY_PERSON: readonly Role[] = ROLES;

const get = (path: string, roles: ConsoleRoute['roles']): ConsoleRoute => ({ method: 'GET', path, roles, csrf: false });
const post = (path: string, roles: ConsoleRoute['roles']): ConsoleRoute => ({
  method: 'POST',
  path,
  roles,
  csrf: true,
});

/** Signing in and out, the frame's own forms (role and language switch), the home page. */
export const FOUNDATION_ROUTES = {
  home: get('/', ANY_PERSON),
  login: get('/login', 'public'),
  loginSubmit: post('/login', 'public'),
  logout: post('/logout', ANY_PERSON),
  switchRole: post('/role', ANY_PERSON),
  switchLanguage: post('/language', 'public'),
  oidcStart: get('/login/oidc', 'public'),
  oidcCallback: get('/login/oidc/callback', 'public'),
  /** The stylesheet and script (client/console/assets/): no session needed. */
  assets: get('/assets/:file', 'public'),
} as const;

/**
 * The case pages (inbox, case pages, action and launch forms): declared by client/console/pages/,
 * which registers them (registerCasePages).
 */
export const CASE_PAGE_ROUTES: Record<string, ConsoleRoute> = {};

/** Every console route. */
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  ...Object.values(FOUNDATION_ROUTES),
  ...Object.values(CASE_PAGE_ROUTES),
];

/** The row of a route as fastify names it (method and path), if declared. */
export function declaredRoute(method: string, path: string): ConsoleRoute | undefined {
  return CONSOLE_ROUTES.find((r) => r.method === method && r.path === path);
}
