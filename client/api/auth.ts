// API keys with roles. Keys come only from the environment: TRANSFERFLOW_API_KEYS holds a JSON
// array [{ "name": "icbc-ops", "role": "bank", "key": "…", "bankIds": ["icbc"] }], or
// TRANSFERFLOW_API_KEYS_FILE names a file with that array. Keys are held as SHA-256 digests
// and compared in constant time. The caller's identity is the key's name, never the body.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Actor } from '../../workflows/definitions';
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
      /** A bank key may be limited to the banks it acts for. */
      bankIds: z.array(z.string()).optional(),
      /** A licensee key may be limited to its own licences (case ids). */
      caseIds: z.array(z.string()).optional(),
    })
    .strict(),
);

export interface Caller extends Actor {
  role: Role;
  bankIds?: string[];
  caseIds?: string[];
}

interface StoredKey {
  digest: Buffer;
  caller: Caller;
}

export class ApiKeys {
  private readonly keys: StoredKey[];

  constructor(entries: z.input<typeof keysSchema>) {
    const parsed = keysSchema.parse(entries);
    const names = new Set<string>();
    for (const e of parsed) {
      if (names.has(e.name)) throw new Error(`API key name ${e.name} is used twice`);
      names.add(e.name);
    }
    this.keys = parsed.map((e) => ({
      digest: digest(e.key),
      caller: { id: e.name, role: e.role, bankIds: e.bankIds, caseIds: e.caseIds },
    }));
  }

  get size(): number {
    return this.keys.length;
  }

  /** The caller for a presented key, or null. Every stored key is compared, so timing reveals nothing. */
  authenticate(presented: string | undefined): Caller | null {
    if (!presented) return null;
    const d = digest(presented);
    let found: Caller | null = null;
    for (const k of this.keys) if (timingSafeEqual(k.digest, d)) found = k.caller;
    return found;
  }
}

function digest(key: string): Buffer {
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
  const result = keysSchema.safeParse(json);
  if (!result.success) {
    throw new Error(
      `TRANSFERFLOW_API_KEYS is invalid: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return new ApiKeys(result.data);
}

/** The key presented as `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  const x = headers['x-api-key'];
  return typeof x === 'string' ? x.trim() : undefined;
}
