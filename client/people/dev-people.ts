// `npm start` (transferflow dev): one person per role to sign in to the console with, each with
// a random password made once and kept in the state folder (git-ignored), as the dev API keys
// are. Idempotent across restarts: a person already there is left as is; one missing (a fresh
// database) is made again with the kept password; a role added since gets a person too.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '../../prisma/generated/client';
import { ROLES, type Role } from '../api/auth';
import { t } from '../console/i18n';
import { People, type RoleGrantInput } from './people';
import { randomPassword } from './passwords';

export interface DevPerson {
  login: string;
  role: Role;
  password: string;
}

/** The dev people's scopes: the README's bank and licensee, as the dev API keys have them. */
export type DevScopes = Partial<Record<Role, Omit<RoleGrantInput, 'role'>>>;

export async function seedDevPeople(
  prisma: PrismaClient,
  stateDir: string,
  scopes: DevScopes,
): Promise<{ file: string; people: DevPerson[] }> {
  const file = path.join(stateDir, 'dev-people.json');
  const kept: DevPerson[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const all: DevPerson[] = ROLES.map(
    (role) => kept.find((p) => p.role === role) ?? { login: `dev-${role}`, role, password: randomPassword() },
  );
  if (all.some((p, i) => p !== kept[i])) {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(file, JSON.stringify(all, null, 2), { mode: 0o600 });
  }
  const people = new People(prisma);
  for (const p of all) {
    if (await prisma.person.findUnique({ where: { login: p.login } })) continue;
    await people.create({
      login: p.login,
      name: `${t('zh', `role.${p.role}`)}（示例）`,
      // An address at a reserved domain, so the notices of the case they act in land in the local
      // mail inbox `npm start` runs (maildev) — and nowhere else.
      email: `${p.login}@transferflow.example`,
      language: 'zh',
      password: p.password,
      roles: [{ role: p.role, ...scopes[p.role] }],
    });
  }
  return { file, people: all };
}
