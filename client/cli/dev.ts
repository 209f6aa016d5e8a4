// `transferflow dev` / `npm start`: the whole embedded stack in one command — Temporal dev
// server with Web UI, PGlite, migrations, worker, HTTP API — stopped cleanly on Ctrl-C.
// A configured Temporal address (TEMPORAL_ADDRESS, or the address of the Temporal profile in
// use) or DATABASE_URL, when set, are used instead of the embedded parts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { installRuntime } from '../../worker/runtime';
import { openDatabase } from '../../prisma/database';
import { ApiKeys, apiKeysFromEnv, ROLES } from '../api/auth';
import { startDevServer, type DevServer } from '../dev-server';
import { startStack } from '../stack';
import { temporalSettings } from '../temporal';
import { config } from '../config';
import { startLocalMail, type LocalMail } from '../local-mail';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';
import { organisationId } from '../licensee';

type DevKey = { name: string; role: (typeof ROLES)[number]; key: string; bankIds?: string[]; licenseeId?: string };

/** The dev bank key acts for the README's bank only, the dev licensee key for the README licence's licensee only. */
function withDevScope(k: DevKey): DevKey {
  if (k.role === 'bank' && !k.bankIds) return { ...k, bankIds: [EXAMPLE_LOAN_REQUEST.bank.id] };
  if (k.role === 'licensee' && !k.licenseeId) return { ...k, licenseeId: organisationId(EXAMPLE_LICENCE.licensee) };
  return k;
}
import { configuredSigner, devSigner, trainingSigner } from '../audit-key';
import { seedDevPeople, type DevPerson } from '../people/dev-people';
import { FolderEvidenceStore } from '../evidence-store';
import { startTrainingServer, type TrainingServer } from '../training/server';

/** Training mode's own folder, inside the state folder. */
function trainingStateDir(): string {
  return path.join(config().stateDir, 'training');
}

