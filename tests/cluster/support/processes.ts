// transferflow as operators run it on a cluster: `transferflow worker` and `transferflow serve
// --no-worker` as separate processes, each its own Node process on the cluster's Temporal and
// PostgreSQL — killed and restarted by the chaos test exactly as a crash and a supervisor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_LOAN_REQUEST } from '../../../policies/ma-loan/example-request';
import { freePort } from '../../support/free-port';
import { readToken } from '../../../scripts/cluster-connection';
import { clusterEnv, ROOT } from './cluster';

export const CLUSTER_KEYS = {
  bank: 'cluster-bank-key-0123456789',
  tto: 'cluster-tto-key-0123456789',
  department: 'cluster-department-key-0123456789',
  auditor: 'cluster-auditor-key-0123456789',
  admin: 'cluster-admin-key-0123456789',
};
export const METRICS_TOKEN = 'cluster-scrape-token-0123456789';

/** The environment every transferflow process of the run shares (one audit key, one set of API keys). */
/** On a secure cluster: the test CA's client certificate and the identity's token (api, worker, auditor). */
export function secureEnv(identity: string): Record<string, string> {
  const { dir, secure } = clusterEnv();
  if (!secure) return {};
  const file = (name: string) => path.join(dir, 'secure', name);
  return {
    TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem'),
    TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key'),
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem'),
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
    TEMPORAL_API_KEY: readToken(dir, identity),
  };
}

export function transferflowEnv(): Record<string, string> {
  const { dir, temporalAddress, databaseUrl } = clusterEnv();
  const auditKey = path.join(dir, 'audit-signing-key.pem');
  writeFileSync(auditKey, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), {
    mode: 0o600,
  });
  return {
    ...secureEnv('api'),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    DATABASE_URL: databaseUrl,
    TRANSFERFLOW_AUDIT_KEY_FILE: auditKey,
    TRANSFERFLOW_METRICS_TOKEN: METRICS_TOKEN,
    TRANSFERFLOW_API_KEYS: JSON.stringify([
      { name: 'bank', role: 'bank', key: CLUSTER_KEYS.bank, bankIds: [EXAMPLE_LOAN_REQUEST.bank.id] },
      { name: 'tto', role: 'tto', key: CLUSTER_KEYS.tto },
      { name: 'department', role: 'department', key: CLUSTER_KEYS.department },
      { name: 'auditor', role: 'auditor', key: CLUSTER_KEYS.auditor },
      { name: 'admin', role: 'admin', key: CLUSTER_KEYS.admin },
    ]),
  };
}

let sharedEnv: Record<string, string> | undefined;
/** The environment this test file's processes run with (made once: one audit key per file). */
export const sharedTransferflowEnv = () => (sharedEnv ??= transferflowEnv());
const env = sharedTransferflowEnv;

export class TransferflowProcess {
  child?: ChildProcess;
  constructor(
    readonly name: string,
    readonly args: string[],
    readonly extraEnv: Record<string, string> = {},
    /** A readiness probe (a worker's /readyz): start() resolves only once it answers 200. */
    readonly readyUrl?: string,
  ) {}

  /** Starts (or starts again) the process; resolves once it says it is serving. */
  async start(readyLine: RegExp, timeoutMs = 90_000): Promise<void> {
    const log = createWriteStream(path.join(clusterEnv().dir, 'logs', `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'transferflow.js'), ...this.args], {
      cwd: ROOT,
      env: { ...process.env, ...env(), ...this.extraEnv, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start: ${seen.slice(-2000)}`)), timeoutMs);
      const watch = (chunk: Buffer) => {
        log.write(chunk);
        seen += chunk.toString();
        if (readyLine.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', watch);
      child.stderr!.on('data', watch);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code}: ${seen.slice(-2000)}`));
      });
    });
    if (this.readyUrl) await this.untilReady(timeoutMs);
  }

  /** Polls the readiness probe until it answers 200 (the worker polls, Temporal and the database answer). */
  async untilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const status = await fetch(this.readyUrl!, { signal: AbortSignal.timeout(5000) }).then(
        async (res) => {
          last = `${res.status} ${await res.text()}`;
          return res.status;
        },
        (e: Error) => ((last = e.message), 0),
      );
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready at ${this.readyUrl}: ${last}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** SIGKILL: no drain, no goodbye — a crash. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}

/** `transferflow worker` with its probes on a port of its own; resolves once its /readyz says ready. */
export async function startWorker(name: string, extraEnv: Record<string, string> = {}): Promise<TransferflowProcess> {
  const port = await freePort();
  const p = new TransferflowProcess(
    name,
    ['worker'],
    { ...secureEnv('worker'), ...extraEnv, TRANSFERFLOW_WORKER_HEALTH: `127.0.0.1:${port}` },
    `http://127.0.0.1:${port}/readyz`,
  );
  await p.start(/^worker on /m);
  return p;
}

export async function startApi(
  name: string,
  extraEnv: Record<string, string> = {},
): Promise<{ process: TransferflowProcess; url: string }> {
  const port = await freePort();
  const p = new TransferflowProcess(name, ['serve', '--no-worker'], { ...extraEnv, PORT: String(port) });
  await p.start(/transferflow is running/);
  return { process: p, url: `http://127.0.0.1:${port}` };
}
