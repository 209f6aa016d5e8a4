// `transferflow worker`: a production worker — Temporal from TEMPORAL_* settings, PostgreSQL
// from DATABASE_URL (PGlite would be owned by this process alone). Ctrl-C / SIGTERM drain it.
import { assertPacksSound } from '../policies/check-packs';
import { openDatabase } from '../prisma/database';
import { connectClient, connectWorker, temporalSettings } from '../client/temporal';
import { WebhookDispatcher } from '../client/webhooks/dispatcher';
import { config } from '../client/config';
import { createWorker } from './create-worker';
import { installRuntime } from './runtime';
import { startNoticeSender } from '../client/notices/sender';
import { startWorkerHealth, type HealthParts } from './health';

export async function runWorker(): Promise<void> {
  installRuntime({ handleSignals: true });
  assertPacksSound();
  const settings = temporalSettings();
  const database = await openDatabase();
  try {
    await database.migrate();
    // Probes for the supervisor (TRANSFERFLOW_WORKER_HEALTH), up before the slow part (bundling):
    // alive at once, ready once the worker polls and Temporal and the database answer.
    const parts: HealthParts = { prisma: database.prisma };
    const healthAddress = config().metrics.workerHealth;
    const health = healthAddress ? await startWorkerHealth(healthAddress, parts) : undefined;
    try {
      const connection = await connectWorker(settings);
      try {
        const worker = await createWorker({ connection, namespace: settings.namespace, prisma: database.prisma });
        parts.worker = worker;
        process.stderr.write(
          `worker on ${settings.address}/${settings.namespace}, task queue transferflow, database ${database.kind} ${database.location}${health ? `, probes ${health.url}/readyz` : ''}\n`,
        );
        // The SDK's runtime shuts the worker down on SIGINT/SIGTERM/SIGHUP; run() resolves once it has drained.
        // The worker also empties the outboxes: notices by mail, webhook deliveries as workflows.
        const stopNotices = startNoticeSender(database.prisma);
        const client = await connectClient(settings);
        parts.client = client;
        const stopWebhooks = new WebhookDispatcher(database.prisma, client, config().webhooks.firstRetryMs).every(
          1000,
          (e) => process.stderr.write(`webhook dispatcher: ${(e as Error).message}\n`),
        );
        try {
          await worker.run();
        } finally {
          parts.client = undefined;
          await stopNotices();
          await stopWebhooks();
          await client.connection.close();
        }
      } finally {
        await connection.close();
      }
    } finally {
      await health?.stop();
    }
  } finally {
    // However it ends, the database (and a PGlite folder's lock) is released.
    await database.close();
  }
}
