// What each environment variable means, as README's configuration table shows it (its default in
// words and its description), and the table itself, rendered from this list and checked against it
// (tests/unit/config.test.ts). The variables and their value kinds are in config-variables.ts.
import { LOG_LEVELS, type VariableName } from './config-variables';

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
  TRANSFERFLOW_WORKER_HEALTH: {
    default: '— (no probes)',
    description:
      'host:port where `transferflow worker` answers `/healthz` (alive) and `/readyz` (worker running, Temporal and the database reachable) for its supervisor',
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
  TRANSFERFLOW_TEMPORAL_UI_WRITABLE: {
    default: '`false` (read-only)',
    description:
      "`true` gives the embedded dev server's Web UI its write actions (terminate, signal, reset, start…); by default it only reads, as in production",
  },
  TEMPORAL_CLI_PATH: {
    default: '`tools/bin/temporal`',
    description: 'an existing Temporal CLI to run the dev server with, instead of the one `npm start` builds',
  },
  TEMPORAL_TEST_SERVER_PATH: {
    default: '`tools/bin/temporal-test-server`',
    description: 'an existing time-skipping test server, instead of the one the tests install',
  },
  TRANSFERFLOW_PUBLIC_URL: {
    default: '— (`http://HOST:PORT`)',
    description:
      "the console's address as people's browsers reach it (behind a proxy: the proxy's); `https://…` marks its cookies `Secure`, and single sign-on returns to it",
  },
  TRANSFERFLOW_CHROMIUM: {
    default: '`/usr/bin/chromium`',
    description:
      "the Chromium the console prints its PDF documents with (Debian's `chromium`, with `fonts-noto-cjk` for the Chinese text)",
  },
  TRANSFERFLOW_SESSION_IDLE_MINUTES: {
    default: '`30`',
    description: 'a console session unused this long ends (1–10080)',
  },
  TRANSFERFLOW_SESSION_MAX_HOURS: {
    default: '`12`',
    description: 'a console session ends this long after sign-in, however active (1–720)',
  },
  TRANSFERFLOW_OIDC_ISSUER: {
    default: '— (no single sign-on)',
    description:
      "an OpenID Connect provider (the university's identity provider): the console offers single sign-on through it (authorization code + PKCE); needs the client id and secret",
  },
  TRANSFERFLOW_OIDC_CLIENT_ID: { default: '—', description: "the console's client id at that provider" },
  TRANSFERFLOW_OIDC_CLIENT_SECRET: { default: '—', description: "the console's client secret", secret: true },
  TRANSFERFLOW_OIDC_GROUP_ROLES: {
    default: '`{}`',
    description:
      'JSON: provider group → roles a member gets on first sign-on, e.g. `{"tto-staff":[{"role":"tto"}],"bank-icbc":[{"role":"bank","bankIds":["icbc"]}]}`. Without a matching group, only a person already here (linked, or with the same verified e-mail) signs in',
  },
  TRANSFERFLOW_OIDC_GROUPS_CLAIM: { default: '`groups`', description: 'the ID-token claim that lists groups' },
  TRANSFERFLOW_API_URL: {
    default: '`http://127.0.0.1:3000`',
    description: 'where `transferflow case`, `licence` and `review` send their requests',
  },
  TRANSFERFLOW_API_KEY: { default: '—', description: 'the API key those commands act with', secret: true },
  TRANSFERFLOW_ACTOR: {
    default: '`cli:<os user>`',
    description: 'who the CLI records as acting when it starts workflows itself (`loan check`)',
  },
  SMTP_HOST: {
    default: '— (`npm start`: its local maildev)',
    description: 'the mail server notices are sent through; without it notices wait in the outbox (pending)',
  },
  SMTP_PORT: { default: '`587` (`465` with `SMTP_TLS=true`)', description: "the mail server's port" },
  SMTP_TLS: {
    default: '`false` (STARTTLS when the server offers it)',
    description: '`true` for implicit TLS from the first byte (port 465)',
  },
  SMTP_USER: { default: '—', description: 'the mail server login, if it asks for one' },
  SMTP_PASSWORD: { default: '—', description: 'its password', secret: true },
  SMTP_FROM: { default: '`transferflow <noreply@localhost>`', description: 'the sender of every notice' },
  TRANSFERFLOW_NOTICE_INTERVAL_MS: {
    default: '`5000`',
    description: 'how often the worker sends the notices waiting in the outbox (100–3600000)',
  },
  TRANSFERFLOW_MAIL_PORT: {
    default: '`1025`',
    description: "the SMTP port of `npm start`'s local mail server (maildev; only without `SMTP_HOST`)",
  },
  TRANSFERFLOW_MAIL_UI_PORT: { default: '`1080`', description: "the local mail server's web inbox" },
  TRANSFERFLOW_WEBHOOK_ALLOW_LOOPBACK: {
    default: '`false`',
    description:
      '`true` lets webhook endpoints be plain `http://` on loopback (tests, a local receiver); otherwise only `https://` URLs resolving to public addresses',
  },
  TRANSFERFLOW_WEBHOOK_RETRY_MS: {
    default: '`30000`',
    description: 'the wait after a webhook delivery first fails; doubled after each attempt (at most 4 h), for 25 h',
  },
  TRANSFERFLOW_WEBHOOK_SECRET_KEY: {
    default: '— (secrets stored in clear)',
    description:
      'encrypts webhook signing secrets at rest (AES-256-GCM; 32 bytes in base64, `openssl rand -base64 32`); secrets stored before it was set still work',
    secret: true,
  },
};

/** Every variable transferflow reads, in README's order. */
export const VARIABLES: readonly VariableDoc[] = Object.freeze(
  Object.entries(DOCS).map(([name, doc]) => Object.freeze({ name, ...doc })),
);

/** README's configuration table, rendered from VARIABLES (`|` escaped for Markdown). */
export function configTableMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| variable | default | meaning |',
    '|---|---|---|',
    ...VARIABLES.map((v) => `| \`${cell(v.name)}\` | ${cell(v.default)} | ${cell(v.description)} |`),
  ].join('\n');
}
