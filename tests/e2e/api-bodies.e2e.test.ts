// What the API does with bodies and with time, on a real stack (PostgreSQL, so an outage can be
// made): unauthenticated requests are refused before their body is read, raw bytes are taken by
// the evidence upload alone, oversized JSON is refused, ids that are only object keys are 404,
// every error answer names its request id, and a request waiting on a database that is down
// answers 202 or 503 within its budget instead of hanging.
import { loanRequest } from '../support/loan-fixtures';
import { allowConnections } from '../support/test-db';
import { KEYS, startE2E, type E2E } from '../support/stack';
import { maLoanWorkflowId } from '../../workflows/ma-loan-definitions';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';

const HANDLER_BUDGET_MS = 4_000;
let e2e: E2E;
beforeAll(async () => {
  // The loan check's wait for its decision (10 s) is longer than any handler may take (4 s), so
  // the budget, not the wait, ends a request whose workflow cannot progress.
  e2e = await startE2E('postgres', { syncTimeoutMs: 10_000, handlerTimeoutMs: HANDLER_BUDGET_MS });
}, 120_000);
afterAll(() => e2e?.close());

const raw = (path: string, type: string, body: Uint8Array, key?: string) =>
  fetch(`${e2e.stack.apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });

test('5 MiB of octet-stream to a JSON route: 401 without a key, 415 with one; the upload route takes it', async () => {
  const big = new Uint8Array(5 * 1024 * 1024).fill(7);
  const anonymous = await raw('/v1/loan-checks', 'application/octet-stream', big);
  expect(anonymous.status).toBe(401);
  expect(await anonymous.json()).toMatchObject({
    error: 'unauthenticated',
    reqId: anonymous.headers.get('x-request-id'),
  });
  const bank = await raw('/v1/loan-checks', 'application/octet-stream', big, KEYS.bank);
  expect(bank.status).toBe(415);
  expect(await bank.json()).toMatchObject({ error: 'unsupported-media-type' });
  const upload = await raw('/v1/evidence?name=big.bin', 'application/octet-stream', big, KEYS.tto);
  expect(upload.status).toBe(201);
  expect(await upload.json()).toMatchObject({ size: big.length });
  // Without a key the upload is refused before its 5 MiB are buffered, too.
  expect((await raw('/v1/evidence?name=big.bin', 'application/octet-stream', big)).status).toBe(401);
});

test('a JSON body above the global limit is 413', async () => {
  const padded = JSON.stringify({ ...loanRequest({ requestId: 'too-big' }), pad: 'x'.repeat(300 * 1024) });
  const res = await raw('/v1/loan-checks', 'application/json', new TextEncoder().encode(padded), KEYS.bank);
  expect(res.status).toBe(413);
});

test.each([
  ['/v1/evaluate/constructor', {}],
  ['/v1/evaluate/toString', {}],
  ['/v1/evaluate/__proto__', {}],
  ['/v1/cases/toString', EXAMPLE_RIGHTS_GRANT],
  ['/v1/cases/constructor', EXAMPLE_RIGHTS_GRANT],
  ['/v1/cases/hasOwnProperty', EXAMPLE_RIGHTS_GRANT],
])('POST %s is 404, not a crash', async (path, body) => {
  const res = await e2e.call('POST', path, KEYS.admin, body);
  expect(res.status).toBe(404);
  expect(res.body).toMatchObject({ error: 'not-found', reqId: res.headers.get('x-request-id') });
});

test('a caller’s X-Request-Id is kept and repeated in the error', async () => {
  const res = await fetch(`${e2e.stack.apiUrl}/v1/cases/nope`, {
    headers: { authorization: `Bearer ${KEYS.auditor}`, 'x-request-id': 'trace-abc-1' },
  });
  expect(res.status).toBe(404);
  expect(res.headers.get('x-request-id')).toBe('trace-abc-1');
  expect(await res.json()).toMatchObject({ reqId: 'trace-abc-1' });
});

test('with the database down, requests answer 202 or 503 within their budget instead of hanging', async () => {
  await allowConnections(e2e.db.url!, false);
  try {
    const timed = async (method: string, path: string, key: string, body?: unknown) => {
      const started = Date.now();
      const res = await e2e.call(method, path, key, body);
      return { ...res, ms: Date.now() - started };
    };
    const results = await Promise.all([
      timed('POST', '/v1/loan-checks', KEYS.bank, loanRequest({ requestId: 'outage-api-1' })),
      timed('POST', '/v1/cases/rights-grant', KEYS.tto, { ...EXAMPLE_RIGHTS_GRANT, caseId: 'outage-grant-1' }),
      timed('GET', '/v1/loan-checks?limit=5', KEYS.auditor),
    ]);
    for (const r of results) {
      expect([202, 503]).toContain(r.status);
      expect(r.ms).toBeLessThan(HANDLER_BUDGET_MS + 3_000);
      if (r.status === 503) expect(r.headers.get('retry-after')).toBe('5');
    }
  } finally {
    await allowConnections(e2e.db.url!, true);
  }
}, 60_000);

// Last: it stops the stack's worker.
test('a loan check whose workflow cannot progress answers 503 at the handler budget, and stays started for a retry', async () => {
  e2e.stack.worker!.shutdown();
  const started = Date.now();
  const res = await e2e.call('POST', '/v1/loan-checks', KEYS.bank, loanRequest({ requestId: 'no-worker-1' }));
  const ms = Date.now() - started;
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ error: 'timeout', reqId: expect.any(String) });
  expect(res.headers.get('retry-after')).toBe('5');
  expect(ms).toBeGreaterThanOrEqual(HANDLER_BUDGET_MS - 100);
  expect(ms).toBeLessThan(HANDLER_BUDGET_MS + 3_000);
  // The check was started and waits for a worker: a retry with the same requestId finds it.
  const handle = e2e.stack.client.workflow.getHandle(maLoanWorkflowId('cq-bank', 'no-worker-1'));
  expect((await handle.describe()).status.name).toBe('RUNNING');
  // Ended here so that the handler still waiting in the background settles before the stack closes.
  await handle.terminate('test over');
  await new Promise((r) => setTimeout(r, 500));
}, 60_000);
