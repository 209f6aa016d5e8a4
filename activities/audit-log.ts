// Appends to the audit log. Idempotent: the event key identifies the event, so a retried
// activity (or a duplicate submission) finds its own event instead of writing a second one.
// No lock and no link to the previous entry: appends run concurrently, and the sequencer
// (audit-sequencer.ts) later puts them in the Merkle tree and signs a head over them.
import { Prisma } from '../prisma/generated/client';
import { contentHash } from '../policies/canonical-json';
import type { Actor } from '../workflows/definitions';

export interface AuditEventInput {
  eventKey: string;
  caseId: string;
  caseKind: string;
  action: string;
  actor: Actor;
  at: string;
  payload: Record<string, unknown>;
}

/** The row an event becomes: payloadHash is what the Merkle leaf and every verifier recompute. */
function auditEventRow(e: AuditEventInput) {
  return {
    eventKey: e.eventKey,
    caseId: e.caseId,
    caseKind: e.caseKind,
    action: e.action,
    actorId: e.actor.id,
    actorRole: e.actor.role,
    at: new Date(e.at),
    payloadHash: contentHash(e.payload),
    payload: e.payload as Prisma.InputJsonObject,
  };
}

export async function appendAuditEvent(tx: Prisma.TransactionClient, e: AuditEventInput): Promise<void> {
  // ON CONFLICT DO NOTHING: a retry, or the same event appended concurrently, leaves the first one.
  await tx.auditEvent.createMany({ data: [auditEventRow(e)], skipDuplicates: true });
}

/**
 * appendAuditEvent as an INSERT to compose into a larger statement (the loan check records its
 * decision, audit event and webhooks in one): the same row, kept only when `gate` holds.
 */
export function auditEventInsert(e: AuditEventInput, gate: Prisma.Sql): Prisma.Sql {
  const r = auditEventRow(e);
  return Prisma.sql`INSERT INTO "AuditEvent" ("eventKey", "caseId", "caseKind", "action", "actorId", "actorRole", "at", "payloadHash", "payload")
    SELECT ${r.eventKey}::text, ${r.caseId}::text, ${r.caseKind}::text, ${r.action}::text, ${r.actorId}::text,
      ${r.actorRole}::text, ${e.at}::timestamp(3), ${r.payloadHash}::text, ${JSON.stringify(r.payload)}::jsonb
    WHERE ${gate}
    ON CONFLICT DO NOTHING`;
}

/** A recorded step of a long-running case, as the workflows hand it over. */
export interface CaseStepRecord {
  stage: string;
  action: string;
  actor: Actor;
  reason?: string;
  reference?: string;
  at: string;
  policy: string;
}

/** A case's step `step` (its place in the case history: the idempotency key) as an audit event, with the fields its kind adds. */
export function caseStepEvent(
  kind: string,
  workflowId: string,
  step: number,
  record: CaseStepRecord,
  stageAfter: string,
  extra: Record<string, unknown> = {},
): AuditEventInput {
  return {
    eventKey: `${workflowId}#${step}`,
    caseId: workflowId,
    caseKind: kind,
    action: `${kind}.${record.action}`,
    actor: record.actor,
    at: record.at,
    payload: {
      stage: record.stage,
      reason: record.reason ?? null,
      reference: record.reference ?? null,
      ...extra,
      policy: record.policy,
      stageAfter,
    },
  };
}
