// The header's navigation: each entry shown to the roles that may open it (the same roles its
// route's row names). The case pages add theirs (inbox, new case…) here.
import type { Role } from '../api/auth';
import type { MessageKey } from './messages';
import {
  ADMIN_ROUTES,
  ANY_PERSON,
  AUDIT_PAGE_ROUTES,
  CASE_PAGE_ROUTES,
  FOUNDATION_ROUTES,
  LOAN_REPORT_READERS,
  NOTICE_PAGE_ROUTES,
  POLICY_PAGE_ROUTES,
  REPORT_ROUTES,
  REWARD_ROUTES,
  REWARDS_PAID_ROLES,
} from './routes';
import { CASE_OPERATIONS, LAUNCH_ANY } from '../api/routes/case-operations';
import { AUDIT_OPERATIONS } from '../api/routes/audit';
import { POLICY_OPERATIONS } from '../api/routes/policies';

export interface NavItem {
  href: string;
  label: MessageKey;
  roles: readonly Role[];
}

export const NAV: readonly NavItem[] = [
  { href: FOUNDATION_ROUTES.home.path, label: 'nav.home', roles: ANY_PERSON },
  { href: CASE_PAGE_ROUTES.inbox.path, label: 'nav.inbox', roles: CASE_OPERATIONS.act.roles },
  { href: CASE_PAGE_ROUTES.launchChooser.path, label: 'nav.launch', roles: LAUNCH_ANY.roles },
  { href: CASE_PAGE_ROUTES.loanChecks.path, label: 'nav.loanChecks', roles: ['bank'] },
  { href: AUDIT_PAGE_ROUTES.audit.path, label: 'nav.audit', roles: AUDIT_OPERATIONS.export.roles },
  { href: POLICY_PAGE_ROUTES.policies.path, label: 'nav.policies', roles: POLICY_OPERATIONS.list.roles },
  { href: REPORT_ROUTES.index.path, label: 'nav.reports', roles: LOAN_REPORT_READERS },
  { href: REWARD_ROUTES.rewardsPaid.path, label: 'nav.rewardsPaid', roles: REWARDS_PAID_ROLES },
  { href: ADMIN_ROUTES.people.path, label: 'nav.people', roles: ['admin'] },
  { href: ADMIN_ROUTES.apiKeys.path, label: 'nav.apiKeys', roles: ['admin'] },
  { href: NOTICE_PAGE_ROUTES.preferences.path, label: 'nav.noticePreferences', roles: ANY_PERSON },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles.includes(role));
}

/**
 * Where a person lands after signing in or switching role: what waits for them. The inbox for every
 * role that acts on cases; a bank's own loan checks; a role with neither (the auditor) its home page.
 */
const LANDINGS: readonly string[] = [CASE_PAGE_ROUTES.inbox.path, CASE_PAGE_ROUTES.loanChecks.path];

export function landingFor(role: Role): string {
  const own = navFor(role).find((item) => LANDINGS.includes(item.href));
  return own?.href ?? FOUNDATION_ROUTES.home.path;
}
