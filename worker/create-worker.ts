// Builds a worker on the task queue: the workflow bundle (built once per process) and the
// activities bound to a database.
import path from 'node:path';
import {
  bundleWorkflowCode,
  Worker,
  type NativeConnection,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { PrismaClient } from '../prisma/generated/client';
import { createActivities } from '../activities';
import { TASK_QUEUE } from '../workflows/definitions';
import { config, type Config } from '../client/config';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

/**
 * The pure policy modules the workflows import (packs, evaluators, schedules, dates, the calendar
 * and gazetteer, and through them zod and decimal.js), loaded once per workflow thread and shared
 * by every workflow in it. Without this the SDK evaluates every module of the bundle again for each
 * workflow it holds (its isolation of module state): ~3.5 MiB and a few milliseconds per cached
 * licence, 3.5 GiB for a cache of 1 000 (README, "Licences (issue 17)"). Safe to share because
 * they are pure — no clock, no randomness, no workflow API; their only module state is memo caches
 * of pure functions — and the SDK freezes what they export, so a workflow that tried to change a
 * pack would fail its task rather than change another workflow's. (Turned off for a while: a test
 * failed with it, which turned out to be the test replaying a history fetched mid-task — the replay
 * worker ran the unanswered task live and refused its local activity; such histories are now cut
 * back to their last answered task, client/audit/answered-history.ts.)
 */
export const SHARED_WORKFLOW_MODULES = [
  'calendar',
  'canonical-json',
  'dates',
  'money',
  'registry',
  'sha256',
  'deferred-licence/evaluate',
  'deferred-licence/schedule',
  'deferred-licence/terms-schema',
  'diligence-exemption/evaluate',
  'ma-loan/evaluate',
  'reward/evaluate',
  'reward/distribute',
  'rights-grant/evaluate',
].map((m) => path.join(__dirname, '..', 'policies', `${m}.ts`));

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow code, bundled by webpack on first use and reused by every worker of this process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: quietBundlerLogger,
    preloadModules: SHARED_WORKFLOW_MODULES,
  });
  return bundle;
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  prisma: PrismaClient;
  taskQueue?: string;
  /** Tests only: webhook receivers on plain http loopback (default: TRANSFERFLOW_WEBHOOK_ALLOW_LOOPBACK). */
  webhookAllowLoopback?: boolean;
}

/**
 * Workflows kept in the worker's cache between tasks. The SDK's default scales with the heap and
 * let 10 000 sleeping licences take ~3.5 GiB; an evicted workflow simply replays its (short,
 * thanks to continue-as-new) history on its next task. TRANSFERFLOW_WORKFLOW_CACHE overrides.
 */
export function workflowCacheSize(cfg: Pick<Config, 'worker'> = config()): number {
  // Validated (a whole number ≥ 0) with the rest of the configuration at start-up.
  return cfg.worker.workflowCache;
}

/**
 * Worker Deployment Versioning, when a build id is configured: this worker serves one build of
 * the deployment. Licences and grants run for years, so pinning a workflow to the build that
 * started it would keep every old build running for decades: workflows auto-upgrade to the
 * deployment's current build instead, and every change to workflow code goes behind `patched()`
 * (the replay gate checks the old histories still replay).
 */
export function deploymentOptions(cfg: Pick<Config, 'deployment'> = config()) {
  if (!cfg.deployment.buildId) return {};
  return {
    workerDeploymentOptions: {
      version: { deploymentName: cfg.deployment.name, buildId: cfg.deployment.buildId },
      useWorkerVersioning: true as const,
      defaultVersioningBehavior: 'AUTO_UPGRADE' as const,
    },
  };
}

export async function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    ...deploymentOptions(),
    maxCachedWorkflows: workflowCacheSize(),
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      prisma: options.prisma,
      webhookAllowLoopback: options.webhookAllowLoopback ?? config().webhooks.allowLoopback,
    }),
  });
}
