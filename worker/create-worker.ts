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

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** The workflow code, bundled by webpack on first use and reused by every worker of this process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  // The pure policy modules are NOT preloaded (shared by every workflow of a thread): with them
  // preloaded, tests/workflow/diligence-exemption.workflow.test.ts failed 2 of 2 complete runs
  // (a first workflow task refused "Local activity … not registered on worker", so the update
  // that followed found no handler), 0 of 4 without. README, "Licences (issue 17)".
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
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
