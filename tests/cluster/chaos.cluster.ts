// Chaos under load on the real cluster (issue 16): Temporal's four services as separate processes
// on PostgreSQL, two `transferflow worker` processes and two `transferflow serve --no-worker` APIs
// on one domain database. For TF_CHAOS_SECONDS (default 150) a steady mix runs through both APIs —
// loan checks, rights grants moving through their reviews, licences signed, registered and paid —
// while, one after another: a worker is SIGKILLed and restarted, the history service is SIGKILLed
// and restarted, PostgreSQL (Temporal's and transferflow's) is restarted, an API is SIGKILLed with
// requests in flight and restarted. Clients retry with the same request id / payment reference, as
// the README tells integrators to. Afterwards every invariant is checked and printed with its count.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { addDays, addMonths, chinaDate } from '../../policies/dates';
import { licenceFixture } from '../support/licence-driver';
import { clusterConnection } from '../../scripts/cluster-connection';
import { clusterEnv, clusterScript, killService, ROOT } from './support/cluster';
import {
  CLUSTER_KEYS as KEYS,
  METRICS_TOKEN,
  startApi,
  startWorker,
  transferflowEnv,
  type TransferflowProcess,
} from './support/processes';

const SECONDS = Number(process.env.TF_CHAOS_SECONDS ?? 150);
const LOAN_CLIENTS = 4;
const GRANTS = 6;
const LICENCES = 4;
jest.setTimeout((SECONDS + 600) * 1000);

