// What the API tells Prometheus (GET /metrics): its requests by route and status with latency
// histograms, and the business as the database records it — decisions by mechanism and outcome,
// cases by kind and stage, cases waiting on someone. The business figures are read from the
// database at scrape time, so every API process reports the same totals (aggregate with max, not
// sum) and a restart loses nothing. The SDK's worker metrics, when this process runs a worker with
// TRANSFERFLOW_WORKER_METRICS, are appended from the SDK's own exporter (worker/runtime.ts).
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PrismaClient } from '../../prisma/generated/client';

export interface ApiMetrics {
  registry: Registry;
  /** The SDK's Prometheus endpoint to append (http://host:port/metrics), if this process has one. */
  sdkMetricsUrl?: string;
}

/** Seconds: from a cached read (~1 ms) to the loan check's synchronous wait (20 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];

export function createApiMetrics(prisma: PrismaClient, sdkMetricsAddress?: string): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'transferflow_' });
  new Gauge({
    name: 'transferflow_decisions_recorded',
    help: 'Decisions recorded in the database, by mechanism and outcome (all processes: take max, not sum)',
    labelNames: ['mechanism', 'outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      const [loans, cases] = await Promise.all([
        prisma.loanCheck.groupBy({ by: ['decision'], _count: { _all: true } }),
        prisma.case.groupBy({ by: ['kind', 'eligibility'], _count: { _all: true } }),
      ]);
      for (const row of loans) this.set({ mechanism: 'ma-loan', outcome: row.decision }, row._count._all);
      for (const row of cases) this.set({ mechanism: row.kind, outcome: row.eligibility }, row._count._all);
    },
  });
  new Gauge({
    name: 'transferflow_cases',
    help: 'Cases by kind and stage, as their latest step recorded them',
    labelNames: ['kind', 'stage'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await prisma.case.groupBy({ by: ['kind', 'stage'], _count: { _all: true } });
      for (const row of rows) this.set({ kind: row.kind, stage: row.stage }, row._count._all);
    },
  });
  new Gauge({
    name: 'transferflow_cases_awaiting_action',
    help: 'Cases waiting on a person (a review, a decision, a payment notice), by kind',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await prisma.case.groupBy({
        by: ['kind'],
        where: { NOT: { pendingRoles: { isEmpty: true } } },
        _count: { _all: true },
      });
      for (const row of rows) this.set({ kind: row.kind }, row._count._all);
    },
  });
  return { registry, sdkMetricsUrl: sdkMetricsAddress ? `http://${sdkMetricsAddress}/metrics` : undefined };
}

/** Counts every answer by route template (never the raw URL: ids would explode the label set) and status. */
export function instrumentRequests(app: FastifyInstance, metrics: ApiMetrics): void {
  const requests = new Counter({
    name: 'transferflow_http_requests_total',
    help: 'API requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [metrics.registry],
  });
  const latency = new Histogram({
    name: 'transferflow_http_request_duration_seconds',
    help: 'API request latency, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
}

/** The API's metrics, then the SDK's (if this process exports them): one text exposition. */
export async function metricsText(metrics: ApiMetrics): Promise<string> {
  const own = await metrics.registry.metrics();
  if (!metrics.sdkMetricsUrl) return own;
  try {
    const res = await fetch(metrics.sdkMetricsUrl, { signal: AbortSignal.timeout(2000) });
    return `${own}\n${await res.text()}`;
  } catch {
    // The worker's exporter is part of this process; if it is not answering the API's own figures still count.
    return own;
  }
}
