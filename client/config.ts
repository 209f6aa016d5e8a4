// The one place that reads the environment. Every variable transferflow reads is declared here
// with its default and description (README's configuration table is checked against this list
// by tests/unit/config.test.ts), parsed once with zod at start-up into a frozen object, so a bad
// value stops a command before it starts instead of surfacing later as a NaN port or a silent
// fallback. Temporal's connection settings are resolved by @temporalio/envconfig, the SDK's own
// loader, so the standard TEMPORAL_* variables and TOML profiles mean here what they mean to the
// Temporal CLI and every other SDK.
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadClientConfigProfile, type ClientConfigProfile, type ConfigDataSource } from '@temporalio/envconfig';

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
const hostPort = z
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

function isReadableFile(p: string): boolean {
  try {
    accessSync(p, fsConstants.R_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

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

const envSchema = z.object({
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

// ---- the parsed configuration ------------------------------------------------------------------

export interface TemporalConfig {
  address: string;
  namespace: string;
  /**
   * Where the address came from: "TEMPORAL_ADDRESS", 'profile "x" in <file>', or null when
   * nothing set it (the default). `transferflow dev` runs its own server exactly when null.
   */
  addressFrom: string | null;
  /** The profile as envconfig resolved it (file, then environment); TLS files are read at connect time. */
  profile: ClientConfigProfile;
}

export interface Config {
  temporal: TemporalConfig;
  database: { url?: string; poolSize: number; dataDir: string };
  stateDir: string;
  evidenceDir: string;
  api: { host: string; port: number; keys?: string; keysFile?: string };
  worker: { workflowCache: number; logLevel: LogLevel };
  /** The audit log's signing key (PEM text or a file; read by client/audit-key.ts) and head interval. */
  audit: { signingKey?: string; signingKeyFile?: string; headIntervalMs: number };
  devServer: { port: number; uiPort: number; cliPath?: string; testServerPath?: string };
  cli: { apiUrl: string; apiKey?: string; actor?: string };
  /** Deprecation notices; printed once by config(), returned here so parseConfig stays pure. */
  warnings: readonly string[];
}

export interface ConfigIssue {
  variable: string;
  message: string;
}

/** Every bad variable at once, each named with what it expects. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SECRET = new Set(VARIABLES.filter((v) => v.secret).map((v) => v.name));

function got(name: string, value: string | undefined): string {
  return SECRET.has(name) ? 'got a value not shown here (it is a secret)' : `got ${JSON.stringify(value)}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Where envconfig looks when TEMPORAL_CONFIG_FILE is unset (its own rule, repeated for messages). */
function defaultConfigFile(env: Env): string | undefined {
  if (os.platform() === 'win32') return env.APPDATA ? path.join(env.APPDATA, 'temporalio', 'temporal.toml') : undefined;
  if (os.platform() === 'darwin')
    return env.HOME ? path.join(env.HOME, 'Library', 'Application Support', 'temporalio', 'temporal.toml') : undefined;
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg) return path.isAbsolute(xdg) ? path.join(xdg, 'temporalio', 'temporal.toml') : undefined;
  return env.HOME ? path.join(env.HOME, '.config', 'temporalio', 'temporal.toml') : undefined;
}

/**
 * The configuration in `env`, or a ConfigError listing every bad variable. Pure apart from
 * checking that named files exist and reading the Temporal config file: nothing is printed.
 */
export function parseConfig(env: Env): Config {
  // An empty variable (`PORT= npm start`) means unset, as in most tools — except gRPC headers,
  // where envconfig gives an empty value the meaning "remove this header".
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && (v !== '' || k.startsWith('TEMPORAL_GRPC_META_'))) clean[k] = v;

  const issues: ConfigIssue[] = [];
  const parsed = envSchema.safeParse(clean);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      issues.push({ variable: name, message: `${issue.message}, ${got(name, clean[name])}` });
    }
  }
  const e = parsed.success ? parsed.data : ({} as Partial<z.infer<typeof envSchema>>);
  const bad = new Set(issues.map((i) => i.variable));

  // Deprecated names feed the new ones for one release; the new name wins when both are set.
  const warnings: string[] = [];
  const temporalEnv: Record<string, string> = { ...clean };
  for (const [old, replacement] of Object.entries(DEPRECATED)) {
    if (clean[old] === undefined) continue;
    if (clean[replacement] !== undefined) {
      warnings.push(`${old} is deprecated and ignored because ${replacement} is set; remove ${old}`);
    } else {
      warnings.push(`${old} is deprecated and will be removed in the next release: set ${replacement} instead`);
      temporalEnv[replacement] = clean[old];
    }
    delete temporalEnv[old];
  }

  // The Temporal profile is resolved from valid TEMPORAL_* values only; other bad variables do not
  // hide its problems, so one run reports everything.
  const temporal = [...bad].some((v) => v.startsWith('TEMPORAL_')) ? undefined : resolveTemporal(temporalEnv, issues);

  if (issues.length) throw new ConfigError(issues);
  const stateDir = path.resolve(e.TRANSFERFLOW_STATE_DIR ?? '.transferflow');
  return deepFreeze({
    temporal: temporal!,
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE ?? 10,
      dataDir: path.resolve(e.TRANSFERFLOW_DATA_DIR ?? path.join('.transferflow', 'pglite')),
    },
    stateDir,
    evidenceDir: path.resolve(e.TRANSFERFLOW_EVIDENCE_DIR ?? path.join(stateDir, 'evidence')),
    api: {
      host: e.HOST ?? '127.0.0.1',
      port: e.PORT ?? 3000,
      keys: e.TRANSFERFLOW_API_KEYS,
      keysFile: e.TRANSFERFLOW_API_KEYS_FILE,
    },
    worker: {
      workflowCache: e.TRANSFERFLOW_WORKFLOW_CACHE ?? 1000,
      logLevel: (e.TRANSFERFLOW_LOG_LEVEL ?? 'WARN') as LogLevel,
    },
    audit: {
      signingKey: e.TRANSFERFLOW_AUDIT_KEY,
      signingKeyFile: e.TRANSFERFLOW_AUDIT_KEY_FILE,
      headIntervalMs: e.TRANSFERFLOW_AUDIT_HEAD_INTERVAL_MS ?? 5000,
    },
    devServer: {
      port: e.TRANSFERFLOW_TEMPORAL_PORT ?? 7233,
      uiPort: e.TRANSFERFLOW_TEMPORAL_UI_PORT ?? 8233,
      cliPath: e.TEMPORAL_CLI_PATH,
      testServerPath: e.TEMPORAL_TEST_SERVER_PATH,
    },
    cli: {
      apiUrl: (e.TRANSFERFLOW_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
      apiKey: e.TRANSFERFLOW_API_KEY,
      actor: e.TRANSFERFLOW_ACTOR,
    },
    warnings,
  });
}

/** The Temporal profile through envconfig: the config file's profile, then TEMPORAL_* on top. */
function resolveTemporal(env: Record<string, string>, issues: ConfigIssue[]): TemporalConfig | undefined {
  const file = env.TEMPORAL_CONFIG_FILE ?? defaultConfigFile(env);
  const profileName = env.TEMPORAL_PROFILE ?? 'default';
  let fromFile: ClientConfigProfile;
  let profile: ClientConfigProfile;
  try {
    // The file alone first, to know whether the address came from it (see addressFrom).
    fromFile = loadClientConfigProfile({ disableEnv: true, overrideEnvVars: env });
    profile = loadClientConfigProfile({ overrideEnvVars: env });
  } catch (error) {
    const message = (error as Error).message;
    if (/^Profile '.*' not found/.test(message)) {
      issues.push({
        variable: 'TEMPORAL_PROFILE',
        message: `expected a profile defined in ${file ?? 'a config file (none found)'}, got ${JSON.stringify(profileName)}`,
      });
    } else {
      // envconfig dereferences `profile` unchecked: a file without any [profile.*] table ends up here.
      const why = error instanceof TypeError ? 'it has no [profile.<name>] table' : message.split('\n')[0];
      issues.push({
        variable: 'TEMPORAL_CONFIG_FILE',
        message: `expected a TOML file of [profile.<name>] tables, got ${JSON.stringify(file)} (${why})`,
      });
    }
    return undefined;
  }

  // Files a profile names are read at connect time; a missing one should stop start-up instead.
  const tlsFiles: Array<[ConfigDataSource | undefined, string, string]> = [
    [profile.tls?.clientCert, 'TEMPORAL_TLS_CLIENT_CERT_PATH', 'tls.client_cert_path'],
    [profile.tls?.clientKey, 'TEMPORAL_TLS_CLIENT_KEY_PATH', 'tls.client_key_path'],
    [profile.tls?.serverCACert, 'TEMPORAL_TLS_SERVER_CA_CERT_PATH', 'tls.server_ca_cert_path'],
  ];
  for (const [source, variable, key] of tlsFiles) {
    if (source && 'path' in source && env[variable] === undefined && !isReadableFile(source.path)) {
      issues.push({
        variable: 'TEMPORAL_CONFIG_FILE',
        message: `profile "${profileName}" ${key}: expected the path of a readable file, got ${JSON.stringify(source.path)}`,
      });
    }
  }
  // A certificate without its key (or the reverse) would connect without mTLS, silently.
  if (Boolean(profile.tls?.clientCert) !== Boolean(profile.tls?.clientKey)) {
    const [has, lacks] = profile.tls?.clientCert
      ? ['certificate', 'TEMPORAL_TLS_CLIENT_KEY_PATH']
      : ['key', 'TEMPORAL_TLS_CLIENT_CERT_PATH'];
    issues.push({
      variable: lacks,
      message: `expected both a client certificate and its key for mTLS, got only the ${has}`,
    });
  }
  if (
    profile.address !== undefined &&
    env.TEMPORAL_ADDRESS === undefined &&
    !hostPort.safeParse(profile.address).success
  ) {
    issues.push({
      variable: 'TEMPORAL_CONFIG_FILE',
      message: `profile "${profileName}" address: expected host:port, got ${JSON.stringify(profile.address)}`,
    });
  }

  const addressFrom =
    env.TEMPORAL_ADDRESS !== undefined
      ? 'TEMPORAL_ADDRESS'
      : fromFile.address !== undefined
        ? `profile "${profileName}" in ${file}`
        : null;
  return {
    address: profile.address ?? DEFAULT_TEMPORAL_ADDRESS,
    namespace: profile.namespace ?? DEFAULT_TEMPORAL_NAMESPACE,
    addressFrom,
    profile,
  };
}

let current: Config | undefined;

/**
 * The process's configuration, parsed from process.env on first use (a ConfigError if any
 * variable is bad). Deprecation warnings go to stderr once, here, not on every read.
 */
export function config(): Config {
  if (!current) {
    current = parseConfig(process.env);
    for (const warning of current.warnings) process.stderr.write(`transferflow: warning: ${warning}\n`);
  }
  return current;
}

/** README's configuration table, rendered from VARIABLES (`|` escaped for Markdown). */
export function configTableMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| variable | default | meaning |',
    '|---|---|---|',
    ...VARIABLES.map((v) => `| \`${cell(v.name)}\` | ${cell(v.default)} | ${cell(v.description)} |`),
  ].join('\n');
}
