// A webhook delivery attempt: the SSRF check (again, as DNS may have changed), a POST signed per
// Standard Webhooks to the very address that was checked (no second lookup to rebind), and the
// attempt written to the delivery log. Keyed by (delivery, round, attempt): a retried activity
// writes its attempt once, and a delivery already accepted is never posted again.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { PrismaClient } from '../prisma/generated/client';
import { assertSafeWebhookUrl } from '../client/webhooks/ssrf';
import { webhookHeaders } from '../client/webhooks/signature';
import { openSecret } from '../client/webhooks/secret-box';
import { config } from '../client/config';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface WebhookDeps {
  prisma: PrismaClient;
  /** Tests only: plain http to loopback receivers. */
  webhookAllowLoopback?: boolean;
  /** The key webhook secrets are encrypted under (default: TRANSFERFLOW_WEBHOOK_SECRET_KEY). */
  webhookSecretKey?: string;
}

/** POSTs `body`, connecting only to `address`; resolves with the status code. */
function post(url: URL, address: string, headers: Record<string, string>, body: string): Promise<number> {
  const pinned: LookupFunction = (_host, options, callback) => {
    const family = isIP(address);
    if ((options as { all?: boolean }).all) (callback as any)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'transferflow-webhooks',
        },
        lookup: pinned,
        timeout: 15_000,
      },
      (res) => {
        res.resume(); // the receiver's body is not needed, only its status
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

export function createWebhookActivities(deps: WebhookDeps) {
  const { prisma } = deps;
  return {
    async attemptWebhook(input: {
      deliveryId: string;
      round: number;
      attempt: number;
    }): Promise<{ done: boolean; status: string }> {
      const d = await prisma.webhookDelivery.findUnique({ where: { id: input.deliveryId } });
      if (!d) return { done: true, status: 'missing' };
      if (d.status === 'delivered') return { done: true, status: 'delivered' };
      const logged = await prisma.webhookAttempt.findUnique({
        where: { deliveryId_round_attempt: { deliveryId: d.id, round: input.round, attempt: input.attempt } },
      });
      // This attempt was made and logged before a crash: its answer stands.
      if (logged) return { done: false, status: 'pending' };
      const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id: d.endpointId } });
      if (!endpoint || endpoint.disabled) {
        await prisma.webhookDelivery.update({
          where: { id: d.id },
          data: { status: 'failed', lastError: 'endpoint removed' },
        });
        return { done: true, status: 'failed' };
      }
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        const url = await assertSafeWebhookUrl(endpoint.url, { allowLoopback: deps.webhookAllowLoopback ?? false });
        const host = url.hostname.replace(/^\[|\]$/g, '');
        const address = isIP(host) ? host : (await lookup(host, { verbatim: true })).address;
        await assertSafeWebhookUrl(`${url.protocol}//${isIP(address) === 6 ? `[${address}]` : address}/`, {
          allowLoopback: deps.webhookAllowLoopback ?? false,
        });
        const secret = openSecret(endpoint.secret, deps.webhookSecretKey ?? config().webhooks.secretKey);
        const timestamp = Math.floor(Date.now() / 1000);
        statusCode = await post(url, address, webhookHeaders(secret, d.id, timestamp, d.body), d.body);
        if (statusCode < 200 || statusCode > 299) error = `the receiver answered ${statusCode}`;
      } catch (e) {
        error = String((e as Error).message ?? e).slice(0, 500);
      }
      const delivered = error === null;
      await prisma.$transaction([
        prisma.webhookAttempt.create({
          data: { deliveryId: d.id, round: input.round, attempt: input.attempt, statusCode, error },
        }),
        prisma.webhookDelivery.update({
          where: { id: d.id },
          data: {
            attempts: { increment: 1 },
            lastStatusCode: statusCode,
            lastError: error,
            ...(delivered ? { status: 'delivered', deliveredAt: new Date() } : {}),
          },
        }),
      ]);
      return { done: delivered, status: delivered ? 'delivered' : 'pending' };
    },

    async giveUpWebhook(input: { deliveryId: string; round: number }): Promise<void> {
      await prisma.webhookDelivery.updateMany({
        where: { id: input.deliveryId, round: input.round, status: 'pending' },
        data: { status: 'failed' },
      });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
