// Brings the cluster up once for `npm run test:cluster`: scripts/temporal-cluster.sh in a fresh state
// folder (its own PostgreSQL, one process per Temporal service), the suites told where it is.
import { chmodSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { clusterScript } from './cluster';

export default async function globalSetup(): Promise<void> {
  // /var/tmp: the postgres user (PostgreSQL refuses to run as root) must be able to enter it.
  const dir = mkdtempSync(path.join(process.env.TF_CLUSTER_TMP ?? '/var/tmp', 'tf-cluster-'));
  chmodSync(dir, 0o755);
  process.env.TF_CLUSTER_DIR = dir;
  process.env.TF_CLUSTER_PORT ??= '17233';
  process.env.TF_CLUSTER_PG_PORT ??= '54339';
  const env = await clusterScript('up');
  process.env.TF_CLUSTER_TEMPORAL = /TEMPORAL_ADDRESS=(\S+)/.exec(env)![1];
  process.env.TF_CLUSTER_DATABASE_URL = /DATABASE_URL=(\S+)/.exec(env)![1];
}
