// Every environment variable transferflow reads: its zod value kind (each says what it expects,
// which is what an error message repeats), its default and its description. README's
// configuration table is rendered from this list (configTableMarkdown) and checked against it.
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
  TRANSFERFLOW_METRICS_TOKEN: z.string().min(16, 'expected a token of at least 16 characters').optional(),
  TRANSFERFLOW_DEPLOYMENT_NAME: deploymentPart.optional(),
  TRANSFERFLOW_BUILD_ID: deploymentPart.optional(),
  TRANSFERFLOW_TEMPORAL_PORT: listenPort.optional(),
  TRANSFERFLOW_TEMPORAL_UI_PORT: listenPort.optional(),
  TEMPORAL_CLI_PATH: text.optional(),
  TEMPORAL_TEST_SERVER_PATH: text.optional(),
  TRANSFERFLOW_API_URL: url(['http:', 'https:'], 'http://127.0.0.1:3000').optional(),
  TRANSFERFLOW_API_KEY: text.optional(),
  TRANSFERFLOW_ACTOR: text.optional(),
});

type VariableName = keyof typeof envSchema.shape;

/** envconfig reads TEMPORAL_GRPC_META_<NAME> as gRPC headers; documented as one row. */
const GRPC_META = 'TEMPORAL_GRPC_META_<NAME>';

export interface VariableDoc {
  name: string;
  /** As README shows it: a literal in backticks, or words. */
  default: string;
  description: string;
  /** Never echoed in error messages. */
  secret?: boolean;
}

