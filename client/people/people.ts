// People of the console in the database: made (by the admin page or the dev seed), given roles
// with their scopes, their password reset, disabled. Input is validated here with zod, so the
// admin page, the seed and the tests are held to the same rules: a bank role names its banks, a
// licensee role its organisation, as API keys must.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/generated/client';
import { ROLES } from '../api/auth';
import { LANGS } from '../console/i18n';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';
import { grantOf, type ConsolePerson } from './person';

export const roleGrantSchema = z
  .object({
    role: z.enum(ROLES),
    bankIds: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
    licenseeId: z.string().trim().min(1).max(200).optional(),
    department: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.role === 'bank' && g.bankIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['bankIds'], message: 'a bank role must name the banks it acts for' });
    if (g.role !== 'bank' && g.bankIds.length > 0)
      ctx.addIssue({ code: 'custom', path: ['bankIds'], message: 'only a bank role acts for banks' });
    if (g.role === 'licensee' && !g.licenseeId)
      ctx.addIssue({ code: 'custom', path: ['licenseeId'], message: 'a licensee role must name its organisation' });
    if (g.role !== 'licensee' && g.licenseeId)
      ctx.addIssue({ code: 'custom', path: ['licenseeId'], message: 'only a licensee role acts for an organisation' });
  });
export type RoleGrantInput = z.input<typeof roleGrantSchema>;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'at most 200 characters');

export const newPersonSchema = z
  .object({
    login: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, 'letters, digits and . _ @ - (2–64 characters)'),
    name: z.string().trim().min(1).max(200),
    email: z.email().max(200).optional(),
    language: z.enum(LANGS).default('zh'),
    password: passwordSchema.optional(),
    roles: z
      .array(roleGrantSchema)
      .min(1, 'at least one role')
      .refine((rs) => new Set(rs.map((r) => r.role)).size === rs.length, 'each role once'),
  })
  .strict();
export type NewPerson = z.input<typeof newPersonSchema>;

const withRoles = { roles: { orderBy: { role: 'asc' as const } } };

type Row = Awaited<ReturnType<PrismaClient['person']['findMany']>>[number] & {
  roles: Parameters<typeof grantOf>[0][];
};

export interface PersonRecord extends ConsolePerson {
  disabled: boolean;
  hasPassword: boolean;
  oidcSubject: string | null;
}

function recordOf(p: Row): PersonRecord {
  return {
    userId: p.id,
    login: p.login,
    name: p.name,
    email: p.email,
    language: p.language === 'en' ? 'en' : 'zh',
    roles: p.roles.map(grantOf),
    disabled: p.disabled,
    hasPassword: p.passwordHash !== null,
    oidcSubject: p.oidcSubject,
  };
}

const roleRows = (roles: z.output<typeof roleGrantSchema>[]) =>
  roles.map((r) => ({ role: r.role, bankIds: r.bankIds, licenseeId: r.licenseeId, department: r.department }));

export class People {
  constructor(private readonly prisma: PrismaClient) {}

  /** Makes a person; a login already taken is a PersonExistsError. */
  async create(input: NewPerson): Promise<PersonRecord> {
    const p = newPersonSchema.parse(input);
    const existing = await this.prisma.person.findUnique({ where: { login: p.login } });
    if (existing) throw new PersonExistsError(p.login);
    const row = await this.prisma.person.create({
      data: {
        id: randomUUID(),
        login: p.login,
        name: p.name,
        email: p.email,
        language: p.language,
        passwordHash: p.password ? await hashPassword(p.password) : null,
        roles: { create: roleRows(p.roles) },
      },
      include: withRoles,
    });
    return recordOf(row);
  }

  async list(): Promise<PersonRecord[]> {
    const rows = await this.prisma.person.findMany({ include: withRoles, orderBy: { login: 'asc' } });
    return rows.map(recordOf);
  }

  async byId(id: string): Promise<PersonRecord | null> {
    const row = await this.prisma.person.findUnique({ where: { id }, include: withRoles });
    return row && recordOf(row);
  }

  /** The person signing in with `login`, with their stored password digest. */
  async forSignIn(login: string): Promise<{ person: PersonRecord; passwordHash: string | null } | null> {
    const row = await this.prisma.person.findUnique({
      where: { login: login.trim().toLowerCase() },
      include: withRoles,
    });
    return row && { person: recordOf(row), passwordHash: row.passwordHash };
  }

  /** Replaces every role of a person at once. */
  async setRoles(id: string, roles: RoleGrantInput[]): Promise<void> {
    const parsed = newPersonSchema.shape.roles.parse(roles);
    await this.prisma.$transaction([
      this.prisma.personRole.deleteMany({ where: { personId: id } }),
      this.prisma.personRole.createMany({ data: roleRows(parsed).map((r) => ({ ...r, personId: id })) }),
    ]);
  }

  async setPassword(id: string, password: string): Promise<void> {
    const hash = await hashPassword(passwordSchema.parse(password));
    await this.prisma.person.update({ where: { id }, data: { passwordHash: hash } });
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.prisma.person.update({ where: { id }, data: { disabled } });
  }

  async setLanguage(id: string, language: (typeof LANGS)[number]): Promise<void> {
    await this.prisma.person.update({ where: { id }, data: { language } });
  }
}

export class PersonExistsError extends Error {
  constructor(readonly login: string) {
    super(`a person with login ${login} exists already`);
    this.name = 'PersonExistsError';
  }
}
