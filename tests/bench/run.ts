// `npm run bench`: one run on the embedded stack (Temporal dev server + PGlite, worker and API
// in one process, as `npm start` runs them). Prints loan checks per second and latency through
// the API at a fixed offered load, the same load on a no-op workflow (the engine's ceiling), pure
// evaluations per second for every mechanism, licences, memory and replay — then issue 17's goals,
// each as a ratio within this run and whether it is met. Run with --expose-gc (npm run bench does)
// so memory is measured after a full collection, not with whatever garbage is lying around.
import os from 'node:os';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { installRuntime } from '../../worker/runtime';
import { loanRequest } from '../support/loan-fixtures';
import { submitLoanCheck } from '../../client/loan-checks';
import { closedLoop, offeredLoad, type LoadResult } from './load';
import { KEYS, startE2E } from '../support/stack';
import { replayThroughput } from './replay';
import { licenceBench } from './licences';
import { consoleBench } from './console';
import { formatReportTimings, reportsBench } from './reports';
import { pureEvaluations } from './evaluations';
import { formatGoals, goals } from './goals';

const RATE = Number(process.env.BENCH_RATE ?? 25);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const say = (line: string) => process.stderr.write(`bench: ${line}\n`);
const fmt = (r: LoadResult) =>
  `${r.achievedPerSecond.toFixed(1).padStart(7)}/s  p50 ${r.p50Ms.toFixed(1).padStart(6)} ms  p99 ${r.p99Ms.toFixed(1).padStart(6)} ms  max ${r.maxMs.toFixed(0).padStart(5)} ms  (${r.completed} ok, ${r.failed} failed, offered ${r.offeredPerSecond}/s for ${SECONDS} s)`;

async function main() {
  installRuntime({ handleSignals: true });
  say(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  if (!global.gc) say('no --expose-gc: memory figures include uncollected garbage');
  say('pure evaluations…');
  const evals = pureEvaluations();
  const replay = await replayThroughput(Number(process.env.BENCH_REPLAY_HISTORIES ?? 1000), say);

  // BENCH_DATABASE=postgres compares PostgreSQL (TEST_DATABASE_URL) with the embedded default.
  const kind = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'pglite';
  say(`starting the Temporal dev server, ${kind}, worker and API…`);
  const e2e = await startE2E(kind);
  const { env, stack, db: database } = e2e;
  const noopWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'bench-noop',
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./noop-workflow.ts'),
      logger: new DefaultLogger('ERROR'),
    }),
  });
  const noopRunning = noopWorker.run();

  const run = `${Date.now()}`;
  const postLoan = async (i: number) => {
    const body = JSON.stringify(
      loanRequest({ requestId: `bench-${run}-${i}`, loan: { amountCny: 60_000_000 + (i % 100) } }),
    );
    const res = await fetch(`${stack.apiUrl}/v1/loan-checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.bank}`, 'content-type': 'application/json' },
      body,
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    await res.arrayBuffer();
  };
  const evaluateViaApi = async (i: number) => {
    const body = JSON.stringify(loanRequest({ requestId: `eval-${i}` }));
    const res = await fetch(`${stack.apiUrl}/v1/evaluate/ma-loan`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.bank}`, 'content-type': 'application/json' },
      body,
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    await res.arrayBuffer();
  };
  const loanViaClient = async (i: number) => {
    const { result } = await submitLoanCheck(env.client, loanRequest({ requestId: `bench-client-${run}-${i}` }), {
      id: 'bench',
      role: 'bank',
    });
    await result;
  };
  const noop = async (i: number) => {
    await env.client.workflow.execute('benchNoop', { taskQueue: 'bench-noop', workflowId: `bench-noop-${run}-${i}` });
  };

  try {
    say('warm-up…');
    await offeredLoad(10, 2, (i) => postLoan(1_000_000 + i));
    await offeredLoad(10, 2, (i) => noop(1_000_000 + i));
    say(`loan checks through the API at ${RATE}/s for ${SECONDS} s…`);
    const loans = await offeredLoad(RATE, SECONDS, postLoan);
    say(`no-op workflows at ${RATE}/s for ${SECONDS} s…`);
    const noops = await offeredLoad(RATE, SECONDS, (i) => noop(i));
    say('closed-loop ceilings (16 concurrent clients, 5 s each)…');
    const loanCeiling = await closedLoop(16, 5, (i) => postLoan(2_000_000 + i));
    const noopCeiling = await closedLoop(16, 5, (i) => noop(2_000_000 + i));
    const clientCeiling = await closedLoop(16, 5, loanViaClient);
    const evaluateCeiling = await closedLoop(16, 5, evaluateViaApi);
    // The API's client (stack.client) shares the worker's connection: licences start eagerly, as the API starts them.
    const lic = await licenceBench(stack.client, database.prisma, Number(process.env.BENCH_LICENCES ?? 10_000), say);
    const con = await consoleBench(env.client, database.prisma, say);
    const reports = await reportsBench(database.prisma, say);

    console.log(`
transferflow benchmark (Temporal dev server + ${database.kind}, worker and API in one process)
machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}, Node ${process.version}

