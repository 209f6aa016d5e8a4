// Every environment variable transferflow reads and its zod value kind (each says what it expects,
// which is what an error message repeats). Their defaults and descriptions, and README's
// configuration table rendered from them, are in config-docs.ts.
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { z } from 'zod';

export type Env = Record<string, string | undefined>;

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';
export const DEFAULT_TEMPORAL_NAMESPACE = 'default';

// ---- value kinds: each says what it expects, which is what the error message repeats ----------

function integer(min: number, max: number) {
  const expected =
    max === Number.MAX_SAFE_INTEGER ? `expected an integer ≥ ${min}` : `expected an integer ${min}–${max}`;
  return z
    .string()
    .trim()
    .refine((s) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max, expected)
    .transform(Number);
}

const port = integer(0, 65535);
const listenPort = integer(1, 65535);

/** A key for AES-256-GCM: 32 random bytes, base64 (as `openssl rand -base64 32` prints them). */
const aesKey = z
  .string()
  .trim()
  .refine(
    (s) => /^[A-Za-z0-9+/]{43}=$/.test(s) && Buffer.from(s, 'base64').length === 32,
    'expected 32 random bytes in base64 (openssl rand -base64 32)',
  );

// The values envconfig itself understands (it reads anything else as false, silently).
const bool = z.enum(['true', 'false', '1', '0'], { error: 'expected true, false, 1 or 0' });

const logLevel = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(
    (s): s is LogLevel => (LOG_LEVELS as readonly string[]).includes(s),
    `expected one of ${LOG_LEVELS.join(', ')}`,
  );

// host:port, [ipv6]:port — what the SDK's connection needs (it does not add a default port).
export const hostPort = z
  .string()
  .trim()
  .refine((s) => {
    const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(s);
    return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535;
  }, 'expected host:port, e.g. 127.0.0.1:7233 or my-ns.a1b2c.tmprl.cloud:7233');

function url(protocols: string[], example: string) {
  return z
    .string()
    .trim()
    .refine(
      (s) => {
        try {
          return protocols.includes(new URL(s).protocol);
        } catch {
          return false;
        }
      },
      `expected a ${protocols.map((p) => `${p}//`).join(' or ')} URL, e.g. ${example}`,
    );
}

export function isReadableFile(p: string): boolean {
  try {
    accessSync(p, fsConstants.R_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

// Temporal joins deployment name and build id with a dot: neither may contain one.
const deploymentPart = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_\-]{1,200}$/, 'expected letters, digits, - or _ (no dots), e.g. 2026-11-28.1 → 2026-11-28_1');

const readableFile = z.string().refine(isReadableFile, 'expected the path of a readable file');
const text = z.string();
const json = z.string().refine((s) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}, 'expected JSON: [{"name","role","key"}, …]');

// ---- the variables ---------------------------------------------------------------------------

