// Fault tests for licences on real parts: the worker is a separate `transferflow worker`
// process on its own Temporal dev server (state in a file) and PostgreSQL. A licence whose
// schedule is months behind catches up while the worker is killed, the dev server restarts,
// and the database refuses connections — and afterwards every instalment is posted once, every
// payment applied once, and the ledger rows equal the workflow's totals.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { Client, Connection } from '@temporalio/client';
import { startDevServer, type DevServer } from '../../client/dev-server';
import { addDays, addMonths, chinaDate } from '../../policies/dates';
import { licenceViewQuery, type LicenceView } from '../../workflows/deferred-licence-definitions';
import { licenceAct, licenceFixture, startLicence } from '../support/licence-driver';
import { eventually } from '../support/rights-grant-driver';
import { allowConnections, openTestDatabase, type TestDatabase } from '../support/test-db';
import { localActivityAttempts } from '../support/history-markers';
import { TASK_QUEUE } from '../../workflows/definitions';
import { freePort } from '../support/free-port';

const BIN = path.join(__dirname, '..', '..', 'bin', 'transferflow.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-faults-'));
let ports: { temporal: number; ui: number };
let server: DevServer;
let db: TestDatabase;
let connection: Connection;
let client: Client;
let worker: ChildProcess | null = null;

const startServer = () =>
  startDevServer({ port: ports.temporal, uiPort: ports.ui, dbFile: path.join(dir, 'temporal.db'), headless: true });

async function connect(): Promise<void> {
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
}

/** `transferflow worker` as its own process; resolves once it polls. */
function startWorker(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'worker'], {
      env: { ...process.env, NODE_OPTIONS: '', TEMPORAL_ADDRESS: server.address, DATABASE_URL: db.url! },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr!.on('data', (c: Buffer) => {
      log += c.toString();
      if (log.includes('worker on ')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`the worker exited (${code}) before polling:\n${log}`)));
  });
}

function kill(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  ports = { temporal: await freePort(), ui: await freePort() };
  [server, db] = await Promise.all([startServer(), openTestDatabase('postgres')]);
  await connect();
  worker = await startWorker();
}, 120_000);

afterAll(async () => {
  await kill(worker);
  await connection?.close();
  await server?.stop();
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const today = chinaDate(Date.now());
// 12 monthly instalments from 6 months (less 10 days) ago: 1–6 fell due before the licence was
// registered, 7 is 10 days ahead — the licence has months to catch up the moment it is registered.
// Each past instalment is posted as due that day, its grace counted from then (the licensee learns
// of it only now), so nothing is overdue or in default yet.
const effectiveOn = addDays(addMonths(today, -18), 10);
const fixture = licenceFixture({ effectiveOn, payment: { feeCny: 12_000, instalments: 12, intervalMonths: 1 } });
fixture.request.asOf = today;
const view = () => client.workflow.getHandle('deferred-licence/fault-1').query(licenceViewQuery);

async function expectLedgerExact(v: LicenceView): Promise<void> {
  const rows = await db.prisma.licenceLedgerEntry.findMany({ where: { caseId: 'fault-1' } });
  const sum = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .reduce((s, r) => s.plus(r.amountCny.toString()), new Decimal(0))
      .toFixed(2);
  expect({ due: sum('due'), paid: sum('payment') }).toEqual({ due: v.ledger.dueCny, paid: v.ledger.paidCny });
  const dues = rows
    .filter((r) => r.kind === 'due')
    .map((r) => r.itemNo)
    .sort((a, b) => a! - b!);
  expect(dues).toEqual(v.schedule.filter((i) => i.posted).map((i) => i.no)); // each instalment once
  expect(new Set(v.history.filter((h) => h.action === 'posted').map((h) => h.item)).size).toBe(
    v.history.filter((h) => h.action === 'posted').length,
  );
  expect(await db.prisma.auditEvent.count({ where: { caseId: 'deferred-licence/fault-1' } })).toBe(v.history.length);
}

test('the worker is killed while the licence catches up months of instalments; a new worker finishes, nothing lost or doubled', async () => {
  const handle = await startLicence(client, TASK_QUEUE, 'fault-1', fixture);
  await eventually(
    () => handle.query(licenceViewQuery),
    (v) => v.stage === 'contract',
    'contract',
  );
  await licenceAct(handle, 'tto', { action: 'sign', reference: 'LIC-F-1' });
  await licenceAct(handle, 'tto', { action: 'register', reference: '2025500009990001' });
  await kill(worker); // mid catch-up: the past instalments are being posted
  worker = await startWorker();
  // The killed worker's workflow task must time out first (sticky queue, then the task timeout).
  const v = await eventually(
    view,
    (x) => x.schedule.filter((i) => i.posted).length === 6,
    'caught up after the restart',
    90_000,
  );
  expect(v.schedule.map((i) => i.status)).toEqual([...Array(6).fill('due'), ...Array(6).fill('scheduled')]);
  expect(v).toMatchObject({
    stage: 'paying',
    noticedOn: today,
    ledger: { dueCny: '6000.00', paidCny: '0.00', overdueCny: '0.00' },
  });
  expect(v.creditFlagged ?? false).toBe(false);
  expect(v.guaranteeClaims).toEqual([]);
  await expectLedgerExact(v);
}, 180_000);

test('the Temporal dev server restarts: the licence is still there and a payment lands once', async () => {
  await kill(worker);
  await connection.close();
  await server.stop();
  server = await startServer();
  await connect();
  worker = await startWorker();
  const before = await view();
  expect(before.stage).toBe('paying');
  const handle = client.workflow.getHandle('deferred-licence/fault-1');
  const pay = {
    action: 'record-payment' as const,
    amountCny: '6000.00',
    reference: 'CCB-F-1',
    payer: 'Liangjiang Sensors Ltd.',
  };
  const after = await licenceAct(handle, 'tto', pay);
  await licenceAct(handle, 'tto', pay); // sent twice
  expect(after).toMatchObject({
    stage: 'paying',
    ledger: { paidCny: '6000.00', balanceCny: '0.00', overdueCny: '0.00' },
  });
  expect(after.payments).toHaveLength(1);
  await expectLedgerExact(await view());
}, 180_000);

test('the database refuses connections while a payment is recorded: the step retries and the ledger ends exact', async () => {
  const handle = client.workflow.getHandle('deferred-licence/fault-1');
  await allowConnections(db.url!, false);
  const paying = licenceAct(handle, 'tto', {
    action: 'record-payment',
    amountCny: '1000.00',
    reference: 'CCB-F-2',
    payer: 'Liangjiang Sensors Ltd.',
  });
  await new Promise((r) => setTimeout(r, 3_000));
  await allowConnections(db.url!, true);
  const v = await paying;
  expect(v.ledger).toMatchObject({ paidCny: '7000.00', balanceCny: '-1000.00' });
  const latest = await handle.fetchHistory();
  expect(localActivityAttempts(latest, 'recordLicenceStep')).toBeGreaterThan(1);
  const final = await view();
  await expectLedgerExact(final);
  expect(await db.prisma.licenceLedgerEntry.count({ where: { caseId: 'fault-1', kind: 'payment' } })).toBe(2);
}, 120_000);
