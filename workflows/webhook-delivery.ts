// One webhook delivery round as a durable process: attempts with exponential backoff (doubling
// from the first delay up to four hours between attempts) until the receiver accepts (2xx) or the
// retry window of more than a day has passed; then the delivery is marked failed. The attempts
// themselves (signing, the SSRF check, the POST, the delivery log) are the activity's.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhook-activities';

export const WEBHOOK_DELIVERY_WORKFLOW = 'webhookDelivery';
/** Attempts go on for at least this long (issue 14: at least 24 hours). */
export const WEBHOOK_RETRY_WINDOW_MS = 25 * 3_600_000;
const MAX_DELAY_MS = 4 * 3_600_000;

export interface WebhookDeliveryInput {
  deliveryId: string;
  round: number;
  /** The wait after the first failed attempt; doubled after each (30 s in production, less in tests). */
  firstDelayMs: number;
}

const { attemptWebhook, giveUpWebhook } = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '1 minute',
  // An attempt that could not even be recorded (database down) is retried by Temporal; the
  // receiver's answers are results, retried by the loop below on its backoff.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function webhookDelivery(input: WebhookDeliveryInput): Promise<string> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const result = await attemptWebhook({ deliveryId: input.deliveryId, round: input.round, attempt });
    if (result.done) return result.status;
    const delay = Math.min(input.firstDelayMs * 2 ** (attempt - 1), MAX_DELAY_MS);
    if (Date.now() + delay - started > WEBHOOK_RETRY_WINDOW_MS) {
      await giveUpWebhook({ deliveryId: input.deliveryId, round: input.round });
      return 'failed';
    }
    await sleep(delay);
  }
}
