// `npm run bench:cluster`: loan checks per second and their p99 through one API-only process
// (`transferflow serve --no-worker`) with one and with two `transferflow worker` processes, on the
// real Temporal cluster on PostgreSQL (scripts/temporal-cluster.sh) — next to the Temporal CLI's
// dev server with one worker, in the same run on the same machine. The domain database is
// PostgreSQL in every configuration (the cluster's server, one database per configuration), so
// only Temporal and the number of workers differ. Closed loop: TF_BENCH_CLIENTS clients (default
// 16), each sending its next request when the last is answered, for TF_BENCH_SECONDS (default 30)
// after a 5-second warm-up.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { startDevServer } from '../../client/dev-server';
import { freePort } from '../support/free-port';
import globalSetup from '../cluster/support/global-setup';
import globalTeardown from '../cluster/support/global-teardown';
import { clusterEnv } from '../cluster/support/cluster';
import { CLUSTER_KEYS, TransferflowProcess } from '../cluster/support/processes';

const CLIENTS = Number(process.env.TF_BENCH_CLIENTS ?? 16);
const SECONDS = Number(process.env.TF_BENCH_SECONDS ?? 30);
const WARM_UP_SECONDS = 5;

interface Figures {
  setup: string;
  checksPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

async function createDatabase(name: string): Promise<string> {
  const admin = clusterEnv().databaseUrl.replace(/\/[^/]+$/, '/postgres');
  const pg = new PgClient({ connectionString: admin });
  await pg.connect();
  await pg.query(`DROP DATABASE IF EXISTS ${name}`);
  await pg.query(`CREATE DATABASE ${name}`);
  await pg.end();
  return admin.replace(/\/postgres$/, `/${name}`);
}

async function measure(setup: string, temporalAddress: string, workers: number, db: string): Promise<Figures> {
  const databaseUrl = await createDatabase(db);
  const env = { TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl };
  const port = await freePort();
  const api = new TransferflowProcess(`bench-${db}-api`, ['serve', '--no-worker'], { ...env, PORT: String(port) });
  const workerProcesses = Array.from(
    { length: workers },
    (_, i) => new TransferflowProcess(`bench-${db}-worker-${i + 1}`, ['worker'], env),
  );
  // The API first: it applies the migrations the workers then find done.
  await api.start(/transferflow is running/);
  await Promise.all(workerProcesses.map((w) => w.start(/^worker on /m)));
  const url = `http://127.0.0.1:${port}/v1/loan-checks`;
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const warmUpEnds = Date.now() + WARM_UP_SECONDS * 1000;
  const ends = warmUpEnds + SECONDS * 1000;
  const client = async (c: number) => {
    while (Date.now() < ends) {
      const requestId = `bench-${c}-${n++}`;
      const t0 = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${CLUSTER_KEYS.bank}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...EXAMPLE_LOAN_REQUEST, requestId }),
      }).catch(() => null);
      await res?.text();
      const ms = performance.now() - t0;
      if (Date.now() < warmUpEnds) continue;
      if (res && (res.status === 200 || res.status === 201)) latencies.push(ms);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  await Promise.all([api, ...workerProcesses].map((p) => p.kill('SIGTERM')));
  latencies.sort((a, b) => a - b);
  return {
    setup,
    checksPerSecond: Math.round((latencies.length / SECONDS) * 10) / 10,
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    errors,
  };
}

async function main(): Promise<void> {
  await globalSetup();
  const devState = mkdtempSync(path.join(os.tmpdir(), 'tf-bench-dev-'));
  const results: Figures[] = [];
  try {
    const { temporalAddress } = clusterEnv();
    results.push(await measure('cluster, 1 worker process', temporalAddress, 1, 'bench_cluster_1'));
    results.push(await measure('cluster, 2 worker processes', temporalAddress, 2, 'bench_cluster_2'));
    const dev = await startDevServer({
      port: await freePort(),
      uiPort: await freePort(),
      dbFile: path.join(devState, 'temporal.sqlite'),
      headless: true,
    });
    try {
      results.push(await measure('dev server (SQLite), 1 worker process', dev.address, 1, 'bench_dev_1'));
    } finally {
      await dev.stop();
    }
  } finally {
    await globalTeardown();
    rmSync(devState, { recursive: true, force: true });
  }
  console.log(
    `\nloan checks through one API process, ${CLIENTS} clients, ${SECONDS} s each, on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load average ${os.loadavg()[0].toFixed(1)}:`,
  );
  console.table(results);
  console.log(
    JSON.stringify({
      clients: CLIENTS,
      seconds: SECONDS,
      cores: os.cpus().length,
      loadAverage: os.loadavg()[0],
      results,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
