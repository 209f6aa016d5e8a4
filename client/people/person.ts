// A person of the console as the rest of the code sees them: who they are and the roles they may
// act in, each with the scope that role carries (the same Scope API keys carry).
import type { Caller, Role, Scope } from '../api/auth';
import type { Lang } from '../console/i18n';

export interface PersonRoleGrant {
  role: Role;
  scope: Scope;
  /** The department a department role acts for: its cases only (its scope holds it too; client/department.ts). */
  department?: string;
}

export interface ConsolePerson {
  userId: string;
  login: string;
  name: string;
  email: string | null;
  language: Lang;
  roles: PersonRoleGrant[];
}

/** What a stored role row becomes: the scope from its columns, as API keys hold it. */
export function grantOf(row: {
  role: string;
  bankIds: string[];
  licenseeId: string | null;
  department: string | null;
}): PersonRoleGrant {
  const scope: Scope =
    row.role === 'bank'
      ? { bankIds: row.bankIds }
      : row.role === 'licensee'
        ? { licenseeId: row.licenseeId ?? '' }
        : row.role === 'department' && row.department
          ? { department: row.department }
          : null;
  return { role: row.role as Role, scope, ...(row.department ? { department: row.department } : {}) };
}

/**
 * The caller a person acts as in `role`: the same Caller an API key gives, its id the person's
 * login, so a decision made in the console is recorded exactly as one made through the API.
 * Null if the person does not hold that role.
 */
export function callerOf(person: ConsolePerson, role: Role): Caller | null {
  const grant = person.roles.find((g) => g.role === role);
  return grant ? { id: person.login, role: grant.role, scope: grant.scope } : null;
}