let workers: TransferflowProcess[] = [];
let apis: Array<{ process: TransferflowProcess; url: string }> = [];
let pg: PgClient;
let temporal: Client;
const log = (line: string) => process.stdout.write(`chaos: ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  workers = await Promise.all([startWorker('worker-1'), startWorker('worker-2')]);
  apis = await Promise.all([startApi('api-1'), startApi('api-2')]);
  temporal = new Client({
    // On a secure cluster (TF_CLUSTER_SECURE=1) as the auditor: this test only reads Temporal.
    connection: await Connection.connect({
      address: clusterEnv().temporalAddress,
      ...clusterConnection(clusterEnv().dir, 'auditor'),
    }),
    namespace: 'default',
  });
}, 300_000);

afterAll(async () => {
  await pg?.end().catch(() => undefined);
  await temporal?.connection.close();
  // SIGTERM: the worker drains its in-flight tasks, the API closes its server.
  await Promise.all([...workers, ...apis.map((a) => a.process)].map((p) => p.kill('SIGTERM')));
});

// ——— the clients: every request retried, with the same id, until it is answered ———

interface Answer {
  status: number;
  body: any;
}

/** One HTTP call to one API; a refused or reset connection is `status: 0`. */
async function call(url: string, method: string, route: string, key: string, body?: unknown): Promise<Answer> {
  try {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(45_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status: 0, body: undefined };
  }
}

const retried = { count: 0 };

/**
 * The integrator's loop: send; on no answer, a 5xx or a 202 (still running) send the same again —
 * to the other API, as a load balancer would — until `done` accepts the answer.
 */
async function untilAnswered(
  send: (url: string) => Promise<Answer>,
  done: (a: Answer) => boolean,
  start = 0,
  deadlineMs = 180_000,
): Promise<Answer> {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = start; ; attempt++) {
    const answer = await send(apis[attempt % apis.length].url);
    if (done(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`no answer: last ${answer.status} ${JSON.stringify(answer.body)}`);
    retried.count++;
    await sleep(500);
  }
}

const acknowledged = new Map<string, { decision: string; workflowId: string }>();
let stopLoad = false;

async function loanClient(n: number): Promise<void> {
  for (let i = 0; !stopLoad; i++) {
    const requestId = `chaos-${n}-${i}`;
    // Every other loan asks for 90 %: above every pack's limit, so about half are rejected.
    const amount = i % 2 ? 90_000_000 : 60_000_000;
    const request = { ...EXAMPLE_LOAN_REQUEST, requestId, loan: { ...EXAMPLE_LOAN_REQUEST.loan, amountCny: amount } };
    const answer = await untilAnswered(
      (url) => call(url, 'POST', '/v1/loan-checks', KEYS.bank, request),
      (a) => a.status === 200 || a.status === 201,
      i,
    );
    acknowledged.set(requestId, { decision: answer.body.decision, workflowId: answer.body.workflowId });
  }
}

/** A case action; a retry after a lost answer may find it already taken (409): then the stage tells. */
async function act(caseId: string, key: string, action: object, after: string): Promise<void> {
  await untilAnswered(
    async (url) => {
      const a = await call(url, 'POST', `/v1/cases/${caseId}/actions`, key, action);
      if (a.status !== 409) return a;
      const view = await call(url, 'GET', `/v1/cases/${caseId}`, KEYS.auditor);
      return view.status === 200 && view.body.stage !== after ? { status: 200, body: view.body } : a;
    },
    (a) => a.status === 200,
  );
}

async function grant(n: number): Promise<void> {
  const caseId = `chaos-grant-${n}`;
  await untilAnswered(
    (url) => call(url, 'POST', '/v1/cases/rights-grant', KEYS.tto, { caseId, ...EXAMPLE_RIGHTS_GRANT }),
    (a) => a.status === 200 || a.status === 201,
  );
  await act(caseId, KEYS.department, { action: 'approve' }, 'department-review');
  await act(caseId, KEYS.tto, { action: 'approve' }, 'office-review');
}

const paid = new Map<string, number>();

async function licence(n: number): Promise<void> {
  const caseId = `chaos-licence-${n}`;
  const today = chinaDate(Date.now());
  // Free for 12 months from 12 months and 5 days ago, then monthly: instalment 1 fell due 5 days
  // ago (within its grace period), the next in about 25 days.
  const base = licenceFixture({
    effectiveOn: addDays(addMonths(today, -12), -5),
    payment: { feeCny: 120_000, instalments: 12, intervalMonths: 1 },
  });
  const body = { caseId, ...base.request, asOf: today, payment: base.payment, guarantee: base.guarantee };
  await untilAnswered(
    (url) => call(url, 'POST', '/v1/cases/deferred-licence', KEYS.tto, body),
    (a) => a.status === 200 || a.status === 201,
  );
  await act(caseId, KEYS.tto, { action: 'sign', reference: `AGR-${n}` }, 'contract');
  await act(caseId, KEYS.tto, { action: 'register', reference: `REG-${n}` }, 'registration');
  // Pay what has fallen due, one instalment at a time; the reference makes a resent payment a no-op.
  for (;;) {
    const view = await untilAnswered(
      (url) => call(url, 'GET', `/v1/cases/${caseId}`, KEYS.auditor),
      (a) => a.status === 200 && a.body.stage === 'paying',
    );
    const open = (view.body.schedule as Array<{ no: number; status: string; amountCny: string | null }>).find(
      (item) => item.status === 'due' || item.status === 'overdue',
    );
    if (!open) {
      // Nothing open: either the schedule has not caught up yet, or every due instalment is paid.
      if ((paid.get(caseId) ?? 0) >= 1) return;
      await sleep(1000);
      continue;
    }
    const payment = { amountCny: Number(open.amountCny), reference: `PAY-${n}-${open.no}`, payer: 'chaos' };
    await untilAnswered(
      (url) => call(url, 'POST', `/v1/licences/${caseId}/payments`, KEYS.tto, payment),
      (a) => a.status === 200 || a.status === 201,
    );
    paid.set(caseId, (paid.get(caseId) ?? 0) + 1);
  }
}

// ——— the faults ———

async function faults(): Promise<void> {
  const step = (SECONDS * 1000) / 5;
  await sleep(step);
  log('SIGKILL worker-1, restart in 5 s');
  await workers[0].kill();
  await sleep(5000);
  const restarted = Date.now();
  // start() resolves once the restarted worker's /readyz answers 200 (TRANSFERFLOW_WORKER_HEALTH).
  await workers[0].start(/^worker on /m);
  log(`worker-1 ready again (its /readyz) ${((Date.now() - restarted) / 1000).toFixed(1)} s after its restart`);

  await sleep(step - 5000);
  log('SIGKILL the history service, restart in 5 s');
  await killService('history');
  await sleep(5000);
  await clusterScript('start', 'history');

  await sleep(step - 5000);
  log('restart PostgreSQL (Temporal’s and transferflow’s)');
  await clusterScript('pg-restart');

  await sleep(step);
  log('SIGKILL api-1 with requests in flight, restart in 3 s');
  await apis[0].process.kill();
  await sleep(3000);
  await apis[0].process.start(/transferflow is running/);
}

test('a steady mix through both APIs while workers, history, PostgreSQL and an API fail', async () => {
  const started = Date.now();
  const load = [
    ...Array.from({ length: LOAN_CLIENTS }, (_, n) => loanClient(n)),
    ...Array.from({ length: GRANTS }, (_, n) => sleep((n * SECONDS * 1000) / GRANTS).then(() => grant(n))),
    ...Array.from({ length: LICENCES }, (_, n) => sleep((n * SECONDS * 1000) / LICENCES).then(() => licence(n))),
  ];
  const faulted = faults();
  await sleep(SECONDS * 1000);
  stopLoad = true;
  await faulted;
  await Promise.all(load);
  const seconds = (Date.now() - started) / 1000;
  log(
    `${acknowledged.size} loan checks acknowledged in ${seconds.toFixed(0)} s (${(acknowledged.size / seconds).toFixed(1)}/s), ${GRANTS} grants, ${LICENCES} licences, ${retried.count} retries`,
  );
  expect(acknowledged.size).toBeGreaterThan(20);
});

describe('afterwards', () => {
  beforeAll(async () => {
    pg = new PgClient({ connectionString: clusterEnv().databaseUrl });
    // The last test stops PostgreSQL under this connection: that is expected, not an error.
    pg.on('error', () => undefined);
    await pg.connect();
  });

  test('every acknowledged loan check has exactly one record and one audit entry, with the decision it answered', async () => {
    const records = await pg.query<{ requestId: string; decision: string; n: string }>(
      `SELECT "requestId", min(decision) AS decision, count(*) AS n FROM "LoanCheck" WHERE "requestId" LIKE 'chaos-%' GROUP BY "requestId"`,
    );
    const audits = await pg.query<{ caseId: string; n: string }>(
      `SELECT "caseId", count(*) AS n FROM "AuditEvent" WHERE action = 'ma-loan.decided' AND "caseId" LIKE 'ma-loan/%/chaos-%' GROUP BY "caseId"`,
    );
    const recordOf = new Map(records.rows.map((r) => [r.requestId, r]));
    const auditOf = new Map(audits.rows.map((r) => [r.caseId, Number(r.n)]));
    const problems: string[] = [];
    for (const [requestId, ack] of acknowledged) {
      const record = recordOf.get(requestId);
      if (!record || Number(record.n) !== 1) problems.push(`${requestId}: ${record?.n ?? 0} records`);
      else if (record.decision !== ack.decision)
        problems.push(`${requestId}: answered ${ack.decision}, recorded ${record.decision}`);
      if (auditOf.get(ack.workflowId) !== 1)
        problems.push(`${requestId}: ${auditOf.get(ack.workflowId) ?? 0} audit entries`);
    }
    const duplicates = records.rows.filter((r) => Number(r.n) !== 1).length;
    log(
      `loan checks: ${acknowledged.size} acknowledged, ${records.rows.length} recorded (one per request id: ${duplicates} duplicates), ${audits.rows.length} audited`,
    );
    expect(problems).toEqual([]);
    expect(duplicates).toBe(0);
    // Nothing recorded that nobody asked for, and nothing audited twice.
    expect(records.rows.length).toBeGreaterThanOrEqual(acknowledged.size);
    expect([...auditOf.values()].every((n) => n === 1)).toBe(true);
  });

  test('every licence ledger reconciles, with each instalment paid exactly once', async () => {
    let entries = 0;
    for (let n = 0; n < LICENCES; n++) {
      const caseId = `chaos-licence-${n}`;
      const ledger = await call(apis[1].url, 'GET', `/v1/licences/${caseId}/ledger`, KEYS.auditor);
      expect({ caseId, status: ledger.status, reconciled: ledger.body?.reconciled }).toEqual({
        caseId,
        status: 200,
        reconciled: true,
      });
      const payments = ledger.body.entries.filter((e: { kind: string }) => e.kind === 'payment');
      expect(new Set(payments.map((p: { reference: string }) => p.reference)).size).toBe(payments.length);
      expect(payments.length).toBe(paid.get(caseId));
      entries += ledger.body.entries.length;
    }
    log(
      `licences: ${LICENCES} ledgers reconciled, ${entries} entries, ${[...paid.values()].reduce((a, b) => a + b, 0)} payments`,
    );
  });

  test('nothing is stuck: loan checks completed, grants waiting on their publicity timer, licences on their next instalment', async () => {
    const count = async (query: string) => (await temporal.workflow.count(query)).count;
    const loansOpen = await count(`CaseKind = 'ma-loan' AND ExecutionStatus != 'Completed'`);
    const loansDone = await count(`CaseKind = 'ma-loan' AND ExecutionStatus = 'Completed'`);
    const failed = await count(
      `ExecutionStatus = 'Failed' OR ExecutionStatus = 'TimedOut' OR ExecutionStatus = 'Terminated'`,
    );
    const stages: Record<string, number> = {};
    for (const [kind, total, stage] of [
      ['rights-grant', GRANTS, 'publicity'],
      ['deferred-licence', LICENCES, 'paying'],
    ] as const) {
      for (let n = 0; n < total; n++) {
        const caseId = `chaos-${kind === 'rights-grant' ? 'grant' : 'licence'}-${n}`;
        const handle = temporal.workflow.getHandle(`${kind}/${caseId}`);
        const description = await handle.describe();
        const raw = description.raw;
        // Waiting, not wedged: running, no workflow task or activity left pending or retrying.
        expect({
          caseId,
          status: description.status.name,
          pendingActivities: raw.pendingActivities?.length ?? 0,
        }).toEqual({
          caseId,
          status: 'RUNNING',
          pendingActivities: 0,
        });
        const row = await pg.query<{ stage: string }>(`SELECT stage FROM "Case" WHERE id = $1`, [caseId]);
        expect({ caseId, stage: row.rows[0]?.stage }).toEqual({ caseId, stage });
        stages[stage] = (stages[stage] ?? 0) + 1;
      }
    }
    log(
      `workflows: ${loansDone} loan checks completed, ${loansOpen} open; ${stages.publicity} grants in publicity, ${stages.paying} licences paying; ${failed} failed/timed out/terminated`,
    );
    expect(loansOpen).toBe(0);
    expect(failed).toBe(0);
    expect(loansDone).toBeGreaterThanOrEqual(acknowledged.size);
  });

  test('`transferflow audit replay --query` verifies every history on the cluster', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'bin', 'transferflow.js'), 'audit', 'replay', '--query', `TaskQueue = 'transferflow'`, '--json'],
      { cwd: ROOT, env: { ...process.env, ...transferflowEnv(), NODE_OPTIONS: '' }, maxBuffer: 256 * 1024 * 1024 },
    );
    // execFile rejects on a non-zero exit: reaching here means the command itself found nothing wrong.
    const report = JSON.parse(stdout);
    // One verdict per workflow id (a licence that continued-as-new is one case of several runs).
    const ids = new Set<string>();
    for await (const wf of temporal.workflow.list({ query: `TaskQueue = 'transferflow'` })) ids.add(wf.workflowId);
    log(
      `audit replay: ${report.verified} histories verified, ${report.failed} failed, decisions checked against their records: ${report.recordsChecked}`,
    );
    expect({ verified: report.verified, failed: report.failed, recordsChecked: report.recordsChecked }).toEqual({
      verified: ids.size,
      failed: 0,
      recordsChecked: true,
    });
  });

  test('/readyz is unready while PostgreSQL is down and ready again after; /metrics counts what happened', async () => {
    const ready = async () => (await fetch(`${apis[1].url}/readyz`)).status;
    expect(await ready()).toBe(200);
    const { execFileSync } = await import('node:child_process');
    // Down, checked, up: pg-restart's halves, by hand.
    const pgbin = execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1']).toString().trim();
    const data = path.join(clusterEnv().dir, 'pgdata');
    const asPg = (cmd: string) =>
      process.getuid?.() === 0
        ? execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd])
        : execFileSync('sh', ['-c', cmd]);
    asPg(`'${pgbin}/pg_ctl' -D '${data}' -m fast -w stop`);
    try {
      expect(await ready()).toBe(503);
    } finally {
      await clusterScript('pg-restart');
    }
    let status = 0;
    for (let i = 0; i < 60 && status !== 200; i++) {
      status = await ready();
      if (status !== 200) await sleep(1000);
    }
    expect(status).toBe(200);
    const metrics = await (
      await fetch(`${apis[1].url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    const approved = Number(
      /^transferflow_decisions_recorded\{mechanism="ma-loan",outcome="approved"\} (\d+)/m.exec(metrics)?.[1],
    );
    const rejected = Number(
      /^transferflow_decisions_recorded\{mechanism="ma-loan",outcome="rejected"\} (\d+)/m.exec(metrics)?.[1],
    );
    log(`metrics: ma-loan approved ${approved}, rejected ${rejected}`);
    expect(approved + rejected).toBeGreaterThanOrEqual(acknowledged.size);
    expect(metrics).toMatch(/^transferflow_cases\{kind="rights-grant",stage="publicity"\} \d+/m);
  });
});