pure evaluations (decideMaLoan)      ${evals['ma-loan'].toFixed(0).padStart(7)}/s
pure evaluations (rights grant)      ${evals['rights-grant'].toFixed(0).padStart(7)}/s
pure evaluations (deferred licence)  ${evals['deferred-licence'].toFixed(0).padStart(7)}/s
pure evaluations (exemption review)  ${evals['diligence-exemption'].toFixed(0).padStart(7)}/s
loan checks via API (open loop)      ${fmt(loans)}
no-op workflow (open loop)           ${fmt(noops)}
loan checks via API (closed loop)    ${loanCeiling.toFixed(1).padStart(7)}/s  (16 clients)
no-op workflow (closed loop)         ${noopCeiling.toFixed(1).padStart(7)}/s  (16 clients)
maLoanCheck via client, no HTTP      ${clientCeiling.toFixed(1).padStart(7)}/s  (16 clients, closed loop)
evaluate via API, no workflow        ${evaluateCeiling.toFixed(1).padStart(7)}/s  (16 clients, closed loop)
audit replay, verified (${replay.histories} histories) ${replay.verifyPerSecond.toFixed(0).padStart(5)}/s  (determinism + re-derivation)
bare Worker.runReplayHistories        ${replay.barePerSecond.toFixed(0).padStart(7)}/s  (determinism only, same histories)
sleeping licences held by one worker ${String(lic.running).padStart(7)}    (of ${lic.started}: started ${lic.startsPerSecond.toFixed(0)}/s, opened by the worker ${lic.openedPerSecond.toFixed(0)}/s; each then sleeps on a timer + update)
licence opening CPU                  ${lic.workerCores.toFixed(2)} cores this process (worker, API client, database), ${lic.serverCores.toFixed(2)} cores the Temporal dev server, of ${os.cpus().length}
worker process memory                RSS ${lic.rssBeforeMiB.toFixed(0)} → ${lic.rssAfterMiB.toFixed(0)} MiB (peak ${Math.max(lic.rssAfterMiB, ...lic.rssWhileOpeningMiB).toFixed(0)} while opening), heap ${lic.heapAfterMiB.toFixed(0)} MiB after starting them
continue-as-new (late licences)      ${lic.msPerRun.toFixed(0).padStart(7)} ms per period/run  (${lic.catchUpLicences} licences × ${lic.runsPerLicence.toFixed(1)} runs, ${lic.eventsPerRun.toFixed(0)} events per run, carried state ≤ ${(lic.carriedBytes / 1024).toFixed(1)} KiB)
console inbox page (${database.kind})        p50 ${con.inboxP50Ms.toFixed(1).padStart(6)} ms  p95 ${con.inboxP95Ms.toFixed(1).padStart(6)} ms  (data + HTML, ${con.reads} reads over 5 roles × 5 filters, ${con.openCases} open cases)
console case page (${database.kind})         p50 ${con.caseP50Ms.toFixed(1).padStart(6)} ms  p95 ${con.caseP95Ms.toFixed(1).padStart(6)} ms  (data + HTML of a running licence: its workflow queried, rows read)
${formatReportTimings(database.kind, reports)}

goals (issue 17; ratios within this run)
${formatGoals(
  goals({
    database: database.kind,
    loanCeiling,
    noopCeiling,
    loans,
    noops,
    decideMaLoan: evals['ma-loan'],
    licencesOpenedPerSecond: lic.openedPerSecond,
    licences: lic.started,
    rssAfterMiB: lic.rssAfterMiB,
    verifyPerSecond: replay.verifyPerSecond,
    barePerSecond: replay.barePerSecond,
  }),
)}`);
  } finally {
    noopWorker.shutdown();
    await noopRunning;
    await e2e.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
