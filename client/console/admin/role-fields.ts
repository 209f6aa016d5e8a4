// The roles of a person (or the role of a key) as form fields: a checkbox per role, and the scope
// fields the scoped roles need (banks for a bank role, the organisation for a licensee role, the
// department for a department role). The same fields are read back into role grants here.
import { ROLES, type Role } from '../../api/auth';
import type { PersonRoleGrant } from '../../people/person';
import type { RoleGrantInput } from '../../people/people';
import { html, type Html } from '../html';
import { t, type Lang } from '../i18n';

export interface RoleFieldValues {
  roles: Role[];
  bankIds: string;
  licenseeId: string;
  department: string;
}

export const NO_ROLES: RoleFieldValues = { roles: [], bankIds: '', licenseeId: '', department: '' };

export function valuesOf(grants: PersonRoleGrant[]): RoleFieldValues {
  const scope = (role: Role) => grants.find((g) => g.role === role)?.scope;
  const bank = scope('bank');
  const licensee = scope('licensee');
  return {
    roles: grants.map((g) => g.role),
    bankIds: bank && 'bankIds' in bank ? bank.bankIds.join(', ') : '',
    licenseeId: licensee && 'licenseeId' in licensee ? licensee.licenseeId : '',
    department: grants.find((g) => g.role === 'department')?.department ?? '',
  };
}

/** The fieldset; `id` keeps the controls of several forms on one page apart. */
export function roleFields(lang: Lang, id: string, v: RoleFieldValues): Html {
  return html`<fieldset>
    <legend>${t(lang, 'field.roles')}</legend>
    <div class="grid">
      ${ROLES.map(
        (role) =>
          html`<label
            ><span
              ><input type="checkbox" name="roles" value="${role}" ${v.roles.includes(role) ? html`checked` : ''} />
              ${t(lang, `role.${role}`)}</span
            ></label
          >`,
      )}
    </div>
    <div class="grid">
      <label for="${id}-bankIds"
        >${t(lang, 'field.bankIds')}<input id="${id}-bankIds" name="bankIds" value="${v.bankIds}"
      /></label>
      <label for="${id}-licenseeId"
        >${t(lang, 'field.licenseeId')}<input id="${id}-licenseeId" name="licenseeId" value="${v.licenseeId}"
      /></label>
      <label for="${id}-department"
        >${t(lang, 'field.department')}<input id="${id}-department" name="department" value="${v.department}"
      /></label>
    </div>
  </fieldset>`;
}

const list = (v: unknown): string[] => (v === undefined ? [] : [v].flat().map(String));
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The fields as sent, to show again when the form is refused. */
export function submittedValues(body: Record<string, unknown>): RoleFieldValues {
  return {
    roles: list(body.roles).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    bankIds: text(body.bankIds),
    licenseeId: text(body.licenseeId),
    department: text(body.department),
  };
}

/** Role grants from the fields: each checked role with the scope field that belongs to it. */
export function grantsFrom(body: Record<string, unknown>): RoleGrantInput[] {
  const v = submittedValues(body);
  return list(body.roles).map((role) => ({
    role: role as Role,
    bankIds:
      role === 'bank'
        ? v.bankIds
            .split(/[,，\s]+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ...(role === 'licensee' && v.licenseeId ? { licenseeId: v.licenseeId } : {}),
    ...(role === 'department' && v.department ? { department: v.department } : {}),
  }));
}

/** A grant's scope as text for a table cell. */
export function scopeCell(g: PersonRoleGrant): string {
  if (g.scope && 'bankIds' in g.scope) return g.scope.bankIds.join(', ');
  if (g.scope && 'licenseeId' in g.scope) return g.scope.licenseeId;
  return g.department ?? '';
}
