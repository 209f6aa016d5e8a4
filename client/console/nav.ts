// The header's navigation: each entry shown to the roles that may open it (the same roles its
// route's row names). The case pages add theirs (inbox, new case…) here.
import type { Role } from '../api/auth';
import type { MessageKey } from './messages';
import { ANY_PERSON, FOUNDATION_ROUTES } from './routes';

export interface NavItem {
  href: string;
  label: MessageKey;
  roles: readonly Role[];
}

export const NAV: readonly NavItem[] = [{ href: FOUNDATION_ROUTES.home.path, label: 'nav.home', roles: ANY_PERSON }];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.roles.includes(role));
}
