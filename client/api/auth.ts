// API keys with roles. Keys come only from the environment: TRANSFERFLOW_API_KEYS holds a JSON
// array [{ "name": "icbc-ops", "role": "bank", "key": "…", "bankIds": ["icbc"] }], or
// TRANSFERFLOW_API_KEYS_FILE names a file with that array. Keys are held as SHA-256 digests
// and compared in constant time. The caller's identity is the key's name, never the body.
// Every key of a role that acts for someone outside the office is scoped: a bank key names its
// banks (`bankIds`), a licensee key its organisation (`licenseeId`); a key without its scope is
// refused when the keys are read, so an unscoped key can never reach a route.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { config, type Config } from '../config';

// department and committee decide steps of rights-grant cases (department review, collective
// decision); licensee reports usage and revenue on its licences; reviewer examines exemption reviews.
export const ROLES = ['tto', 'bank', 'auditor', 'admin', 'department', 'committee', 'licensee', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

const keysSchema = z.array(
  z
    .object({
      name: z.string().min(1).max(64),
      role: z.enum(ROLES),
      key: z.string().min(16, 'API keys need at least 16 characters'),
      /** A bank key: the banks it acts for (required). */
      bankIds: z.array(z.string().min(1).max(64)).min(1).optional(),
      /** A licensee key: its organisation, as licences record it in `licensee.id` (required). */
      licenseeId: z.string().trim().min(1).max(200).optional(),
    })
    .strict()
    .superRefine((k, ctx) => {
      const need = (field: 'bankIds' | 'licenseeId', what: string) =>
        ctx.addIssue({ code: 'custom', path: [field], message: `${k.role} key "${k.name}" must name ${what}` });
      if (k.role === 'bank' && !k.bankIds) need('bankIds', 'the banks it acts for ("bankIds": ["…"])');
      if (k.role === 'licensee' && !k.licenseeId) need('licenseeId', 'its licensee organisation ("licenseeId": "…")');
      if (k.role !== 'bank' && k.bankIds) need('bankIds', 'no banks: only bank keys act for banks');
      if (k.role !== 'licensee' && k.licenseeId) need('licenseeId', 'no licensee: only licensee keys act for one');
    }),
);

/**
 * Whom a caller acts for beyond its role. Never written into a case: see client/actor.ts. A
 * department scope comes from a person's department role (client/people/person.ts), not from keys.
 */
export type Scope = { bankIds: readonly string[] } | { licenseeId: string } | { department: string } | null;

export interface Caller {
  id: string;
  role: Role;
  scope: Scope;
}

interface StoredKey {
  digest: Buffer;
  caller: Caller;
}

export class ApiKeys {
  private readonly keys: StoredKey[];
  /** Keys made on the console's admin page, as the database last had them (client/people/api-keys.ts). */
  private stored: StoredKey[] = [];

  constructor(entries: z.input<typeof keysSchema>) {
    const result = keysSchema.safeParse(entries);
    if (!result.success) throw keysError(result.error, entries);
    const parsed = result.data;
    const names = new Set<string>();
    for (const e of parsed) {
      if (names.has(e.name)) throw new Error(`API key name ${e.name} is used twice`);
      names.add(e.name);
    }
    this.keys = parsed.map((e) => ({
      digest: digest(e.key),
      caller: {
        id: e.name,
        role: e.role,
        scope: e.bankIds ? { bankIds: e.bankIds } : e.licenseeId ? { licenseeId: e.licenseeId } : null,
      },
    }));
  }

  get size(): number {
    return this.keys.length;
  }

  /** The names of the keys from the environment (a key made in the database may not take one). */
  get configuredNames(): string[] {
    return this.keys.map((k) => k.caller.id);
  }

  /**
   * Replaces the keys from the database, by their SHA-256 digests (hex). Held in memory, so
   * authenticating a request never waits on the database; the store reloads them on every
   * change it makes and on a timer (changes made by another process).
   */
  replaceStored(entries: Array<{ digestHex: string; caller: Caller }>): void {
    this.stored = entries.map((e) => ({ digest: Buffer.from(e.digestHex, 'hex'), caller: e.caller }));
  }

  /** The caller for a presented key, or null. Every key is compared, so timing reveals nothing. */
  authenticate(presented: string | undefined): Caller | null {
    if (!presented) return null;
    const d = digest(presented);
    let found: Caller | null = null;
    for (const k of this.keys) if (timingSafeEqual(k.digest, d)) found = k.caller;
    for (const k of this.stored) if (timingSafeEqual(k.digest, d)) found = k.caller;
    return found;
  }
}

export function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function apiKeysFromEnv(cfg: Pick<Config, 'api'> = config()): ApiKeys | null {
  const text = cfg.api.keys ?? (cfg.api.keysFile ? readFileSync(cfg.api.keysFile, 'utf8') : undefined);
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('TRANSFERFLOW_API_KEYS is not valid JSON: expected [{"name","role","key"}]');
  }
  return new ApiKeys(json as z.input<typeof keysSchema>);
}

/** Why a list of keys is refused, naming each key by its place and name (never the key itself). */
function keysError(error: z.ZodError, entries: unknown): Error {
  const nameAt = (i: unknown) => {
    const name = Array.isArray(entries) && typeof i === 'number' ? (entries[i] as { name?: unknown })?.name : undefined;
    return typeof name === 'string' ? ` (${JSON.stringify(name)})` : '';
  };
  const issues = error.issues.map((i) => `${i.path.join('.')}${nameAt(i.path[0])}: ${i.message}`);
  return new Error(`TRANSFERFLOW_API_KEYS is invalid: ${issues.join('; ')}`);
}

/** The key presented as `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  const x = headers['x-api-key'];
  return typeof x === 'string' ? x.trim() : undefined;
}
