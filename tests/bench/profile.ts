// A focused load for profilers: the embedded stack as `npm run bench` starts it, then one kind of
// request in a closed loop. The CPU profile covers the measured loop only (not start-up, bundling
// or teardown) and is written to PROFILE_OUT (default profile.cpuprofile; open it in Chrome's
// DevTools or summarise it). For example:
//   node -r ./scripts/register.js tests/bench/profile.ts loans 20
// `loans` POSTs loan checks through the API (16 clients) for N seconds; `noop` runs the no-op
// workflow the same way; `licences` opens N licences and waits until the worker has opened all
// (the bench's late licences are left out: the profile is of opening); `licence-memory` does the
// same without the profiler and prints the RSS as they open.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { installRuntime } from '../../worker/runtime';
import { loanRequest } from '../support/loan-fixtures';
import { closedLoop } from './load';
import { KEYS, startE2E } from '../support/stack';
import { licenceBench } from './licences';

const say = (line: string) => process.stderr.write(`profile: ${line}\n`);

/** Runs `measured` under the V8 CPU profiler and writes the profile; says how much CPU the process spent. */
async function profiled<T>(measured: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await measured();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const used = process.cpuUsage(cpu);
    // CPU time of the whole process (API, worker threads, PGlite): steadier than rates on a busy machine.
    say(`process CPU during the loop: ${((used.user + used.system) / 1000).toFixed(0)} ms`);
    const out = process.env.PROFILE_OUT ?? 'profile.cpuprofile';
    writeFileSync(out, JSON.stringify(profile));
    say(`CPU profile of the measured loop: ${out}`);
    session.disconnect();
  }
}

async function main() {
  const [what = 'loans', amount] = process.argv.slice(2);
  installRuntime({ handleSignals: true });
  const e2e = await startE2E(process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'pglite');
  const run = `${Date.now()}`;
  try {
    if (what === 'loans') {
      const post = async (i: number) => {
        const res = await fetch(`${e2e.stack.apiUrl}/v1/loan-checks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEYS.bank}`, 'content-type': 'application/json' },
          body: JSON.stringify(
            loanRequest({ requestId: `p-${run}-${i}`, loan: { amountCny: 60_000_000 + (i % 100) } }),
          ),
        });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        await res.arrayBuffer();
      };
      await closedLoop(16, 3, (i) => post(1_000_000 + i));
      const rate = await profiled(() => closedLoop(16, Number(amount ?? 20), post));
      say(`loan checks via API: ${rate.toFixed(1)}/s`);
    } else if (what === 'noop') {
      const worker = await Worker.create({
        connection: e2e.env.nativeConnection,
        taskQueue: 'bench-noop',
        workflowBundle: await bundleWorkflowCode({
          workflowsPath: require.resolve('./noop-workflow.ts'),
          logger: new DefaultLogger('ERROR'),
        }),
      });
      const running = worker.run();
      const noop = (i: number) =>
        e2e.env.client.workflow.execute('benchNoop', { taskQueue: 'bench-noop', workflowId: `p-noop-${run}-${i}` });
      await closedLoop(16, 3, (i) => noop(1_000_000 + i));
      const rate = await profiled(() => closedLoop(16, Number(amount ?? 20), noop));
      say(`no-op workflows: ${rate.toFixed(1)}/s`);
      worker.shutdown();
      await running;
    } else if (what === 'licences') {
      // The stack's client shares the worker's connection, so licences start eagerly (as the API
      // starts them); PROFILE_CLIENT=env uses the test environment's own connection instead.
      const client = process.env.PROFILE_CLIENT === 'env' ? e2e.env.client : e2e.stack.client;
      const lic = await profiled(() =>
        licenceBench(client, e2e.db.prisma, Number(amount ?? 2000), say, { catchUp: 0 }),
      );
      say(
        `licences opened ${lic.openedPerSecond.toFixed(1)}/s; heap ${lic.heapAfterMiB.toFixed(0)} MiB, RSS ${lic.rssAfterMiB.toFixed(0)} MiB`,
      );
    } else if (what === 'licence-memory') {
      // The licences again, without the profiler (its samples would count in the RSS): memory only.
      const cpu = process.cpuUsage();
      const lic = await licenceBench(e2e.stack.client, e2e.db.prisma, Number(amount ?? 10_000), say, { catchUp: 0 });
      const used = process.cpuUsage(cpu);
      say(`process CPU: ${((used.user + used.system) / 1000 / lic.started).toFixed(1)} ms per licence`);
      say(
        `licences opened ${lic.openedPerSecond.toFixed(1)}/s; RSS ${lic.rssBeforeMiB.toFixed(0)} → ${lic.rssAfterMiB.toFixed(0)} MiB (while opening: ${lic.rssWhileOpeningMiB.map((r) => r.toFixed(0)).join(', ')}), heap ${lic.heapAfterMiB.toFixed(0)} MiB`,
      );
    } else throw new Error(`unknown load ${what}: loans, noop, licences or licence-memory`);
  } finally {
    await e2e.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
