// A release on the cluster with Worker Deployment Versioning (issue 16, item 4), step by step as
// docs/scaling.md "Releasing a new build" tells operators: workers of build A are the deployment's
// current version; a licence waits on its instalment and a rights grant in its department review;
// build B starts and is made current; the running workflows auto-upgrade — the next step of each
// is processed by B (the history's workflow task completions name B's build id and worker) — A
// reports `drained` and is stopped, nothing failed, and `transferflow audit replay` verifies every
// history. Its own namespace (`versioning`) keeps the deployment's routing away from the chaos
// suite's unversioned workers on `default`.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { addDays, addMonths, chinaDate } from '../../policies/dates';
import { licenceFixture } from '../support/licence-driver';
import { clusterEnv, ROOT } from './support/cluster';
import {
  CLUSTER_KEYS as KEYS,
  startApi,
  sharedTransferflowEnv,
  startWorker,
  type TransferflowProcess,
} from './support/processes';

const NAMESPACE = 'versioning';
const DEPLOYMENT = 'transferflow';
const TEMPORAL_CLI = path.join(ROOT, 'tools', 'bin', 'temporal');
const GRANT = 'versioning-grant';
const LICENCE = 'versioning-licence';
const WORKFLOWS = [`rights-grant/${GRANT}`, `deferred-licence/${LICENCE}`];
jest.setTimeout(240_000);

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`versioning: ${line}\n`);
const inNamespace = { TEMPORAL_NAMESPACE: NAMESPACE };
const build = (id: string) => ({ ...inNamespace, TRANSFERFLOW_DEPLOYMENT_NAME: DEPLOYMENT, TRANSFERFLOW_BUILD_ID: id });

let api: { process: TransferflowProcess; url: string };
let buildA: TransferflowProcess;
let buildB: TransferflowProcess | undefined;
let temporal: Client;

/** The operator's commands: the pinned Temporal CLI against the cluster's frontend. */
async function operator(...args: string[]): Promise<string> {
  const { stdout } = await run(TEMPORAL_CLI, [...args, '--address', clusterEnv().temporalAddress, '-n', NAMESPACE], {
    timeout: 60_000,
  });
  return stdout;
}

async function describeVersion(buildId: string): Promise<{ drainageInfo?: { drainageStatus?: string } }> {
  const out = await operator(
    'worker',
    'deployment',
    'describe-version',
    '--deployment-name',
    DEPLOYMENT,
    '--build-id',
    buildId,
    '-o',
    'json',
  );
  return JSON.parse(out);
}

