// The one place that reads the environment: parsed once with zod at start-up into a frozen
// object, so a bad value stops a command before it starts instead of surfacing later as a NaN
// port or a silent fallback. Every variable is declared, with its default and description, in
// config-variables.ts (README's configuration table is rendered from it and checked by
// tests/unit/config.test.ts); Temporal's connection settings are resolved in config-temporal.ts by
// @temporalio/envconfig, the SDK's own loader, so TEMPORAL_* and TOML profiles mean what they
// mean to the Temporal CLI and every other SDK.
import path from 'node:path';
import type { z } from 'zod';
import { DEPRECATED, envSchema, type Env, type LogLevel } from './config-variables';
import { VARIABLES } from './config-docs';
import { resolveTemporal, type TemporalConfig } from './config-temporal';

// The variables and the Temporal settings live beside this file; these names are the module's API.
export {
  DEFAULT_TEMPORAL_ADDRESS,
  DEFAULT_TEMPORAL_NAMESPACE,
  DEPRECATED,
  LOG_LEVELS,
  type Env,
  type LogLevel,
} from './config-variables';
export { configTableMarkdown, VARIABLES, type VariableDoc } from './config-docs';
export type { TemporalConfig } from './config-temporal';

// ---- the parsed configuration ------------------------------------------------------------------

export interface Config {
  temporal: TemporalConfig;
  database: { url?: string; poolSize: number; dataDir: string };
  stateDir: string;
  evidenceDir: string;
  api: { host: string; port: number; keys?: string; keysFile?: string };
  worker: { workflowCache: number; logLevel: LogLevel };
  /** Prometheus: where the SDK serves worker metrics, and the token that may scrape the API. */
  /** workerHealth: where a worker-only process answers /healthz and /readyz. */
  metrics: { workerAddress?: string; workerHealth?: string; token?: string };
  /** Worker Deployment Versioning: on when a build id is set. */
  deployment: { name: string; buildId?: string };
  /** The audit log's signing key (PEM text or a file; read by client/audit-key.ts) and head interval. */
  audit: { signingKey?: string; signingKeyFile?: string; headIntervalMs: number };
  /** uiWritable: the dev stack's Web UI may act on workflows (off by default: it reads, as in production). */
  devServer: { port: number; uiPort: number; uiWritable: boolean; cliPath?: string; testServerPath?: string };
  cli: { apiUrl: string; apiKey?: string; actor?: string };
  /** The console (client/console/): its public address and how long sessions last. */
  console: {
    publicUrl?: string;
    idleMinutes: number;
    maxHours: number;
    /** The Chromium that prints the console's PDF documents. */
    chromium: string;
    /** Single sign-on; absent unless issuer, client id and secret are all set. */
    oidc?: { issuer: string; clientId: string; clientSecret: string; groupRoles: string; groupsClaim: string };
  };
  /** Where notices are mailed (client/notices/mailer.ts); no host: they wait in the outbox. */
  smtp: {
    host?: string;
    port: number;
    tls: boolean;
    user?: string;
    password?: string;
    from: string;
    intervalMs: number;
  };
  /** `npm start`'s local mail server (maildev), started when no SMTP_HOST is set. */
  localMail: { port: number; uiPort: number };
  /**
   * Webhook deliveries (client/webhooks/): loopback receivers allowed (tests), the first retry
   * delay, and the key that encrypts signing secrets at rest (base64; none: stored in clear).
   */
  webhooks: { allowLoopback: boolean; firstRetryMs: number; secretKey?: string };
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
    metrics: {
      workerAddress: e.TRANSFERFLOW_WORKER_METRICS,
      workerHealth: e.TRANSFERFLOW_WORKER_HEALTH,
      token: e.TRANSFERFLOW_METRICS_TOKEN,
    },
    deployment: { name: e.TRANSFERFLOW_DEPLOYMENT_NAME ?? 'transferflow', buildId: e.TRANSFERFLOW_BUILD_ID },
    audit: {
      signingKey: e.TRANSFERFLOW_AUDIT_KEY,
      signingKeyFile: e.TRANSFERFLOW_AUDIT_KEY_FILE,
      headIntervalMs: e.TRANSFERFLOW_AUDIT_HEAD_INTERVAL_MS ?? 5000,
    },
    devServer: {
      port: e.TRANSFERFLOW_TEMPORAL_PORT ?? 7233,
      uiPort: e.TRANSFERFLOW_TEMPORAL_UI_PORT ?? 8233,
      uiWritable: e.TRANSFERFLOW_TEMPORAL_UI_WRITABLE === 'true' || e.TRANSFERFLOW_TEMPORAL_UI_WRITABLE === '1',
      cliPath: e.TEMPORAL_CLI_PATH,
      testServerPath: e.TEMPORAL_TEST_SERVER_PATH,
    },
    cli: {
      apiUrl: (e.TRANSFERFLOW_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
      apiKey: e.TRANSFERFLOW_API_KEY,
      actor: e.TRANSFERFLOW_ACTOR,
    },
    console: {
      publicUrl: e.TRANSFERFLOW_PUBLIC_URL?.replace(/\/$/, ''),
      idleMinutes: e.TRANSFERFLOW_SESSION_IDLE_MINUTES ?? 30,
      maxHours: e.TRANSFERFLOW_SESSION_MAX_HOURS ?? 12,
      chromium: e.TRANSFERFLOW_CHROMIUM ?? '/usr/bin/chromium',
      oidc:
        e.TRANSFERFLOW_OIDC_ISSUER && e.TRANSFERFLOW_OIDC_CLIENT_ID && e.TRANSFERFLOW_OIDC_CLIENT_SECRET
          ? {
              issuer: e.TRANSFERFLOW_OIDC_ISSUER,
              clientId: e.TRANSFERFLOW_OIDC_CLIENT_ID,
              clientSecret: e.TRANSFERFLOW_OIDC_CLIENT_SECRET,
              groupRoles: e.TRANSFERFLOW_OIDC_GROUP_ROLES ?? '{}',
              groupsClaim: e.TRANSFERFLOW_OIDC_GROUPS_CLAIM ?? 'groups',
            }
          : undefined,
    },
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT ?? (e.SMTP_TLS === 'true' || e.SMTP_TLS === '1' ? 465 : 587),
      tls: e.SMTP_TLS === 'true' || e.SMTP_TLS === '1',
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.SMTP_FROM ?? 'transferflow <noreply@localhost>',
      intervalMs: e.TRANSFERFLOW_NOTICE_INTERVAL_MS ?? 5000,
    },
    localMail: { port: e.TRANSFERFLOW_MAIL_PORT ?? 1025, uiPort: e.TRANSFERFLOW_MAIL_UI_PORT ?? 1080 },
    webhooks: {
      allowLoopback: e.TRANSFERFLOW_WEBHOOK_ALLOW_LOOPBACK === 'true' || e.TRANSFERFLOW_WEBHOOK_ALLOW_LOOPBACK === '1',
      firstRetryMs: e.TRANSFERFLOW_WEBHOOK_RETRY_MS ?? 30_000,
      secretKey: e.TRANSFERFLOW_WEBHOOK_SECRET_KEY,
    },
    warnings,
  });
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