/** Without TRANSFERFLOW_API_KEYS, one key per role, made once and kept in .transferflow/ (git-ignored). */
function devKeys(stateDir: string): {
  keys: ApiKeys;
  shown: Array<{ name: string; role: string; key: string }> | null;
} {
  const fromEnv = apiKeysFromEnv();
  if (fromEnv) return { keys: fromEnv, shown: null };
  const file = path.join(stateDir, 'dev-api-keys.json');
  const kept: DevKey[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  // Roles added since the file was made get a key too; keys made before scopes get the dev scope.
  const missing = ROLES.filter((role) => !kept.some((k) => k.role === role));
  const entries = [
    ...kept,
    ...missing.map((role) => ({
      name: `dev-${role}`,
      role,
      key: `tf_dev_${role}_${randomBytes(18).toString('base64url')}`,
    })),
  ].map(withDevScope);
  if (missing.length || entries.some((e, i) => e !== kept[i])) {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(file, JSON.stringify(entries, null, 2), { mode: 0o600 });
  }
  return { keys: new ApiKeys(entries), shown: entries };
}

/**
 * dev: starts its own Temporal dev server unless an address is configured, and makes API keys
 * unless TRANSFERFLOW_API_KEYS is set. serve: production — both must be configured.
 *
 * "An address is configured" means TEMPORAL_ADDRESS, or an `address` in the Temporal profile in
 * use (TEMPORAL_PROFILE, default "default", of TEMPORAL_CONFIG_FILE or the default
 * ~/.config/temporalio/temporal.toml). Every other command connects to that same address, so
 * `dev` must not start a server of its own beside it: whoever set up a profile meant that cluster.
 */
export async function runStackCommand(
  mode: 'dev' | 'serve',
  options: { worker?: boolean; training?: boolean } = {},
): Promise<void> {
  const cfg = config();
  const training = mode === 'dev' && options.training === true;
  if (training && (cfg.temporal.addressFrom || cfg.database.url))
    throw new Error(
      'training mode runs on its own time-skipping server and data folder: unset TEMPORAL_ADDRESS (or the profile address) and DATABASE_URL',
    );
  // Training keeps everything of its own (database, evidence, logins, keys) in a folder of its
  // own, so skipping its clock ahead never touches the office's real cases.
  const stateDir = training ? trainingStateDir() : cfg.stateDir;
  if (mode === 'serve' && !cfg.temporal.addressFrom)
    throw new Error(
      'serve needs TEMPORAL_ADDRESS, or a TEMPORAL_PROFILE with an address (use `transferflow dev` for the embedded stack)',
    );
  if (mode === 'serve' && !apiKeysFromEnv())
    throw new Error('serve needs TRANSFERFLOW_API_KEYS (or TRANSFERFLOW_API_KEYS_FILE): see the README');
  // The audit log's signing key: configured, or (dev only) made once in the state folder; training
  // signs with a key of its own, made once in its own folder.
  const audit = training
    ? trainingSigner(stateDir)
    : mode === 'dev'
      ? devSigner()
      : { signer: configuredSigner(), file: null, publicFile: null, made: false };
  if (!audit.signer)
    throw new Error(
      'serve needs TRANSFERFLOW_AUDIT_KEY (or TRANSFERFLOW_AUDIT_KEY_FILE) to sign the audit log: see the README',
    );
  // This command owns Ctrl-C, SIGTERM and SIGHUP (a closed terminal): it stops the API and
  // worker first, then the database and the servers. Listening from the start means a signal
  // during start-up stops what has started instead of killing the process around it.
  installRuntime({ handleSignals: false });
  const withWorker = options.worker ?? true;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const stopSignal = new Promise<string>((resolve) => {
    for (const signal of STOP_SIGNALS) process.once(signal, () => resolve(signal));
  });
  // What has started, stopped in reverse order however this command ends.
  const started: Array<{ name: string; stop(): Promise<void> }> = [];
  const stopAll = async () => {
    for (const part of started.reverse()) {
      log(`stopping ${part.name}…`);
      await part.stop().catch((error: Error) => log(`  ${part.name}: ${error.message}`));
    }
  };
  try {
    // The database first: a folder another stack holds is refused before anything is started.
    const database = await openDatabase(training ? { dataDir: path.join(stateDir, 'pglite') } : {});
    started.push({ name: 'the database', stop: () => database.close() });
    log(`database: ${database.kind} at ${database.location}`);
    const settings = temporalSettings();
    let devServer: DevServer | undefined;
    let trainingServer: TrainingServer | undefined;
    if (training) {
      log('training mode: starting the time-skipping test server…');
      trainingServer = await startTrainingServer();
      started.push({ name: 'the time-skipping test server', stop: trainingServer.stop });
      settings.address = trainingServer.address;
    } else if (!cfg.temporal.addressFrom) {
      const port = cfg.devServer.port;
      log(`starting the Temporal dev server on 127.0.0.1:${port}…`);
      devServer = await startDevServer({
        port,
        uiPort: cfg.devServer.uiPort,
        uiWritable: cfg.devServer.uiWritable,
        dbFile: path.join(cfg.stateDir, 'temporal.sqlite'),
        log,
      });
      started.push({ name: 'the Temporal dev server', stop: devServer.stop });
      settings.address = devServer.address;
    }
    // No mail server configured: the dev stack brings its own, with a web inbox to read the notices in.
    let localMail: LocalMail | undefined;
    if (mode === 'dev' && !cfg.smtp.host) {
      localMail = await startLocalMail({ smtpPort: cfg.localMail.port, uiPort: cfg.localMail.uiPort });
      started.push({ name: 'the local mail server', stop: localMail.stop });
    }
    const { keys, shown } = devKeys(stateDir);
    if (audit.file)
      log(
        `audit signing key (${training ? 'training' : 'dev'} only): ${audit.file}${audit.made ? ' (made now)' : ''}; public key: ${audit.publicFile}`,
      );
    const stack = await startStack({
      temporal: settings,
      database,
      keys,
      port: cfg.api.port,
      host: cfg.api.host,
      logger: { level: cfg.worker.logLevel },
      auditSigner: audit.signer,
      auditHeadIntervalMs: cfg.audit.headIntervalMs,
      worker: withWorker,
      training: trainingServer?.clock,
      evidence: training ? new FolderEvidenceStore(path.join(stateDir, 'evidence')) : undefined,
      // Only a process that runs a worker has SDK worker metrics to append.
      metrics: { token: cfg.metrics.token, sdkMetricsAddress: withWorker ? cfg.metrics.workerAddress : undefined },
      smtp: localMail
        ? { host: '127.0.0.1', port: localMail.smtpPort, tls: false, from: cfg.smtp.from, intervalMs: 1000 }
        : cfg.smtp,
    });
    started.push({ name: withWorker ? 'the API and worker' : 'the API', stop: stack.stop });
    const people =
      mode === 'dev'
        ? await seedDevPeople(database.prisma, stateDir, {
            bank: { bankIds: [EXAMPLE_LOAN_REQUEST.bank.id] },
            licensee: { licenseeId: organisationId(EXAMPLE_LICENCE.licensee) },
          })
        : null;
    printBanner(stack.apiUrl, settings.address, devServer, database, shown, people, localMail, stateDir);
    if (trainingServer)
      log(
        `\nTRAINING MODE: Temporal runs on the time-skipping test server (no Web UI); data in ${stateDir}.\n` +
          'Every console page carries a "skip ahead N days" control.',
      );
    log(`\n${await stopSignal}: stopping…`);
  } finally {
    await stopAll();
  }
  log('stopped.');
}

/** SIGINT (Ctrl-C), SIGTERM (kill, systemd, docker stop) and SIGHUP (the terminal closed) all stop the stack. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The banner's Web UI line: where it is and whether it can act, or why it is off. */
function webUi(devServer: DevServer): string {
  const ui = devServer.ui;
  if ('missing' in ui) return `off (${ui.missing})`;
  return ui.readOnly ? `${ui.url} (read-only; TRANSFERFLOW_TEMPORAL_UI_WRITABLE=true to act)` : `${ui.url} (writable)`;
}

function printBanner(
  apiUrl: string,
  address: string,
  devServer: DevServer | undefined,
  database: { kind: string; location: string },
  shown: Array<{ role: string; key: string }> | null,
  people: { file: string; people: DevPerson[] } | null,
  localMail: LocalMail | undefined,
  stateDir: string,
): void {
  const cfg = config();
  const bankKey = shown?.find((k) => k.role === 'bank')?.key ?? '<your bank API key>';
  console.log(`
transferflow is running
  Console      ${cfg.console.publicUrl ?? apiUrl}/   (sign in with a login below)
  API          ${apiUrl}/v1   (OpenAPI: ${apiUrl}/v1/openapi.json)
  Temporal     ${address}${devServer ? `   Web UI: ${webUi(devServer)}` : cfg.temporal.addressFrom ? `   (from ${cfg.temporal.addressFrom})` : '   (time-skipping test server: training mode)'}
  Database     ${database.kind}: ${database.location}
  Mail         ${localMail ? `${localMail.inboxUrl}   (local inbox: every notice sent lands here; SMTP 127.0.0.1:${localMail.smtpPort})` : cfg.smtp.host ? `via ${cfg.smtp.host}:${cfg.smtp.port}` : 'not sent (no SMTP_HOST)'}
${people ? `  Console logins (dev only, kept in ${people.file}):\n${people.people.map((p) => `    ${p.role.padEnd(10)} ${p.login.padEnd(16)} ${p.password}`).join('\n')}\n` : ''}${shown ? `  API keys (dev only, kept in ${path.join(stateDir, 'dev-api-keys.json')}):\n${shown.map((k) => `    ${k.role.padEnd(10)} ${k.key}`).join('\n')}\n` : ''}
Try a loan check:
  curl -s -X POST ${apiUrl}/v1/loan-checks \\
    -H 'Authorization: Bearer ${bankKey}' -H 'Content-Type: application/json' \\
    -d '${JSON.stringify(EXAMPLE_LOAN_REQUEST)}'

Ctrl-C stops everything.`);
}
