// Takes the cluster down (every service, the JWKS server, PostgreSQL) and removes its state folder.
import { rmSync } from 'node:fs';
import { clusterScript } from './cluster';

export default async function globalTeardown(): Promise<void> {
  if (!process.env.TF_CLUSTER_DIR) return;
  await clusterScript('down').catch((e: Error) => process.stderr.write(`cluster down: ${e.message}\n`));
  if (!process.env.TF_CLUSTER_KEEP) rmSync(process.env.TF_CLUSTER_DIR, { recursive: true, force: true });
}
