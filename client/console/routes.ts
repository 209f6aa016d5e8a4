// Every console route, declared once: its method, path, who may use it and whether it is
// CSRF-checked. The console refuses to start with a route that is not in this table
// (client/console/index.ts), the guard reads the roles from it (session.ts), and the console's
// authorization matrix test walks every row with a session of each role — so the table, the
// guard and the test cannot drift apart. Paths are fastify's (`/cases/:id`), outside /v1.
import { ROLES, type Role } from '../api/auth';
// The case pages' roles are the API operations' own: a page lets in exactly who the API would.
import { CASE_OPERATIONS, LAUNCH_ANY } from '../api/routes/case-operations';
import { LICENCE_OPERATIONS } from '../api/routes/licences';
import { EVIDENCE_OPERATIONS } from '../api/routes/evidence';
import { LOAN_CHECK_OPERATIONS } from '../api/routes/loan-checks';
import { NOTICE_OPERATIONS } from '../api/routes/notices';

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

/** The administrator's pages: people and machine API keys. */
export const ADMIN_ROUTES = {
  people: get('/admin/people', ['admin']),
  personCreate: post('/admin/people', ['admin']),
  personRoles: post('/admin/people/:id/roles', ['admin']),
  personPassword: post('/admin/people/:id/password', ['admin']),
  personDisable: post('/admin/people/:id/disable', ['admin']),
  personEnable: post('/admin/people/:id/enable', ['admin']),
  apiKeys: get('/admin/api-keys', ['admin']),
  apiKeyCreate: post('/admin/api-keys', ['admin']),
  apiKeyRevoke: post('/admin/api-keys/:name/revoke', ['admin']),
} as const;

/**
 * The case pages (inbox, case pages, action and launch forms): declared by client/console/pages/,
 * which registers them (registerCasePages).
 */
export const CASE_PAGE_ROUTES = {
  inbox: get('/inbox', ANY_PERSON),
  inboxClaim: post('/inbox/claim', CASE_OPERATIONS.act.roles),
  case: get('/cases/:id', CASE_OPERATIONS.read.roles),
  caseClaim: post('/cases/:id/claim', CASE_OPERATIONS.act.roles),
  caseRelease: post('/cases/:id/release', CASE_OPERATIONS.act.roles),
  caseAct: post('/cases/:id/act', CASE_OPERATIONS.act.roles),
  licenceRevenue: post('/cases/:id/revenue', LICENCE_OPERATIONS.revenue.roles),
  licencePayment: post('/cases/:id/payment', LICENCE_OPERATIONS.payments.roles),
  /** A document for the evidence store (raw bytes from the page's script, CSRF in a header). */
  evidence: post('/evidence', EVIDENCE_OPERATIONS.upload.roles),
  launchChooser: get('/new', LAUNCH_ANY.roles),
  launchForm: get('/new/:kind', LAUNCH_ANY.roles),
  launch: post('/new/:kind', LAUNCH_ANY.roles),
  launchPreview: post('/new/:kind/preview', LAUNCH_ANY.roles),
  loanChecks: get('/loan-checks', LOAN_CHECK_OPERATIONS.list.roles),
  loanCheckForm: get('/loan-checks/new', LOAN_CHECK_OPERATIONS.submit.roles),
  loanCheckSubmit: post('/loan-checks', LOAN_CHECK_OPERATIONS.submit.roles),
  loanCheckPreview: post('/loan-checks/preview', LOAN_CHECK_OPERATIONS.submit.roles),
  loanCheck: get('/loan-checks/:id', LOAN_CHECK_OPERATIONS.read.roles),
} satisfies Record<string, ConsoleRoute>;

/**
 * The notices pages (client/console/pages/notices.ts): a case's notice history (who may read it
 * through the API) and every person's own notice preferences.
 */
export const NOTICE_PAGE_ROUTES = {
  caseNotices: get('/cases/:id/notices', NOTICE_OPERATIONS.caseNotices.roles),
  preferences: get('/notices/preferences', ANY_PERSON),
  preferencesSave: post('/notices/preferences', ANY_PERSON),
} satisfies Record<string, ConsoleRoute>;

/** Every console route. */
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  ...Object.values(FOUNDATION_ROUTES),
  ...Object.values(ADMIN_ROUTES),
  ...Object.values(CASE_PAGE_ROUTES),
  ...Object.values(NOTICE_PAGE_ROUTES),
];

/** The row of a route as fastify names it (method and path), if declared. */
export function declaredRoute(method: string, path: string): ConsoleRoute | undefined {
  return CONSOLE_ROUTES.find((r) => r.method === method && r.path === path);
}
