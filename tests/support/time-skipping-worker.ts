// The time-skipping test server with a worker running the real workflows and activities
// against a fresh PGlite database.
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities, type Activities } from '../../activities';
import { workflowBundle } from '../../worker/create-worker';
import { timeSkippingEnv, withSearchAttributes } from './temporal-env';
import { timeSkippingEnvAt } from './test-server-at';
import { openTestDatabase, type TestDatabase } from './test-db';

export interface TimeSkippingWorker {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  taskQueue: string;
  close(): Promise<void>;
}

export interface TimeSkippingOptions {
  /** Wraps the real activities, e.g. to hold one back while a test sends an update. */
  wrapActivities?: (activities: Activities) => Activities;
  /** Starts the server's clock at this instant (ms since the epoch) instead of now. */
  startAt?: number;
  /** Lets webhook deliveries reach a receiver on loopback (a test's own). */
  webhookAllowLoopback?: boolean;
  /** The key webhook secrets are encrypted under. */
  webhookSecretKey?: string;
}

export async function startTimeSkippingWorker(
  taskQueue: string,
  options: TimeSkippingOptions = {},
): Promise<TimeSkippingWorker> {
  const serverEnv =
    options.startAt === undefined ? timeSkippingEnv() : timeSkippingEnvAt(options.startAt).then(withSearchAttributes);
  const [env, db] = await Promise.all([serverEnv, openTestDatabase('pglite')]);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: (options.wrapActivities ?? ((a) => a))(
      createActivities({
        prisma: db.prisma,
        webhookAllowLoopback: options.webhookAllowLoopback,
        webhookSecretKey: options.webhookSecretKey,
      }),
    ),
  });
  const running = worker.run();
  return {
    env,
    db,
    taskQueue,
    async close() {
      worker.shutdown();
      await running;
      await env.teardown();
      await db.destroy();
    },
  };
}

/** For a test file: started before its tests, closed after. */
export function useTimeSkippingWorker(taskQueue: string, options: TimeSkippingOptions = {}): () => TimeSkippingWorker {
  let tsw: TimeSkippingWorker | undefined;
  beforeAll(async () => {
    tsw = await startTimeSkippingWorker(taskQueue, options);
  }, 120_000);
  afterAll(async () => {
    await tsw?.close();
  });
  return () => {
    if (!tsw) throw new Error('the time-skipping server did not start: see the beforeAll error above');
    return tsw;
  };
}