// Insertion order is README's order. The mapped type makes a variable without a description a
// compile error, so the list cannot fall behind the schema.
const DOCS: { [K in VariableName | typeof GRPC_META]: Omit<VariableDoc, 'name'> } = {
  TEMPORAL_ADDRESS: {
    default: '`127.0.0.1:7233`',
    description:
      'host:port of a Temporal cluster or Temporal Cloud. When neither it nor the chosen profile sets an address, `npm start` / `transferflow dev` run their own dev server there; otherwise they use that cluster',
  },
  TEMPORAL_NAMESPACE: { default: '`default`', description: 'the Temporal namespace' },
  TEMPORAL_API_KEY: {
    default: '—',
    description: 'Temporal Cloud API key; turns TLS on unless `TEMPORAL_TLS=false`',
    secret: true,
  },
  TEMPORAL_TLS: {
    default: '— (on with an API key or any `TEMPORAL_TLS_*` setting)',
    description: '`true` for TLS without a client certificate, `false` to force it off',
  },
  TEMPORAL_TLS_CLIENT_CERT_PATH: { default: '—', description: 'mTLS client certificate (PEM file); needs the key too' },
  TEMPORAL_TLS_CLIENT_KEY_PATH: { default: '—', description: 'mTLS client private key (PEM file)' },
  TEMPORAL_TLS_CLIENT_CERT_DATA: {
    default: '—',
    description: 'the client certificate itself (PEM), instead of a path',
  },
  TEMPORAL_TLS_CLIENT_KEY_DATA: {
    default: '—',
    description: 'the client key itself (PEM), instead of a path',
    secret: true,
  },
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: {
    default: 'the system CAs',
    description: "CA certificate (PEM file) that signed the server's certificate",
  },
  TEMPORAL_TLS_SERVER_CA_CERT_DATA: { default: '—', description: 'the CA certificate itself (PEM), instead of a path' },
  TEMPORAL_TLS_SERVER_NAME: {
    default: 'the address host',
    description: "name to verify the server's certificate against",
  },
  [GRPC_META]: {
    default: '—',
    description:
      'a gRPC header sent with every Temporal call, e.g. `TEMPORAL_GRPC_META_X_TENANT=acme` sends `x-tenant: acme`',
  },
  TEMPORAL_PROFILE: {
    default: '`default`',
    description:
      'the profile of the config file to connect with (address, namespace, API key, TLS); a named profile that is not in the file is an error. The variables above override its fields',
  },
  TEMPORAL_CONFIG_FILE: {
    default: '`$XDG_CONFIG_HOME/temporalio/temporal.toml` (else `~/.config/…`), if it exists',
    description: 'the TOML file of `[profile.<name>]` tables, as `temporal config` writes it',
  },
  TEMPORAL_TLS_CERT: {
    default: '—',
    description: 'deprecated (removed in the next release): use `TEMPORAL_TLS_CLIENT_CERT_PATH`',
  },
  TEMPORAL_TLS_KEY: {
    default: '—',
    description: 'deprecated (removed in the next release): use `TEMPORAL_TLS_CLIENT_KEY_PATH`',
  },
  DATABASE_URL: {
    default: '— (embedded PGlite)',
    description: 'PostgreSQL, e.g. `postgresql://user:pass@host:5432/transferflow`',
    secret: true,
  },
  DATABASE_POOL_SIZE: { default: '`10`', description: 'PostgreSQL connections per process (1–1000)' },
  TRANSFERFLOW_DATA_DIR: {
    default: '`.transferflow/pglite`',
    description: "PGlite's data folder (without `DATABASE_URL`)",
  },
  TRANSFERFLOW_STATE_DIR: {
    default: '`.transferflow`',
    description: "where `transferflow dev` keeps its dev API keys and the embedded Temporal server's database",
  },
  TRANSFERFLOW_EVIDENCE_DIR: {
    default: '`$TRANSFERFLOW_STATE_DIR/evidence`',
    description: 'the folder evidence documents are stored in (by SHA-256)',
  },
  HOST: { default: '`127.0.0.1`', description: "the API's listening address" },
  PORT: { default: '`3000`', description: "the API's port (0 picks a free one)" },
  TRANSFERFLOW_API_KEYS: {
    default: '— (dev keys in `npm start`)',
    description:
      'JSON: `[{"name":"icbc-ops","role":"bank","key":"…","bankIds":["icbc"]}]`; roles `bank`, `tto`, `department`, `committee`, `licensee`, `reviewer`, `auditor` (read-only), `admin`; every `bank` key names its banks (`bankIds`), every `licensee` key its organisation (`licenseeId`, the `licensee.id` its licences record, by default the licensee\'s name); a key without its scope is refused at start-up',
    secret: true,
  },
  TRANSFERFLOW_API_KEYS_FILE: { default: '—', description: 'the same JSON in a file' },
  TRANSFERFLOW_AUDIT_KEY: {
    default: '— (`npm start` makes one in `$TRANSFERFLOW_STATE_DIR/audit-signing-key.pem`)',
    description:
      "the audit log's Ed25519 signing key (PKCS#8 PEM) that signs tree heads and bundle manifests; never stored in the database. `openssl genpkey -algorithm ed25519` makes one",
    secret: true,
  },
  TRANSFERFLOW_AUDIT_KEY_FILE: { default: '—', description: 'the same key in a file' },
  TRANSFERFLOW_AUDIT_HEAD_INTERVAL_MS: {
    default: '`5000`',
    description:
      'how often the API sequences new audit entries into the Merkle tree and signs a tree head (0: only when an auditor asks, `POST /v1/audit/heads`)',
  },
  TRANSFERFLOW_WORKFLOW_CACHE: {
    default: '`1000`',
    description: 'workflows a worker keeps in memory between tasks (others replay their short history when they wake)',
  },
  TRANSFERFLOW_LOG_LEVEL: {
    default: '`WARN`',
    description: `the Temporal SDK's log level: ${LOG_LEVELS.map((l) => `\`${l}\``).join(', ')}`,
  },
  TRANSFERFLOW_WORKER_METRICS: {
    default: '— (no SDK metrics)',
    description:
      "host:port where the Temporal SDK serves its worker metrics for Prometheus (`/metrics`); `transferflow serve` also merges them into the API's `/metrics`",
  },
  TRANSFERFLOW_METRICS_TOKEN: {
    default: '— (`/metrics` refused)',
    description:
      "the bearer token Prometheus sends to scrape the API's `/metrics` (at least 16 characters; not an API key, it grants nothing else)",
    secret: true,
  },
  TRANSFERFLOW_DEPLOYMENT_NAME: {
    default: '`transferflow`',
    description: "the worker's Temporal Worker Deployment (with `TRANSFERFLOW_BUILD_ID`)",
  },
  TRANSFERFLOW_BUILD_ID: {
    default: '— (unversioned worker)',
    description:
      'turns on Worker Deployment Versioning: this worker is build `<deployment>.<build id>`, its workflows auto-upgrade to the current build (changes go behind `patched()`); see "Running on a Temporal cluster"',
  },
  TRANSFERFLOW_TEMPORAL_PORT: { default: '`7233`', description: "the embedded dev server's gRPC port" },
  TRANSFERFLOW_TEMPORAL_UI_PORT: { default: '`8233`', description: "the embedded dev server's Web UI port" },
  TEMPORAL_CLI_PATH: {
    default: '`tools/bin/temporal`',
    description: 'an existing Temporal CLI to run the dev server with, instead of the one `npm start` builds',
  },
  TEMPORAL_TEST_SERVER_PATH: {
    default: '`tools/bin/temporal-test-server`',
    description: 'an existing time-skipping test server, instead of the one the tests install',
  },
  TRANSFERFLOW_API_URL: {
    default: '`http://127.0.0.1:3000`',
    description: 'where `transferflow case`, `licence` and `review` send their requests',
  },
  TRANSFERFLOW_API_KEY: { default: '—', description: 'the API key those commands act with', secret: true },
  TRANSFERFLOW_ACTOR: {
    default: '`cli:<os user>`',
    description: 'who the CLI records as acting when it starts workflows itself (`loan check`)',
  },
};

/** Every variable transferflow reads, in README's order. */
export const VARIABLES: readonly VariableDoc[] = Object.freeze(
  Object.entries(DOCS).map(([name, doc]) => Object.freeze({ name, ...doc })),
);

/** Old names still honoured for one release, and what replaces them. */
export const DEPRECATED: Readonly<Record<string, string>> = Object.freeze({
  TEMPORAL_TLS_CERT: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
});

/** README's configuration table, rendered from VARIABLES (`|` escaped for Markdown). */
export function configTableMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| variable | default | meaning |',
    '|---|---|---|',
    ...VARIABLES.map((v) => `| \`${cell(v.name)}\` | ${cell(v.default)} | ${cell(v.description)} |`),
  ].join('\n');
}
