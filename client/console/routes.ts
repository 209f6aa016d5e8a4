// Every console route, declared once: its method, path, who may use it and whether it is
// CSRF-checked. The console refuses to start with a route that is not in this table
// (client/console/index.ts), the guard reads the roles from it (session.ts), and the console's
// authorization matrix test walks every row with a session of each role — so the table, the
// guard and the test cannot drift apart. Paths are fastify's (`/cases/:id`), outside /v1.
import { ROLES, type Role } from '../api/auth';
// The case pages' roles are the API operations' own: a page lets in exactly who the API would.
import { CASE_OPERATIONS, LAUNCH_ANY, LAUNCH_OPERATIONS } from '../api/routes/case-operations';
import { LICENCE_OPERATIONS } from '../api/routes/licences';
import { EVIDENCE_OPERATIONS } from '../api/routes/evidence';
import { LOAN_CHECK_OPERATIONS } from '../api/routes/loan-checks';
import { AUDIT_OPERATIONS } from '../api/routes/audit';
import { POLICY_OPERATIONS } from '../api/routes/policies';
import { NOTICE_OPERATIONS } from '../api/routes/notices';

export interface ConsoleRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Who may use it: 'public' needs no session; otherwise the ACTIVE role must be one of these. */
  roles: readonly Role[] | 'public';
  /** Non-GET routes are CSRF-checked; the table says so explicitly, and the test holds it. */
  csrf: boolean;
  /**
   * A multipart form's token is its first part, checked by the handler before any file is read
   * (client/console/pages/evidence-form.ts); the guard cannot see an unread body.
   */
  csrfInFirstPart?: true;
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
 * The auditor's pages (client/console/audit/): read-only. The verify and check forms are POSTs (with
 * CSRF) because they run work, but they write nothing. Roles are the audit API's own.
 */
export const AUDIT_PAGE_ROUTES = {
  audit: get('/audit', AUDIT_OPERATIONS.export.roles),
  auditCase: get('/audit/cases/:id', AUDIT_OPERATIONS.export.roles),
  auditCaseVerify: post('/audit/cases/:id/verify', AUDIT_OPERATIONS.export.roles),
  auditCaseBundle: get('/audit/cases/:id/bundle', AUDIT_OPERATIONS.export.roles),
  auditLoanCheck: get('/audit/loan-checks/:id', AUDIT_OPERATIONS.export.roles),
  auditLoanCheckVerify: post('/audit/loan-checks/:id/verify', AUDIT_OPERATIONS.export.roles),
  auditLoanCheckBundle: get('/audit/loan-checks/:id/bundle', AUDIT_OPERATIONS.export.roles),
  auditVerifyForm: get('/audit/verify', AUDIT_OPERATIONS.export.roles),
  auditVerify: post('/audit/verify', AUDIT_OPERATIONS.export.roles),
  auditHeads: get('/audit/heads', AUDIT_OPERATIONS.heads.roles),
  auditHeadsCheck: post('/audit/heads/check', AUDIT_OPERATIONS.chain.roles),
} satisfies Record<string, ConsoleRoute>;

/** The policy pages (client/console/policies/): the packs for anyone signed in; what-if as the audit API allows it. */
export const POLICY_PAGE_ROUTES = {
  policies: get('/policies', POLICY_OPERATIONS.list.roles),
  policyApplies: get('/policies/applies', POLICY_OPERATIONS.list.roles),
  policyDiff: get('/policies/diff', POLICY_OPERATIONS.list.roles),
  policyWhatIfForm: get('/policies/what-if', AUDIT_OPERATIONS.whatIf.roles),
  policyWhatIf: post('/policies/what-if', AUDIT_OPERATIONS.whatIf.roles),
  policy: get('/policies/:key', POLICY_OPERATIONS.list.roles),
} satisfies Record<string, ConsoleRoute>;

/** Documents people print or file (client/console/documents/): whoever may read the record may print it. */
export const DOCUMENT_ROUTES = {
  loanOpinionPdf: get('/documents/loan-checks/:id/opinion.pdf', LOAN_CHECK_OPERATIONS.read.roles),
  loanOpinionJson: get('/documents/loan-checks/:id/opinion.json', LOAN_CHECK_OPERATIONS.read.roles),
  publicityPdf: get('/documents/cases/:id/publicity.pdf', CASE_OPERATIONS.read.roles),
  publicityJson: get('/documents/cases/:id/publicity.json', CASE_OPERATIONS.read.roles),
  determinationPdf: get('/documents/cases/:id/determination.pdf', CASE_OPERATIONS.read.roles),
  determinationJson: get('/documents/cases/:id/determination.json', CASE_OPERATIONS.read.roles),
} satisfies Record<string, ConsoleRoute>;

/**
 * Training mode (`npm start -- --training`): skip the time-skipping server's clock ahead. Any
 * signed-in person may, since the whole stack is a sandbox; outside training mode it answers 404.
 */
export const TRAINING_ROUTES = {
  skipAhead: post('/training/skip-ahead', ANY_PERSON),
} as const;

