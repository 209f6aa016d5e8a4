// Appends to the audit log. Idempotent: the event key identifies the event, so a retried
// activity (or a duplicate submission) finds its own event instead of writing a second one.
// No lock and no link to the previous entry: appends run concurrently, and the sequencer
// (audit-sequencer.ts) later puts them in the Merkle tree and signs a head over them.
import type { Prisma } from '../prisma/generated/client';
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

export async function appendAuditEvent(tx: Prisma.TransactionClient, e: AuditEventInput): Promise<void> {
  const fields = {
    eventKey: e.eventKey,
    caseId: e.caseId,
    caseKind: e.caseKind,
    action: e.action,
    actorId: e.actor.id,
    actorRole: e.actor.role,
    at: new Date(e.at),
    payloadHash: contentHash(e.payload),
  };
  // ON CONFLICT DO NOTHING: a retry, or the same event appended concurrently, leaves the first one.
  await tx.auditEvent.createMany({
    data: [{ ...fields, payload: e.payload as Prisma.InputJsonObject }],
    skipDuplicates: true,
  });
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

/** Appends a case's step `step` (its place in the case history: the idempotency key) with the fields its kind adds. */
export function appendCaseStep(
  tx: Prisma.TransactionClient,
  kind: string,
  workflowId: string,
  step: number,
  record: CaseStepRecord,
  stageAfter: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  return appendAuditEvent(tx, {
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
  });
}
