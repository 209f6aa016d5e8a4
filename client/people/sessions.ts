// Console sessions, stored server-side: the cookie carries a random id, the database only its
// SHA-256 (a copy of the table cannot be replayed as cookies). A session ends when idle too long,
// at its absolute end however active, on logout, or when its person is disabled.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../prisma/generated/client';
import type { Role } from '../api/auth';
import { isLang, DEFAULT_LANG } from '../console/i18n';
import { grantOf, type ConsolePerson } from './person';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however active. */
  absoluteMs: number;
  now: () => Date;
}

export interface OpenSession {
  person: ConsolePerson;
  activeRole: Role;
  csrfToken: string;
}

/** lastSeenAt is written at most this often, so reading a page is not a write each time. */
const TOUCH_EVERY_MS = 60_000;

const hashOf = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

export class SessionStore {
  constructor(
    private readonly prisma: PrismaClient,
    readonly policy: SessionPolicy,
  ) {}

  /** A new session for a person, acting in `role`; returns the cookie value (shown nowhere else). */
  async open(personId: string, role: Role): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = this.policy.now();
    await this.prisma.consoleSession.create({
      data: {
        idHash: hashOf(id),
        personId,
        activeRole: role,
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.policy.absoluteMs),
      },
    });
    return id;
  }

  /** The session a cookie names, if it is still open; an expired one is deleted on the way. */
  async find(cookieValue: string | undefined): Promise<OpenSession | null> {
    if (!cookieValue || cookieValue.length > 100) return null;
    const idHash = hashOf(cookieValue);
    const row = await this.prisma.consoleSession.findUnique({
      where: { idHash },
      include: { person: { include: { roles: { orderBy: { role: 'asc' } } } } },
    });
    if (!row) return null;
    const now = this.policy.now().getTime();
    const idle = now - row.lastSeenAt.getTime() > this.policy.idleMs;
    if (idle || now >= row.expiresAt.getTime() || row.person.disabled) {
      await this.prisma.consoleSession.deleteMany({ where: { idHash } });
      return null;
    }
    const roles = row.person.roles.map(grantOf);
    if (roles.length === 0) return null;
    if (now - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
      await this.prisma.consoleSession.updateMany({ where: { idHash }, data: { lastSeenAt: new Date(now) } });
    const p = row.person;
    // A role taken away since sign-in is no longer acted in: the person's first role is.
    const activeRole = roles.some((g) => g.role === row.activeRole) ? (row.activeRole as Role) : roles[0].role;
    return {
      person: {
        userId: p.id,
        login: p.login,
        name: p.name,
        email: p.email,
        language: isLang(p.language) ? p.language : DEFAULT_LANG,
        roles,
      },
      activeRole,
      csrfToken: row.csrfToken,
    };
  }

  async switchRole(cookieValue: string, role: Role): Promise<void> {
    await this.prisma.consoleSession.updateMany({ where: { idHash: hashOf(cookieValue) }, data: { activeRole: role } });
  }

  async close(cookieValue: string): Promise<void> {
    await this.prisma.consoleSession.deleteMany({ where: { idHash: hashOf(cookieValue) } });
  }

  /** Every session of a person (disabled, or their password reset). */
  async closeAllOf(personId: string): Promise<void> {
    await this.prisma.consoleSession.deleteMany({ where: { personId } });
  }
}
