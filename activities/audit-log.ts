// Appends to the audit log. Idempotent: the event key identifies the event, so a retried
// activity (or a duplicate submission) finds its own event instead of writing a second one.
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
  const existing = await tx.auditEvent.findUnique({ where: { eventKey: e.eventKey }, select: { seq: true } });
  if (existing) return;
  await tx.auditEvent.create({
    data: {
      eventKey: e.eventKey,
      caseId: e.caseId,
      caseKind: e.caseKind,
      action: e.action,
      actorId: e.actor.id,
      actorRole: e.actor.role,
      at: new Date(e.at),
      payloadHash: contentHash(e.payload),
      payload: e.payload as Prisma.InputJsonObject,
    },
  });
}