/** Office staff, administrators and auditors read every report; a bank reads its own loan checks' only. */
export const REPORT_READERS: readonly Role[] = ['tto', 'admin', 'auditor'];
export const LOAN_REPORT_READERS: readonly Role[] = [...REPORT_READERS, 'bank'];

/** The portfolio reports (client/console/reports/): each report's page and its tables' downloads (CSV, XLSX). */
export const REPORT_ROUTES = {
  index: get('/reports', LOAN_REPORT_READERS),
  cases: get('/reports/cases', REPORT_READERS),
  casesDownload: get('/reports/cases/download', REPORT_READERS),
  overdue: get('/reports/overdue', REPORT_READERS),
  overdueDownload: get('/reports/overdue/download', REPORT_READERS),
  payments: get('/reports/payments', REPORT_READERS),
  paymentsDownload: get('/reports/payments/download', REPORT_READERS),
  received: get('/reports/received', REPORT_READERS),
  receivedDownload: get('/reports/received/download', REPORT_READERS),
  grants: get('/reports/grants', REPORT_READERS),
  grantsDownload: get('/reports/grants/download', REPORT_READERS),
  loanChecks: get('/reports/loan-checks', LOAN_REPORT_READERS),
  loanChecksDownload: get('/reports/loan-checks/download', LOAN_REPORT_READERS),
  reviews: get('/reports/reviews', REPORT_READERS),
  reviewsDownload: get('/reports/reviews/download', REPORT_READERS),
} satisfies Record<string, ConsoleRoute>;

/**
 * The reward pages beyond the case page (client/console/pages/rewards-paid.ts): the "rewards
 * paid" report, for those who launch rewards and for the auditor (who reads, never writes).
 */
export const REWARDS_PAID_ROLES: readonly Role[] = [...LAUNCH_OPERATIONS.reward.roles, 'auditor'];
export const REWARD_ROUTES = {
  rewardsPaid: get('/rewards/paid', REWARDS_PAID_ROLES),
  rewardsPaidDownload: get('/rewards/paid/download', REWARDS_PAID_ROLES),
} satisfies Record<string, ConsoleRoute>;

/** A licence's renewal at its term's end: the new payment terms, in the licence's own payment model. */
export const RENEWAL_ROUTES = {
  licenceRenew: post('/cases/:id/renew', CASE_OPERATIONS.act.roles),
} satisfies Record<string, ConsoleRoute>;

/** A review's document uploaded without script: a plain multipart form, its CSRF token the first part. */
export const EVIDENCE_FORM_ROUTES = {
  evidenceForm: { ...post('/cases/:id/evidence', EVIDENCE_OPERATIONS.upload.roles), csrfInFirstPart: true },
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

/** A licensee reads its own payments due only; office staff, administrators and auditors read every licensee's. */
export const DUE_LIST_READERS: readonly Role[] = [...REPORT_READERS, 'licensee'];

/**
 * The licence statement, the due list (PDF and the hashed JSON record, client/console/documents/)
 * and the ledger exports (CSV or XLSX by `?format=`): a licence's own from its case page, read by
 * whoever may read that case page (its scope too); the rights grant and reward ledgers by those
 * who read the grant reports and "rewards paid".
 */
export const DOCUMENT_2_ROUTES = {
  licenceStatementPdf: get('/documents/cases/:id/statement.pdf', CASE_OPERATIONS.read.roles),
  licenceStatementJson: get('/documents/cases/:id/statement.json', CASE_OPERATIONS.read.roles),
  licenceLedger: get('/documents/cases/:id/ledger', CASE_OPERATIONS.read.roles),
  dueListPdf: get('/documents/due-list.pdf', DUE_LIST_READERS),
  dueListJson: get('/documents/due-list.json', DUE_LIST_READERS),
  grantLedger: get('/documents/ledgers/grants', REPORT_READERS),
  rewardLedger: get('/documents/ledgers/rewards', REWARDS_PAID_ROLES),
} satisfies Record<string, ConsoleRoute>;

/** Every console route. */
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  ...Object.values(FOUNDATION_ROUTES),
  ...Object.values(ADMIN_ROUTES),
  ...Object.values(CASE_PAGE_ROUTES),
  ...Object.values(AUDIT_PAGE_ROUTES),
  ...Object.values(POLICY_PAGE_ROUTES),
  ...Object.values(DOCUMENT_ROUTES),
  ...Object.values(TRAINING_ROUTES),
  ...Object.values(REPORT_ROUTES),
  ...Object.values(REWARD_ROUTES),
  ...Object.values(RENEWAL_ROUTES),
  ...Object.values(EVIDENCE_FORM_ROUTES),
  ...Object.values(NOTICE_PAGE_ROUTES),
  ...Object.values(DOCUMENT_2_ROUTES),
];

/** The row of a route as fastify names it (method and path), if declared. */
export function declaredRoute(method: string, path: string): ConsoleRoute | undefined {
  return CONSOLE_ROUTES.find((r) => r.method === method && r.path === path);
}
