// Webhooks on real parts (dev server, PGlite, the whole stack) to a local receiver that fails its
// first attempts: a bank registers an endpoint through the API, a loan check is decided, and the
// signed loan-check.decided arrives — retried with backoff until accepted, then never again; the
// signatures verify with the secret shown at registration, a tampered body fails; the delivery
// log shows every attempt's status code; a manual redelivery sends it once more; SSRF targets
// are refused at registration.
// The receiver listens on plain http on loopback, which only this configuration allows; the first
// retry waits 200 ms instead of 30 s. Set before the configuration is first read.
process.env.TRANSFERFLOW_WEBHOOK_ALLOW_LOOPBACK = 'true';
process.env.TRANSFERFLOW_WEBHOOK_RETRY_MS = '200';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { verifyWebhook } from '../../client/webhooks/signature';
import { KEYS, useE2E } from '../support/stack';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
const failFirst = 2;
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = received.length <= failFirst ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

const e2e = useE2E('pglite');

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`never ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const headersOf = (r: Received) => ({
  'webhook-id': r.headers['webhook-id'] as string,
  'webhook-timestamp': r.headers['webhook-timestamp'] as string,
  'webhook-signature': r.headers['webhook-signature'] as string,
});

test('SSRF targets are refused when an endpoint is registered', async () => {
  for (const url of ['http://10.0.0.7/hook', 'https://169.254.169.254/latest/meta-data', 'https://[fd00::1]/x']) {
    const res = await e2e().call('POST', '/v1/webhooks', KEYS.bank, { url, events: ['loan-check.decided'] });
    expect({ url, status: res.status, path: res.body.issues?.[0]?.path }).toEqual({ url, status: 400, path: 'url' });
  }
  expect(await e2e().db.prisma.webhookEndpoint.count()).toBe(0);
  // Auditors never write.
  expect(
    (await e2e().call('POST', '/v1/webhooks', KEYS.auditor, { url: receiverUrl, events: ['loan-check.decided'] }))
      .status,
  ).toBe(403);
});

test('a bank gets a signed loan-check.decided: retried until accepted, once; log, redelivery, scope', async () => {
  const reg = await e2e().call('POST', '/v1/webhooks', KEYS.bank, { url: receiverUrl, events: ['loan-check.decided'] });
  expect(reg.status).toBe(201);
  const { id: endpointId, secret } = reg.body;
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  // Another bank's endpoint must not hear of this bank's check.
  const other = await e2e().call('POST', '/v1/webhooks', KEYS.otherBank, {
    url: `${receiverUrl}?other`,
    events: ['loan-check.decided'],
  });
  expect(other.status).toBe(201);
  const listed = await e2e().call('GET', '/v1/webhooks', KEYS.bank);
  expect(listed.body.items).toEqual([expect.objectContaining({ id: endpointId, url: receiverUrl })]);
  expect(JSON.stringify(listed.body)).not.toContain(secret);

  const check = await e2e().call('POST', '/v1/loan-checks', KEYS.bank, EXAMPLE_LOAN_REQUEST);
  expect(check.status).toBe(200);
  await until('accepted after two failures', () => received.length >= 3);
  await new Promise((r) => setTimeout(r, 2500)); // no attempt after the accepted one
  expect(received).toHaveLength(3);
  const ids = new Set(received.map((r) => r.headers['webhook-id']));
  expect(ids.size).toBe(1);
  for (const r of received) {
    expect(r.headers['content-type']).toBe('application/json');
    expect(verifyWebhook(secret, headersOf(r), r.body)).toBe(true);
  }
  const body = JSON.parse(received[2].body);
  expect(body).toMatchObject({
    type: 'loan-check.decided',
    data: {
      bankId: EXAMPLE_LOAN_REQUEST.bank.id,
      requestId: EXAMPLE_LOAN_REQUEST.requestId,
      decision: check.body.decision,
    },
  });
  // A tampered body, or the wrong secret, fails verification.
  expect(verifyWebhook(secret, headersOf(received[2]), received[2].body.replace('"decision":"', '"decision":"x'))).toBe(
    false,
  );
  expect(verifyWebhook(other.body.secret, headersOf(received[2]), received[2].body)).toBe(false);

  const log = await e2e().call('GET', `/v1/webhooks/${endpointId}/deliveries`, KEYS.bank);
  expect(log.status).toBe(200);
  expect(log.body.items).toHaveLength(1);
  expect(log.body.items[0]).toMatchObject({ event: 'loan-check.decided', status: 'delivered', round: 0 });
  expect(log.body.items[0].attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 204]);
  expect((await e2e().call('GET', `/v1/webhooks/${endpointId}/deliveries`, KEYS.otherBank)).status).toBe(404);
  const otherLog = await e2e().call('GET', `/v1/webhooks/${other.body.id}/deliveries`, KEYS.otherBank);
  expect(otherLog.body.items).toEqual([]);

  // The same decision asked again is the same check: no second delivery.
  expect((await e2e().call('POST', '/v1/loan-checks', KEYS.bank, EXAMPLE_LOAN_REQUEST)).status).toBe(200);
  const deliveryId = log.body.items[0].id;
  expect((await e2e().call('POST', `/v1/webhook-deliveries/${deliveryId}/redeliver`, KEYS.otherBank)).status).toBe(404);
  const again = await e2e().call('POST', `/v1/webhook-deliveries/${deliveryId}/redeliver`, KEYS.bank);
  expect(again).toMatchObject({ status: 202, body: { round: 1 } });
  await until('redelivered', () => received.length === 4);
  expect(received[3].headers['webhook-id']).toBe(deliveryId);
  expect(received[3].body).toBe(received[2].body);
  expect(verifyWebhook(secret, headersOf(received[3]), received[3].body)).toBe(true);
  await new Promise((r) => setTimeout(r, 1500));
  expect(received).toHaveLength(4);
}, 300_000);
