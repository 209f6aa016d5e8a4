// A worker-only process (`transferflow worker`) has no API to ask, yet its supervisor must know
// when it is alive and when it is ready: with TRANSFERFLOW_WORKER_HEALTH=host:port it answers
//   GET /healthz  200 while the process answers,
//   GET /readyz   200 once the worker is running (polling its task queue) and Temporal and the
//                 database answer; 503 otherwise, naming which part is not (never an address).
// Plain node:http: two routes need no framework, and nothing else is served here.
import { createServer, type Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import type { PrismaClient } from '../prisma/generated/client';
import { PROBE_MS, probe } from '../client/probe';

export interface WorkerHealth {
  url: string;
  stop(): Promise<void>;
}

/** What the probes look at, filled in as the process starts (the worker and its client come last). */
export interface HealthParts {
  prisma: PrismaClient;
  worker?: Worker;
  client?: Client;
}

export async function readiness(parts: HealthParts) {
  const client = parts.client;
  const [temporal, database] = await Promise.all([
    client
      ? probe(() =>
          client.connection.withDeadline(Date.now() + PROBE_MS, () => client.workflowService.getSystemInfo({})),
        )
      : 'starting',
    probe(() => parts.prisma.$queryRawUnsafe('SELECT 1')),
  ]);
  const state = parts.worker?.getState() ?? 'STARTING';
  const worker = state === 'RUNNING' ? 'running' : state.toLowerCase();
  const ready = worker === 'running' && temporal === 'ok' && database === 'ok';
  return { ready, body: { status: ready ? 'ready' : 'not-ready', worker, temporal, database } };
}

/** Listens on `address` (host:port); resolves once listening. */
export async function startWorkerHealth(address: string, parts: HealthParts): Promise<WorkerHealth> {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(colon + 1));
  const server: Server = createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, { error: 'method-not-allowed' });
    if (path === '/healthz') return answer(200, { status: 'ok' });
    if (path === '/readyz')
      return void readiness(parts).then(
        ({ ready, body }) => answer(ready ? 200 : 503, body),
        () => answer(503, { status: 'not-ready' }),
      );
    answer(404, { error: 'not-found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
