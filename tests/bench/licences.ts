// Licence figures for `npm run bench`: how many open licences one worker holds while they sleep
// (each waits on a durable timer and an update) and the memory that takes; and what a
// continue-as-new costs — a licence launched late catches up several periods, one run each.
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../prisma/generated/client';
import type { temporal } from '@temporalio/proto';
import { addDays, addMonths, chinaDate } from '../../policies/dates';
import {
  DEFERRED_LICENCE_WORKFLOW,
  licenceViewQuery,
  licenceWorkflowId,
  type LicenceView,
} from '../../workflows/deferred-licence-definitions';
import { TASK_QUEUE } from '../../workflows/definitions';
import { startOnce } from '../../client/start-once';
import { childrenCpuSeconds, ownCpuSeconds } from './cpu';
import { licencePackAtSubmission } from '../../client/licences';
import type { deferredLicence } from '../../workflows/deferred-licence';
import { licenceAct, licenceFixture, licenceInput, startLicence } from '../support/licence-driver';
import { eventually } from '../support/rights-grant-driver';

export interface LicenceBench {
  started: number;
  startsPerSecond: number;
  openedPerSecond: number;
  running: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  heapAfterMiB: number;
  /** Cores busy while the licences were started and opened: this process (worker, client, database) and the processes it started (the dev server). */
  workerCores: number;
  serverCores: number;
  /** RSS (MiB) each time another tenth of the licences had been opened: does it level off once the cache is full? */
  rssWhileOpeningMiB: number[];
  catchUpLicences: number;
  runsPerLicence: number;
  msPerRun: number;
  eventsPerRun: number;
  carriedBytes: number;
}

const mib = (n: number) => n / 2 ** 20;

/** Runs `count` tasks with `concurrency` in flight, reporting progress every 10 %. */
async function pool(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
  say: (s: string) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.floor(count / 10));
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        await task(i);
        if (++done % step === 0) say(`  ${done}/${count}`);
      }
    }),
  );
}

export async function licenceBench(
  client: Client,
  prisma: PrismaClient,
  count: number,
  say: (s: string) => void,
  options: { catchUp?: number } = {},
): Promise<LicenceBench> {
  const run = Date.now().toString(36);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  say(`starting ${count} licences that then sleep at the contract step (30-day timer + update)…`);
  const t0 = performance.now();
  const cpu0 = { own: ownCpuSeconds(), server: childrenCpuSeconds() };
  const fixture = licenceFixture();
  await pool(
    count,
    32,
    async (i) => {
      // As the API launches one (client/licences.ts): eagerly when the client shares the worker's
      // connection (the stack's client does), so the first task runs here without waiting for a poll.
      const caseId = `bench-sleep-${run}-${i}`;
      await startOnce<typeof deferredLicence>(
        client,
        DEFERRED_LICENCE_WORKFLOW,
        licenceWorkflowId(caseId),
        { ...licenceInput(caseId, fixture), resolved: licencePackAtSubmission(fixture.request, chinaDate(Date.now())) },
        { caseKind: 'deferred-licence', jurisdiction: 'national' },
      );
    },
    say,
  );
  const startsPerSecond = count / ((performance.now() - t0) / 1000);
  // Each has run its first workflow task (pack, evaluation, two saves) once its case row exists.
  say('waiting until the worker has opened every one (its case row exists)…');
  let opened = 0;
  let shown = 0;
  const rssWhileOpening: number[] = [];
  while (opened < count) {
    await new Promise((r) => setTimeout(r, 1_000));
    opened = await prisma.case.count({ where: { id: { startsWith: `bench-sleep-${run}-` } } });
    if (opened - shown >= count / 10 || opened === count) {
      const rss = mib(process.memoryUsage().rss);
      rssWhileOpening.push(rss);
      say(`  ${opened}/${count} opened, RSS ${rss.toFixed(0)} MiB`);
      shown = opened;
    }
  }
  const openingSeconds = (performance.now() - t0) / 1000;
  const openedPerSecond = count / openingSeconds;
  const workerCores = (ownCpuSeconds() - cpu0.own) / openingSeconds;
  const serverCores = (childrenCpuSeconds() - cpu0.server) / openingSeconds;
  global.gc?.();
  const mem = process.memoryUsage();
  const running = (
    await client.workflow.count(
      `WorkflowType = 'deferredLicence' AND ExecutionStatus = 'Running' AND WorkflowId STARTS_WITH 'deferred-licence/bench-sleep-${run}'`,
    )
  ).count;

  // Late licences: 12 months late on monthly instalments, they post six past instalments at
  // registration (each with its grace from that day, so none defaults yet); the runs and events they
  // take are counted, as is the state a continue-as-new would carry.
  const catchUp = options.catchUp ?? 10;
  const today = chinaDate(Date.now());
  say(`${catchUp} late licences catching up…`);
  let runs = 0;
  let events = 0;
  let carried = 0;
  const t1 = performance.now();
  await pool(
    catchUp,
    catchUp,
    async (i) => {
      const f = licenceFixture({
        effectiveOn: addDays(addMonths(today, -18), 10),
        payment: { feeCny: 12_000, instalments: 12, intervalMonths: 1 },
      });
      f.request.asOf = today;
      const handle = await startLicence(client, TASK_QUEUE, `bench-late-${run}-${i}`, f);
      await eventually(
        () => handle.query(licenceViewQuery).catch(() => null),
        (v) => v?.stage === 'contract',
        'contract',
        60_000,
      );
      await licenceAct(handle, 'tto', { action: 'sign', reference: `B-${i}` });
      await licenceAct(handle, 'tto', { action: 'register', reference: `R-${i}` });
      const v = (await eventually(
        () => handle.query(licenceViewQuery).catch(() => null),
        (x) => x?.schedule[5]?.posted === true,
        'caught up',
        120_000,
      )) as LicenceView;
      runs += v.run + 1;
      let runId: string | undefined = handle.firstExecutionRunId;
      while (runId) {
        const h: temporal.api.history.v1.IHistory = await client.workflow
          .getHandle(handle.workflowId, runId)
          .fetchHistory();
        events += h.events?.length ?? 0;
        const can: temporal.api.history.v1.IWorkflowExecutionContinuedAsNewEventAttributes | null | undefined =
          h.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes;
        carried = Math.max(carried, can?.input?.payloads?.[0]?.data?.length ?? 0);
        runId = can?.newExecutionRunId ?? undefined;
      }
    },
    say,
  );
  const catchUpMs = performance.now() - t1;
  return {
    started: count,
    startsPerSecond,
    openedPerSecond,
    running,
    rssBeforeMiB: mib(rssBefore),
    rssAfterMiB: mib(mem.rss),
    heapAfterMiB: mib(mem.heapUsed),
    rssWhileOpeningMiB: rssWhileOpening,
    workerCores,
    serverCores,
    catchUpLicences: catchUp,
    runsPerLicence: runs / Math.max(catchUp, 1),
    msPerRun: catchUpMs / Math.max(runs, 1),
    eventsPerRun: events / Math.max(runs, 1),
    carriedBytes: carried,
  };
}