/** Polls until `check` holds (the server learns of pollers and drainage every few seconds). */
async function until<T>(what: string, probe: () => Promise<T>, check: (t: T) => boolean, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (check(value)) return value;
      last = value;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)}`);
    await sleep(1000);
  }
}

/** Once a build's workers poll, make it the deployment's current version (docs/scaling.md, step 2). */
async function makeCurrent(buildId: string): Promise<void> {
  // The version exists once its workers have polled and the deployment has recorded it (a few
  // seconds): until then set-current-version answers "not found"; it refuses a version without pollers.
  await until(
    `build ${buildId} current`,
    () =>
      operator(
        'worker',
        'deployment',
        'set-current-version',
        '--deployment-name',
        DEPLOYMENT,
        '--build-id',
        buildId,
        '--yes',
      ),
    () => true,
  );
}

async function call(
  method: string,
  route: string,
  key: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${api.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

interface TaskCompletion {
  identity: string;
  buildId: string | undefined;
}

/** Who processed each workflow task of the workflow's latest run, in order; and whether any task failed. */
async function tasks(workflowId: string): Promise<{ runId: string; completions: TaskCompletion[]; failed: number }> {
  const handle = temporal.workflow.getHandle(workflowId);
  const { runId } = await handle.describe();
  const history = await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
  const completions: TaskCompletion[] = [];
  let failed = 0;
  for (const event of history.events ?? []) {
    const done = event.workflowTaskCompletedEventAttributes;
    if (done)
      completions.push({ identity: done.identity ?? '', buildId: done.deploymentVersion?.buildId ?? undefined });
    if (event.workflowTaskFailedEventAttributes) failed++;
  }
  return { runId, completions, failed };
}

const identityOf = (worker: TransferflowProcess) => `${worker.child!.pid}@`;

beforeAll(async () => {
  const { temporalAddress, dir } = clusterEnv();
  // The namespace and transferflow's search attributes, as `temporal-cluster.sh up` makes `default`.
  await run(
    process.execPath,
    [
      '-r',
      path.join(ROOT, 'scripts', 'register.js'),
      path.join(ROOT, 'scripts', 'cluster-namespace.ts'),
      temporalAddress,
      dir,
      NAMESPACE,
    ],
    { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  temporal = new Client({ connection: await Connection.connect({ address: temporalAddress }), namespace: NAMESPACE });
  [api, buildA] = await Promise.all([
    startApi('versioning-api', inNamespace),
    startWorker('build-a', build('build-a')),
  ]);
  // Step 1: the first build becomes current (until then new workflows would wait for unversioned workers).
  await makeCurrent('build-a');
}, 300_000);

afterAll(async () => {
  await temporal?.connection.close();
  await Promise.all([api?.process.kill('SIGTERM'), buildA?.kill('SIGTERM'), buildB?.kill('SIGTERM')]);
});

const before = new Map<string, { runId: string; count: number }>();

test('build A is current: a rights grant waits in department review, a licence on its instalment', async () => {
  const grant = await call('POST', '/v1/cases/rights-grant', KEYS.tto, { caseId: GRANT, ...EXAMPLE_RIGHTS_GRANT });
  expect([grant.status, grant.body.stage]).toEqual([201, 'department-review']);
  // Free for 12 months from 12 months and 5 days ago, then monthly: instalment 1 is due now.
  const today = chinaDate(Date.now());
  const base = licenceFixture({
    effectiveOn: addDays(addMonths(today, -12), -5),
    payment: { feeCny: 120_000, instalments: 12, intervalMonths: 1 },
  });
  const licence = await call('POST', '/v1/cases/deferred-licence', KEYS.tto, {
    caseId: LICENCE,
    ...base.request,
    asOf: today,
    payment: base.payment,
    guarantee: base.guarantee,
  });
  expect(licence.status).toBe(201);
  expect(
    (await call('POST', `/v1/cases/${LICENCE}/actions`, KEYS.tto, { action: 'sign', reference: 'AGR-V' })).status,
  ).toBe(200);
  const registered = await call('POST', `/v1/cases/${LICENCE}/actions`, KEYS.tto, {
    action: 'register',
    reference: 'REG-V',
  });
  expect([registered.status, registered.body.stage]).toEqual([200, 'paying']);
  for (const id of WORKFLOWS) {
    const { runId, completions } = await tasks(id);
    // Every task so far was build A's, on A's worker.
    expect(completions.length).toBeGreaterThan(0);
    expect(completions.every((c) => c.buildId === 'build-a' && c.identity.startsWith(identityOf(buildA)))).toBe(true);
    before.set(id, { runId, count: completions.length });
  }
});

test('build B made current: the running grant and licence move to B and progress there; new work starts on B', async () => {
  buildB = await startWorker('build-b', build('build-b'));
  await makeCurrent('build-b');
  log('build-b is current');
  // A step acted after the switch: the department approves the grant, the licensee pays instalment 1.
  const approved = await call('POST', `/v1/cases/${GRANT}/actions`, KEYS.department, { action: 'approve' });
  expect([approved.status, approved.body.stage]).toEqual([200, 'office-review']);
  const view = await call('GET', `/v1/cases/${LICENCE}`, KEYS.auditor);
  const due = (view.body.schedule as Array<{ no: number; status: string; amountCny: string | null }>).find(
    (item) => item.status === 'due' || item.status === 'overdue',
  );
  expect(due).toBeDefined();
  const paid = await call('POST', `/v1/licences/${LICENCE}/payments`, KEYS.tto, {
    amountCny: Number(due!.amountCny),
    reference: 'PAY-V-1',
    payer: 'versioning',
  });
  expect([200, 201]).toContain(paid.status);
  const loan = await call('POST', '/v1/loan-checks', KEYS.bank, { ...EXAMPLE_LOAN_REQUEST, requestId: 'versioning-1' });
  expect([loan.status, loan.body.decision]).toEqual([200, 'approved']);

  for (const id of [...WORKFLOWS, loan.body.workflowId as string]) {
    const { runId, completions } = await tasks(id);
    const previous = before.get(id);
    const after = previous && previous.runId === runId ? completions.slice(previous.count) : completions;
    log(
      `${id}: ${previous?.count ?? 0} tasks on build-a, then ${after.length} on ${[...new Set(after.map((c) => c.buildId))].join(', ')}`,
    );
    expect(after.length).toBeGreaterThan(0);
    expect(after.map((c) => [c.buildId, c.identity.startsWith(identityOf(buildB!))])).toEqual(
      after.map(() => ['build-b', true]),
    );
  }
});

test('build A reports drained, is stopped, and B carries the grant on alone', async () => {
  const drained = await until(
    'build-a drained',
    () => describeVersion('build-a'),
    (v) => v.drainageInfo?.drainageStatus === 'drained',
  );
  log(`build-a: ${drained.drainageInfo?.drainageStatus}`);
  await buildA.kill('SIGTERM');
  expect(buildA.child!.exitCode).toBe(0);
  const approved = await call('POST', `/v1/cases/${GRANT}/actions`, KEYS.tto, { action: 'approve' });
  expect([approved.status, approved.body.stage]).toEqual([200, 'publicity']);
  const ledger = await call('GET', `/v1/licences/${LICENCE}/ledger`, KEYS.auditor);
  expect([ledger.status, ledger.body.reconciled]).toEqual([200, true]);
  // Nothing failed: no workflow failed or was terminated, no workflow task failed (no non-determinism).
  const failedRuns = await temporal.workflow.count(
    `ExecutionStatus = 'Failed' OR ExecutionStatus = 'TimedOut' OR ExecutionStatus = 'Terminated'`,
  );
  expect(failedRuns.count).toBe(0);
  for (const id of WORKFLOWS) expect({ id, failedTasks: (await tasks(id)).failed }).toEqual({ id, failedTasks: 0 });
});

test('`transferflow audit replay --query` verifies every history of the release', async () => {
  const { stdout } = await run(
    process.execPath,
    [path.join(ROOT, 'bin', 'transferflow.js'), 'audit', 'replay', '--query', `TaskQueue = 'transferflow'`, '--json'],
    {
      cwd: ROOT,
      env: { ...process.env, ...sharedTransferflowEnv(), ...inNamespace, NODE_OPTIONS: '' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const report = JSON.parse(stdout);
  const ids = new Set<string>();
  for await (const wf of temporal.workflow.list({ query: `TaskQueue = 'transferflow'` })) ids.add(wf.workflowId);
  log(`audit replay: ${report.verified} histories verified, ${report.failed} failed`);
  expect(ids.size).toBe(3);
  expect({ verified: report.verified, failed: report.failed }).toEqual({ verified: ids.size, failed: 0 });
});
