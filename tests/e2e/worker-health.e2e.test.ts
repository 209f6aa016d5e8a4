// A worker-only process answers its supervisor's probes (TRANSFERFLOW_WORKER_HEALTH): /healthz
// while alive; /readyz 200 once the worker polls and Temporal and the database answer, 503 naming
// the part that does not — here the database closed to connections, then Temporal stopped — and
// ready again once the database is back. Real parts: `transferflow worker` as its own process, a
// Temporal dev server, PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevServer, type DevServer } from '../../client/dev-server';
import { allowConnections, openTestDatabase, type TestDatabase } from '../support/test-db';
import { eventually } from '../support/rights-grant-driver';
import { freePort } from '../support/free-port';

const BIN = path.join(__dirname, '..', '..', 'bin', 'transferflow.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-worker-health-'));
let server: DevServer;
let db: TestDatabase;
let worker: ChildProcess;
let probes: string;
let log = '';

beforeAll(async () => {
  [server, db] = await Promise.all([
    startDevServer({ port: await freePort(), uiPort: 0, dbFile: path.join(dir, 'temporal.db'), headless: true }),
    openTestDatabase('postgres'),
  ]);
  const port = await freePort();
  probes = `http://127.0.0.1:${port}`;
  worker = spawn(process.execPath, [BIN, 'worker'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      TEMPORAL_ADDRESS: server.address,
      DATABASE_URL: db.url!,
      TRANSFERFLOW_WORKER_HEALTH: `127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  worker.stderr!.on('data', (c: Buffer) => (log += c.toString()));
}, 120_000);

afterAll(async () => {
  if (worker.exitCode === null && worker.signalCode === null) {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGKILL');
    await exited;
  }
  await server?.stop();
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function get(route: string): Promise<{ status: number; body: any }> {
  try {
    const res = await fetch(`${probes}${route}`, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.json() };
  } catch {
    return { status: 0, body: undefined };
  }
}

test('alive at once; ready once the worker polls, with Temporal and the database reachable', async () => {
  await eventually(
    () => get('/healthz'),
    (r) => r.status === 200,
    'alive',
    60_000,
  );
  const ready = await eventually(
    () => get('/readyz'),
    (r) => r.status === 200,
    `ready; worker log: ${log}`,
    90_000,
  );
  expect(ready.body).toEqual({ status: 'ready', worker: 'running', temporal: 'ok', database: 'ok' });
  expect(log).toContain(`probes ${probes}/readyz`);
  expect((await get('/metrics')).status).toBe(404);
});

test('unready while the database refuses connections, ready again after', async () => {
  await allowConnections(db.url!, false);
  try {
    const down = await eventually(
      () => get('/readyz'),
      (r) => r.status === 503,
      'unready',
      30_000,
    );
    expect(down.body).toEqual({ status: 'not-ready', worker: 'running', temporal: 'ok', database: 'unreachable' });
  } finally {
    await allowConnections(db.url!, true);
  }
  await eventually(
    () => get('/readyz'),
    (r) => r.status === 200,
    'ready again',
    60_000,
  );
});

test('unready while Temporal is down; still alive', async () => {
  await server.stop();
  const down = await eventually(
    () => get('/readyz'),
    (r) => r.status === 503,
    'unready',
    30_000,
  );
  expect(down.body).toMatchObject({ status: 'not-ready', temporal: 'unreachable', database: 'ok' });
  expect((await get('/healthz')).status).toBe(200);
});