export const envSchema = z.object({
  TEMPORAL_ADDRESS: hostPort.optional(),
  TEMPORAL_NAMESPACE: text.optional(),
  TEMPORAL_API_KEY: text.optional(),
  TEMPORAL_TLS: bool.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: readableFile.optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: readableFile.optional(),
  TEMPORAL_TLS_CLIENT_CERT_DATA: text.optional(),
  TEMPORAL_TLS_CLIENT_KEY_DATA: text.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: readableFile.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: text.optional(),
  TEMPORAL_TLS_SERVER_NAME: text.optional(),
  TEMPORAL_PROFILE: text.optional(),
  TEMPORAL_CONFIG_FILE: readableFile.optional(),
  TEMPORAL_TLS_CERT: readableFile.optional(),
  TEMPORAL_TLS_KEY: readableFile.optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgresql://user:pass@host:5432/transferflow').optional(),
  DATABASE_POOL_SIZE: integer(1, 1000).optional(),
  TRANSFERFLOW_DATA_DIR: text.optional(),
  TRANSFERFLOW_STATE_DIR: text.optional(),
  TRANSFERFLOW_EVIDENCE_DIR: text.optional(),
  HOST: text.optional(),
  PORT: port.optional(),
  TRANSFERFLOW_API_KEYS: json.optional(),
  TRANSFERFLOW_API_KEYS_FILE: readableFile.optional(),
  TRANSFERFLOW_AUDIT_KEY: text.optional(),
  TRANSFERFLOW_AUDIT_KEY_FILE: readableFile.optional(),
  TRANSFERFLOW_AUDIT_HEAD_INTERVAL_MS: integer(0, 86_400_000).optional(),
  TRANSFERFLOW_WORKFLOW_CACHE: integer(0, Number.MAX_SAFE_INTEGER).optional(),
  TRANSFERFLOW_LOG_LEVEL: logLevel.optional(),
  TRANSFERFLOW_WORKER_METRICS: hostPort.optional(),
  TRANSFERFLOW_WORKER_HEALTH: hostPort.optional(),
  TRANSFERFLOW_METRICS_TOKEN: z.string().min(16, 'expected a token of at least 16 characters').optional(),
  TRANSFERFLOW_DEPLOYMENT_NAME: deploymentPart.optional(),
  TRANSFERFLOW_BUILD_ID: deploymentPart.optional(),
  TRANSFERFLOW_TEMPORAL_PORT: listenPort.optional(),
  TRANSFERFLOW_TEMPORAL_UI_PORT: listenPort.optional(),
  TRANSFERFLOW_TEMPORAL_UI_WRITABLE: bool.optional(),
  TEMPORAL_CLI_PATH: text.optional(),
  TEMPORAL_TEST_SERVER_PATH: text.optional(),
  TRANSFERFLOW_PUBLIC_URL: url(['http:', 'https:'], 'https://transfer.example.edu.cn').optional(),
  TRANSFERFLOW_SESSION_IDLE_MINUTES: integer(1, 10_080).optional(),
  TRANSFERFLOW_CHROMIUM: text.optional(),
  TRANSFERFLOW_SESSION_MAX_HOURS: integer(1, 720).optional(),
  TRANSFERFLOW_OIDC_ISSUER: url(['https:', 'http:'], 'https://idp.example.edu.cn/realms/campus').optional(),
  TRANSFERFLOW_OIDC_CLIENT_ID: text.optional(),
  TRANSFERFLOW_OIDC_CLIENT_SECRET: text.optional(),
  TRANSFERFLOW_OIDC_GROUP_ROLES: z
    .string()
    .refine((s) => {
      try {
        const v = JSON.parse(s);
        return v && typeof v === 'object' && !Array.isArray(v);
      } catch {
        return false;
      }
    }, 'expected JSON: {"group": [{"role": "tto"}], …}')
    .optional(),
  TRANSFERFLOW_OIDC_GROUPS_CLAIM: text.optional(),
  TRANSFERFLOW_API_URL: url(['http:', 'https:'], 'http://127.0.0.1:3000').optional(),
  TRANSFERFLOW_API_KEY: text.optional(),
  TRANSFERFLOW_ACTOR: text.optional(),
  SMTP_HOST: text.optional(),
  SMTP_PORT: listenPort.optional(),
  SMTP_TLS: bool.optional(),
  SMTP_USER: text.optional(),
  SMTP_PASSWORD: text.optional(),
  SMTP_FROM: text.optional(),
  TRANSFERFLOW_NOTICE_INTERVAL_MS: integer(100, 3_600_000).optional(),
  TRANSFERFLOW_MAIL_PORT: listenPort.optional(),
  TRANSFERFLOW_MAIL_UI_PORT: listenPort.optional(),
  TRANSFERFLOW_WEBHOOK_ALLOW_LOOPBACK: bool.optional(),
  TRANSFERFLOW_WEBHOOK_RETRY_MS: integer(100, 3_600_000).optional(),
  TRANSFERFLOW_WEBHOOK_SECRET_KEY: aesKey.optional(),
});

export type VariableName = keyof typeof envSchema.shape;

/** Old names still honoured for one release, and what replaces them. */
export const DEPRECATED: Readonly<Record<string, string>> = Object.freeze({
  TEMPORAL_TLS_CERT: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
});
