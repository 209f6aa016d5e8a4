// Machine API keys made on the console's admin page. A key is shown once, when it is made; the
// database keeps only its SHA-256 digest, its role and scope, who made it and, once revoked, who
// revoked it. Keys from the environment keep working beside these (client/api/auth.ts).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PrismaClient } from '../../prisma/generated/client';
import { digest, ROLES, type ApiKeys, type Caller } from '../api/auth';

export const newApiKeySchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits and . _ - (2–64 characters)'),
    role: z.enum(ROLES),
    bankIds: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
    licenseeId: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((k, ctx) => {
    if (k.role === 'bank' && k.bankIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['bankIds'], message: 'a bank key must name the banks it acts for' });
    if (k.role !== 'bank' && k.bankIds.length > 0)
      ctx.addIssue({ code: 'custom', path: ['bankIds'], message: 'only a bank key acts for banks' });
    if (k.role === 'licensee' && !k.licenseeId)
      ctx.addIssue({ code: 'custom', path: ['licenseeId'], message: 'a licensee key must name its organisation' });
    if (k.role !== 'licensee' && k.licenseeId)
      ctx.addIssue({ code: 'custom', path: ['licenseeId'], message: 'only a licensee key acts for an organisation' });
  });
export type NewApiKey = z.input<typeof newApiKeySchema>;

export interface StoredKeyRecord {
  name: string;
  caller: Caller;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

export class ApiKeyNameTakenError extends Error {
  constructor(readonly keyName: string) {
    super(`an API key named ${keyName} exists already`);
    this.name = 'ApiKeyNameTakenError';
  }
}

type Row = Awaited<ReturnType<PrismaClient['storedApiKey']['findMany']>>[number];

const callerOf = (row: Row): Caller => ({
  id: row.name,
  role: row.role as Caller['role'],
  scope:
    row.role === 'bank'
      ? { bankIds: row.bankIds }
      : row.role === 'licensee'
        ? { licenseeId: row.licenseeId ?? '' }
        : null,
});

export class StoredApiKeys {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly keys: ApiKeys,
  ) {}

  /** Loads the unrevoked keys into the authenticator. */
  async reload(): Promise<void> {
    const rows = await this.prisma.storedApiKey.findMany({ where: { revokedAt: null } });
    this.keys.replaceStored(rows.map((r) => ({ digestHex: r.digest, caller: callerOf(r) })));
  }

  /** Every reloadMs, until the returned function is called: changes made by another process arrive. */
  every(reloadMs: number, onError: (error: unknown) => void): () => void {
    const timer = setInterval(() => this.reload().catch(onError), reloadMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Makes a key; returns it (the only time it is ever shown). */
  async create(input: NewApiKey, createdBy: string): Promise<{ key: string; record: StoredKeyRecord }> {
    const k = newApiKeySchema.parse(input);
    if (this.keys.configuredNames.includes(k.name)) throw new ApiKeyNameTakenError(k.name);
    if (await this.prisma.storedApiKey.findUnique({ where: { name: k.name } })) throw new ApiKeyNameTakenError(k.name);
    const key = `tf_${k.role}_${randomBytes(24).toString('base64url')}`;
    const row = await this.prisma.storedApiKey.create({
      data: {
        name: k.name,
        digest: digest(key).toString('hex'),
        role: k.role,
        bankIds: k.bankIds,
        licenseeId: k.licenseeId,
        createdBy,
      },
    });
    await this.reload();
    return { key, record: recordOf(row) };
  }

  async revoke(name: string, revokedBy: string): Promise<boolean> {
    const { count } = await this.prisma.storedApiKey.updateMany({
      where: { name, revokedAt: null },
      data: { revokedAt: new Date(), revokedBy },
    });
    await this.reload();
    return count > 0;
  }

  async list(): Promise<StoredKeyRecord[]> {
    const rows = await this.prisma.storedApiKey.findMany({ orderBy: [{ revokedAt: 'desc' }, { name: 'asc' }] });
    return rows.map(recordOf);
  }
}

function recordOf(row: Row): StoredKeyRecord {
  return {
    name: row.name,
    caller: callerOf(row),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy,
  };
}
