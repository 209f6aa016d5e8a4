// Webhook deliveries for machine clients, written beside the notices in the step's transaction:
// one row per (endpoint, event), so a retry or replay adds nothing; the dispatcher starts a
// delivery workflow for each. An endpoint hears only what its owner may see: a licensee's
// endpoints its own licences, a bank's its own loan checks, the office's every case.
import { createHash } from 'node:crypto';
import type { Prisma } from '../../prisma/generated/client';

export const WEBHOOK_EVENTS = [
  'loan-check.decided',
  'case.step-waiting',
  'case.step-reminder',
  'case.escalated',
  'licence.reminder',
  'licence.payment-due',
  'licence.overdue',
  'licence.defaulted',
  'licence.credit-flag-lifted',
  'grant.publicity-started',
  'grant.publicity-ended',
  'review.determined',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookEventData {
  type: string;
  eventKey: string;
  caseId: string;
  at: string;
  /** The owner an endpoint must act for to hear of it (none: office endpoints only). */
  licenseeId?: string;
  bankId?: string;
  data: Record<string, unknown>;
}

export const deliveryId = (endpointId: string, caseId: string, eventKey: string) =>
  'msg_' + createHash('sha256').update(`${endpointId}\n${caseId}\n${eventKey}`).digest('hex').slice(0, 28);

export async function enqueueWebhooks(tx: Prisma.TransactionClient, e: WebhookEventData): Promise<number> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { disabled: false, events: { has: e.type } } });
  const rows = endpoints
    .filter((ep) =>
      ep.role === 'licensee'
        ? e.licenseeId !== undefined && ep.licenseeId === e.licenseeId
        : ep.role === 'bank'
          ? e.bankId !== undefined && ep.bankIds.includes(e.bankId)
          : true,
    )
    .map((ep) => {
      const id = deliveryId(ep.id, e.caseId, e.eventKey);
      // The body is fixed when the event happens: every attempt (and a redelivery) sends the same bytes.
      const body = JSON.stringify({ type: e.type, timestamp: e.at, data: { caseId: e.caseId, ...e.data } });
      return { id, endpointId: ep.id, event: e.type, eventKey: `${e.caseId}#${e.eventKey}`, caseId: e.caseId, body };
    });
  if (!rows.length) return 0;
  return (await tx.webhookDelivery.createMany({ data: rows, skipDuplicates: true })).count;
}
