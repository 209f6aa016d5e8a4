// The cluster the suites share: brought up by global-setup.ts with scripts/temporal-cluster.sh in a
// throwaway state folder, described to the suites through the environment (TF_CLUSTER_*).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.join(__dirname, '..', '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'temporal-cluster.sh');

export interface ClusterEnv {
  dir: string;
  temporalAddress: string;
  databaseUrl: string;
  /** Brought up with TF_CLUSTER_SECURE=1: mTLS and the JWT authorizer (clients need certificate and token). */
  secure: boolean;
}

/** The cluster global-setup.ts started (its settings travel in the environment to the test files). */
export function clusterEnv(): ClusterEnv {
  const dir = process.env.TF_CLUSTER_DIR;
  const temporalAddress = process.env.TF_CLUSTER_TEMPORAL;
  const databaseUrl = process.env.TF_CLUSTER_DATABASE_URL;
  if (!dir || !temporalAddress || !databaseUrl)
    throw new Error('no cluster: run these suites with npm run test:cluster');
  return { dir, temporalAddress, databaseUrl, secure: existsSync(path.join(dir, 'secure', 'enabled')) };
}

/** scripts/temporal-cluster.sh <args…> on the suites' cluster. */
export function clusterScript(...args: string[]): Promise<string> {
  return clusterScriptWith({}, ...args);
}

/** The same on another cluster: TF_CLUSTER_DIR, _PORT, _PG_PORT, _SECURE in `env`. */
export async function clusterScriptWith(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [SCRIPT, ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Sends a signal to one of the cluster's services (its pid file is in the state folder). */
export async function killService(service: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const pid = Number(readFileSync(path.join(clusterEnv().dir, 'pids', `${service}.pid`), 'utf8'));
  process.kill(pid, signal);
  // Wait until it is gone, so a restart does not race the dying process for its ports.
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
