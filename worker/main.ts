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

export async function runWorker(): Promise<void> {
  installRuntime({ handleSignals: true });
  assertPacksSound();
  const settings = temporalSettings();
  const database = await openDatabase();
  try {
    await database.migrate();
    const connection = await connectWorker(settings);
    try {
      const worker = await createWorker({ connection, namespace: settings.namespace, prisma: database.prisma });
      process.stderr.write(
        `worker on ${settings.address}/${settings.namespace}, task queue transferflow, database ${database.kind} ${database.location}\n`,
      );
      // The SDK's runtime shuts the worker down on SIGINT/SIGTERM/SIGHUP; run() resolves once it has drained.
      // The worker also empties the outboxes: notices by mail, webhook deliveries as workflows.
      const stopNotices = startNoticeSender(database.prisma);
      const client = await connectClient(settings);
      const stopWebhooks = new WebhookDispatcher(database.prisma, client, config().webhooks.firstRetryMs).every(
        1000,
        (e) => process.stderr.write(`webhook dispatcher: ${(e as Error).message}\n`),
      );
      try {
        await worker.run();
      } finally {
        await stopNotices();
        await stopWebhooks();
        await client.connection.close();
      }
    } finally {
      await connection.close();
    }
  } finally {
    // However it ends, the database (and a PGlite folder's lock) is released.
    await database.close();
  }
}
