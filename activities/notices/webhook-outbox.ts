// Webhook deliveries for machine clients, written beside the notices in the step's transaction:
// one row per (endpoint, event), so a retry or replay adds nothing; the dispatcher starts a
// delivery workflow for each. An endpoint hears only what its owner may see: a licensee's
// endpoints its own licences, a bank's its own loan checks, the office's every case.
import { createHash } from 'node:crypto';
import { Prisma } from '../../prisma/generated/client';

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

/** A delivery's id (its webhook-id): one per endpoint and event. webhookInsert computes the same in SQL. */
export const deliveryId = (endpointId: string, caseId: string, eventKey: string) =>
  'msg_' + createHash('sha256').update(`${endpointId}\n${caseId}\n${eventKey}`).digest('hex').slice(0, 28);

/**
 * The one statement that writes an event's deliveries: every enabled endpoint subscribed to it
 * whose owner may see it (a licensee's its own licences, a bank's its own banks' loan checks, the
 * office's everything) gets a row, and a row already written is left alone (a retry or replay adds
 * nothing). Reading the endpoints first and inserting after was two statements on every step of
 * every case — most of which no endpoint listens to. `gate`, when given, is a condition the rows
 * also need (the loan check's: that its own row was inserted by the same statement).
 */
export function webhookInsert(e: WebhookEventData, gate: Prisma.Sql = Prisma.sql`TRUE`): Prisma.Sql {
  // The body is fixed when the event happens: every attempt (and a redelivery) sends the same bytes.
  const body = JSON.stringify({ type: e.type, timestamp: e.at, data: { caseId: e.caseId, ...e.data } });
  const id = Prisma.sql`'msg_' || left(encode(sha256(convert_to(ep."id" || E'\n' || ${e.caseId}::text || E'\n' || ${e.eventKey}::text, 'UTF8')), 'hex'), 28)`;
  // An event without an owner (NULL) matches no licensee or bank endpoint: NULL = … is never true.
  return Prisma.sql`INSERT INTO "WebhookDelivery" ("id", "endpointId", "event", "eventKey", "caseId", "body")
    SELECT ${id}, ep."id", ${e.type}::text, ${`${e.caseId}#${e.eventKey}`}::text, ${e.caseId}::text, ${body}::text
    FROM "WebhookEndpoint" ep
    WHERE NOT ep."disabled" AND ${e.type}::text = ANY(ep."events") AND (${gate})
      AND CASE ep."role"
        WHEN 'licensee' THEN ep."licenseeId" = ${e.licenseeId ?? null}::text
        WHEN 'bank' THEN ${e.bankId ?? null}::text = ANY(ep."bankIds")
        ELSE TRUE END
    ON CONFLICT DO NOTHING`;
}

/** Writes an event's deliveries (see webhookInsert); answers how many rows are new. */
export function enqueueWebhooks(tx: Prisma.TransactionClient, e: WebhookEventData): Promise<number> {
  return tx.$executeRaw(webhookInsert(e));
}
