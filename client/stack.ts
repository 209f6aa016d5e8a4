// The running service: database (migrated), worker and HTTP API in one process, connected to a
// Temporal server. Used by `transferflow dev` (with its own dev server) and by the end-to-end
// tests; in production the worker and the API can also run apart (`transferflow worker`, and
// `transferflow serve --no-worker` for the API alone), as many of each as the load needs.
import type { FastifyInstance } from 'fastify';
import { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { assertPacksSound } from '../policies/check-packs';
import type { Database } from '../prisma/database';
import { createWorker } from '../worker/create-worker';
import { buildApi } from './api/server';
import type { ApiKeys } from './api/auth';
import type { ApiLogger } from './api/log';
import type { EvidenceStore } from './evidence-store';
import { connectClient, connectWorker, type TemporalSettings } from './temporal';
import type { AuditSigner } from '../activities/audit-signing';
import { AuditSequencer } from '../activities/audit-sequencer';
import { startNoticeSender, type SmtpSettings } from './notices/sender';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { config } from './config';
import type { TrainingClock } from './training/clock';

export interface StackOptions {
  temporal: TemporalSettings;
  database: Database;
  keys: ApiKeys;
  host?: string;
  /** 0 picks a free port. */
  port: number;
  syncTimeoutMs?: number;
  logger?: ApiLogger;
  /** How long any API handler may take before answering 503 (client/api/timeouts.ts). */
  handlerTimeoutMs?: number;
  /** Default: the folder store from the environment (TRANSFERFLOW_EVIDENCE_DIR). */
  evidence?: EvidenceStore;
  /** Signs the audit log's tree heads; without one nothing is sequenced and auditors get 503. */
  auditSigner?: AuditSigner;
  /** How often to sequence and sign (0: only on demand). Default 5000. */
  auditHeadIntervalMs?: number;
  /** false: the API alone (workers run as their own processes). Default true. */
  worker?: boolean;
  /** /metrics: the scrape token, and the SDK's worker metrics address to append (client/api/metrics.ts). */
  metrics?: { token?: string; sdkMetricsAddress?: string };
  /** Where notices are mailed (default: SMTP_* from the configuration; no host: none are sent). */
  smtp?: SmtpSettings & { intervalMs?: number };
  /** Training mode (client/training/): the time-skipping server's clock, skipped ahead from the console. */
  training?: TrainingClock;
  /** Webhook deliveries (default: from the configuration). */
  webhooks?: { allowLoopback: boolean; firstRetryMs: number };
}

export interface Stack {
  apiUrl: string;
  api: FastifyInstance;
  client: Client;
  /** Absent when the stack runs the API alone. */
  worker?: Worker;
  stop(): Promise<void>;
}

/** The API could not listen (most often: the port is in use). */
export class ListenError extends Error {
  constructor(host: string, port: number, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    super(
      code === 'EADDRINUSE'
        ? `cannot listen on ${host}:${port}: the port is in use (another transferflow? set PORT to use another)`
        : `cannot listen on ${host}:${port}: ${(cause as Error)?.message ?? cause}`,
      { cause },
    );
    this.name = 'ListenError';
  }
}

export async function startStack(options: StackOptions): Promise<Stack> {
  assertPacksSound();
  await options.database.migrate();
  const withWorker = options.worker ?? true;
  const nativeConnection = withWorker ? await connectWorker(options.temporal) : undefined;
  // With a worker here, the API's client shares the worker's connection, so a case it starts can
  // start eagerly: the server hands the first workflow task straight back to this process's worker
  // in its answer to the start, instead of queueing it for the next poll (client/start-once.ts).
  // API-only (workers run as their own processes): a client connection of its own.
  const client = nativeConnection
    ? new Client({ connection: nativeConnection, namespace: options.temporal.namespace })
    : await connectClient(options.temporal);
  const worker =
    nativeConnection &&
    (await createWorker({
      connection: nativeConnection,
      namespace: options.temporal.namespace,
      prisma: options.database.prisma,
      webhookAllowLoopback: (options.webhooks ?? config().webhooks).allowLoopback,
    }));
  const running = worker?.run();
  const auditSequencer = options.auditSigner
    ? new AuditSequencer(options.database.prisma, options.auditSigner)
    : undefined;
  // Sequencing errors (a database outage) are retried on the next round; the appends never wait on them.
  const stopSequencer =
    auditSequencer?.every(options.auditHeadIntervalMs ?? 5000, (e) =>
      process.stderr.write(`audit sequencer: ${(e as Error).message}\n`),
    ) ?? (async () => {});
  const stopNotices = startNoticeSender(options.database.prisma, options.smtp);
  const stopWebhooks = new WebhookDispatcher(
    options.database.prisma,
    client,
    (options.webhooks ?? config().webhooks).firstRetryMs,
  ).every(500, (e) => process.stderr.write(`webhook dispatcher: ${(e as Error).message}\n`));
  const api = buildApi(
    {
      temporal: client,
      prisma: options.database.prisma,
      keys: options.keys,
      syncTimeoutMs: options.syncTimeoutMs ?? 20_000,
      evidence: options.evidence,
      auditSequencer,
      training: options.training,
    },
    { logger: options.logger, handlerTimeoutMs: options.handlerTimeoutMs, metrics: options.metrics },
  );
  const stopWorker = async () => {
    // Already stopping (its runtime took a signal, or a test stopped it) is fine: wait for it.
    // shutdown() lets in-flight tasks finish (up to the SDK's shutdownGraceTime) before run() resolves.
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await (nativeConnection ? nativeConnection.close() : client.connection.close());
  };
  let apiUrl: string;
  try {
    apiUrl = await api.listen({ host: options.host ?? '127.0.0.1', port: options.port });
  } catch (error) {
    // A port in use must not leave a worker running on the database with no API in front of it.
    await api.close().catch(() => undefined);
    await stopSequencer().catch(() => undefined);
    await stopNotices().catch(() => undefined);
    await stopWebhooks().catch(() => undefined);
    await stopWorker().catch(() => undefined);
    throw new ListenError(options.host ?? '127.0.0.1', options.port, error);
  }
  let stopped: Promise<void> | undefined;
  return {
    apiUrl,
    api,
    client,
    worker,
    stop: () =>
      (stopped ??= (async () => {
        await api.close();
        await stopSequencer();
        await stopNotices();
        await stopWebhooks();
        await stopWorker();
      })()),
  };
}
