// One owner per data folder, tried as a user would with `transferflow dev` (the embedded stack:
// its own Temporal dev server and PGlite) in separate processes: a second stack and a CLI
// command on the same folder refuse, naming the owner; the stack is killed with SIGKILL (no
// handler runs) and its dev server goes with it; started again, the stack takes over the stale
// locks, and every loan check it had acknowledged is there with its audit event.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../prisma/database';
import { cli } from '../support/cli';
import { loanRequest } from '../support/loan-fixtures';
import { freePort } from '../support/free-port';

const BIN = path.join(__dirname, '..', '..', 'bin', 'transferflow.js');
const BANK_KEY = 'unclean-stop-bank-key-0123456789';
const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-unclean-'));
const dataDir = path.join(dir, 'pglite');
let env: Record<string, string>;

/** Whether something still listens on the port (the dev server, if it outlived its parent). */
function portBusy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer()
      .once('error', () => resolve(true))
      .listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });
}

interface Running {
  child: ChildProcess;
  apiUrl: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** `transferflow dev` as its own process; resolves once it says it is running. */
function startDev(): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'dev'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /API\s+(http:\/\/[\d.:]+)\/v1/.exec(out);
      if (m) resolve({ child, apiUrl: m[1], exited, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`transferflow dev exited (${code}) before running:\n${out}`)));
  });
}

async function submit(apiUrl: string, requestId: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${apiUrl}/v1/loan-checks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BANK_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(loanRequest({ requestId })),
  });
  return { status: res.status, body: await res.json() };
}

let stack: Running | undefined;
let probeId: string;

beforeAll(async () => {
  const [api, temporal, ui] = [await freePort(), await freePort(), await freePort()];
  env = {
    ...(process.env as Record<string, string>),
    NODE_OPTIONS: '',
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    TRANSFERFLOW_STATE_DIR: dir,
    TRANSFERFLOW_DATA_DIR: dataDir,
    PORT: String(api),
    TRANSFERFLOW_TEMPORAL_PORT: String(temporal),
    TRANSFERFLOW_TEMPORAL_UI_PORT: String(ui),
    TRANSFERFLOW_API_KEYS: JSON.stringify([{ name: 'cq-bank-ops', role: 'bank', key: BANK_KEY, bankIds: ['cq-bank'] }]),
  };
  stack = await startDev();
}, 120_000);

afterAll(async () => {
  if (stack && stack.child.exitCode === null) {
    stack.child.kill('SIGTERM');
    await stack.exited;
  }
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('a second stack and a CLI command on the same folder refuse, naming the owner', async () => {
  const second = await cli(['dev'], { ...env, PORT: String(await freePort()) });
  expect(second.code).not.toBe(0);
  expect(second.stderr).toContain(`in use by process ${stack!.child.pid}`);
  const chain = await cli(['audit', 'chain'], env);
  expect(chain.code).toBe(1);
  expect(chain.stderr).toContain(`in use by process ${stack!.child.pid}`);
  // The refusals left the running stack untouched.
  const probe = await submit(stack!.apiUrl, 'unclean-probe');
  expect(probe.status).toBe(200);
  probeId = probe.body.id;
}, 120_000);

test('killed with SIGKILL and started again, every acknowledged loan check and its audit event is there', async () => {
  const temporalPort = Number(env.TRANSFERFLOW_TEMPORAL_PORT);
  const acknowledged: string[] = ['unclean-probe'];
  // The ids the API answered with, to ask for each again after the restart.
  const ids: string[] = [probeId];
  for (let i = 0; i < 10; i++) {
    const res = await submit(stack!.apiUrl, `unclean-${i}`);
    expect(res.status).toBe(200);
    expect(res.body.decision).toBe('approved');
    acknowledged.push(`unclean-${i}`);
    ids.push(res.body.id);
  }
  stack!.child.kill('SIGKILL');
  await stack!.exited;
  // The dev server dies with its parent, which no handler of the parent could have arranged.
  const deadline = Date.now() + 15_000;
  while ((await portBusy(temporalPort)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  expect(await portBusy(temporalPort)).toBe(false);
  // SIGKILL left the locks behind; the next start takes them over.
  expect(existsSync(`${dataDir}.lock`)).toBe(true);

  stack = await startDev();
  for (const id of ids) {
    const res = await fetch(`${stack.apiUrl}/v1/loan-checks/${id}`, {
      headers: { authorization: `Bearer ${BANK_KEY}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, decision: 'approved' });
  }
  expect((await submit(stack.apiUrl, 'unclean-after')).status).toBe(200);

  // A clean stop (SIGTERM) exits 0 and releases the folder.
  stack.child.kill('SIGTERM');
  expect(await stack.exited).toBe(0);
  expect(stack.output()).toContain('stopped.');
  expect(existsSync(`${dataDir}.lock`)).toBe(false);
  expect(await portBusy(temporalPort)).toBe(false);

  const db = await openDatabase({ dataDir, url: '' });
  try {
    for (const requestId of [...acknowledged, 'unclean-after']) {
      const check = await db.prisma.loanCheck.findFirst({ where: { requestId } });
      expect(check).not.toBeNull();
      expect(await db.prisma.auditEvent.count({ where: { caseId: check!.workflowId } })).toBe(1);
    }
  } finally {
    await db.close();
  }
}, 300_000);

test('a stack that cannot listen (port in use) stops what it started and exits non-zero with the reason', async () => {
  const busy = createServer();
  const port = await new Promise<number>((resolve) =>
    busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)),
  );
  try {
    const started = Date.now();
    const run = await cli(['dev'], { ...env, PORT: String(port) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
    expect(Date.now() - started).toBeLessThan(60_000);
  } finally {
    busy.close();
  }
  // Nothing was left behind: no dev server, no held folder.
  expect(await portBusy(Number(env.TRANSFERFLOW_TEMPORAL_PORT))).toBe(false);
  expect(existsSync(`${dataDir}.lock`)).toBe(false);
  expect(existsSync(path.join(dir, 'temporal.sqlite.lock'))).toBe(false);
}, 120_000);
