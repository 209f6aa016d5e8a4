// Throttling of failed sign-ins, per login and per client address, kept in the database so a
// restart does not forgive them. Within a window, too many failures lock the key until the lock
// ends; a success clears the login's count (never the address's: one good account must not reset
// an address that guesses at others).
import type { PrismaClient } from '../../prisma/generated/client';

export interface ThrottlePolicy {
  windowMs: number;
  lockMs: number;
  maxPerLogin: number;
  maxPerAddress: number;
  now: () => Date;
}

export const DEFAULT_THROTTLE: Omit<ThrottlePolicy, 'now'> = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxPerLogin: 5,
  maxPerAddress: 30,
};

export const loginKey = (login: string) => `login:${login.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

export class LoginThrottle {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly policy: ThrottlePolicy,
  ) {}

  /** Until when sign-in is refused for any of these keys, or null. */
  async lockedUntil(keys: string[]): Promise<Date | null> {
    const now = this.policy.now();
    const rows = await this.prisma.loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
    const ends = rows.map((r) => r.lockedUntil!.getTime());
    return ends.length ? new Date(Math.max(...ends)) : null;
  }

  async failed(login: string, ip: string): Promise<void> {
    await this.count(loginKey(login), this.policy.maxPerLogin);
    await this.count(addressKey(ip), this.policy.maxPerAddress);
  }

  async succeeded(login: string): Promise<void> {
    await this.prisma.loginThrottle.deleteMany({ where: { key: loginKey(login) } });
  }

  private async count(key: string, max: number): Promise<void> {
    const now = this.policy.now();
    // Atomic increment: two failures at once both count.
    let row = await this.prisma.loginThrottle.upsert({
      where: { key },
      create: { key, failures: 1, windowStart: now },
      update: { failures: { increment: 1 } },
    });
    if (now.getTime() - row.windowStart.getTime() > this.policy.windowMs)
      row = await this.prisma.loginThrottle.update({
        where: { key },
        data: { failures: 1, windowStart: now, lockedUntil: null },
      });
    if (row.failures >= max)
      await this.prisma.loginThrottle.update({
        where: { key },
        data: { lockedUntil: new Date(now.getTime() + this.policy.lockMs), failures: 0, windowStart: now },
      });
  }
}
