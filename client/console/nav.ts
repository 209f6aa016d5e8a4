// The header's navigation: each entry shown to the roles that may open it (the same roles its
// route's row names). The case pages add theirs (inbox, new case…) here.
import type { Role } from '../api/auth';
import type { MessageKey } from './messages';
import { ADMIN_ROUTES, ANY_PERSON, CASE_PAGE_ROUTES, FOUNDATION_ROUTES, NOTICE_PAGE_ROUTES } from './routes';
import { CASE_OPERATIONS, LAUNCH_ANY } from '../api/routes/case-operations';

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
  { href: ADMIN_ROUTES.people.path, label: 'nav.people', roles: ['admin'] },
  { href: ADMIN_ROUTES.apiKeys.path, label: 'nav.apiKeys', roles: ['admin'] },
  { href: NOTICE_PAGE_ROUTES.preferences.path, label: 'nav.noticePreferences', roles: ANY_PERSON },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles.includes(role));
}
