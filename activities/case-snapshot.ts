// The case row every long-running workflow keeps current: created on its first step, then
// replaced by newer versions only, so a retried or late activity never rolls a case back.
import type { Prisma, PrismaClient } from '../prisma/generated/client';
import type { PolicyRef } from '../policies/types';
import type { Actor } from '../workflows/definitions';
import { appendCaseStep, caseStepEvent, type CaseStepRecord } from './audit-log';
import { enqueueNotices, noticeRows, webhookOfNotice } from './notices/outbox';
import { noticeEvents, type NoticeStep } from './notices/notice-events';
import { caseSnapshotUpsert, writeCaseStep } from './case-step-statement';

export interface CaseIdentity {
  caseId: string;
  kind: string;
  workflowId: string;
  jurisdiction: string | null;
  policy: PolicyRef;
  eligibility: string;
  request: object;
  openedBy: Actor;
}

export interface CaseSnapshot {
  version: number;
  stage: string;
  pending: { roles: string[]; dueAt: string | null; escalated?: boolean } | null;
  view: object;
  at: string;
  /** Licences: the next unpaid amount and its due date. */
  nextPayment?: { on: string; amountCny: string } | null;
}

export interface CaseStep {
  identity: CaseIdentity;
  /** The snapshot's version: grows with every change, so an older one never overwrites a newer. */
  version: number;
  /** The case view as the workflow holds it: saved whole, its stage and pending step as columns. */
  view: { stage: string; pending: CaseSnapshot['pending'] };
  /** Licences: the next unpaid amount and its due date. */
  nextPayment?: CaseSnapshot['nextPayment'];
  /** A record to append to the audit log, with its place in the case's records (idempotency key). */
  entry?: { step: number; record: CaseStepRecord };
  /** What the kind adds to the record's audit payload. */
  audit?: Record<string, unknown>;
  /** The kind's own rows, written in the same transaction before the audit event (each write idempotent). */
  alongside?: (tx: Prisma.TransactionClient) => Promise<void>;
}

/** One step of a case in one transaction: its snapshot, the kind's own rows, and the audit event. */
export async function persistCaseStep(prisma: PrismaClient, step: CaseStep): Promise<void> {
  const { identity, view, entry } = step;
  // A step's snapshot is as of its record; a save without one (a stage opened) as of now.
  const at = entry?.record.at ?? new Date().toISOString();
  const snapshot: CaseSnapshot = { version: step.version, stage: view.stage, pending: view.pending, view, at };
  if (step.nextPayment !== undefined) snapshot.nextPayment = step.nextPayment;
  const notices: NoticeStep = {
    caseId: identity.caseId,
    kind: identity.kind,
    policy: identity.policy,
    view: view as never,
    request: identity.request,
    entry,
    at,
  };
  const events = noticeEvents(notices);
  // Without rows of the kind's own, the step is one statement (case-step-statement.ts): its notices'
  // recipients are read first, then snapshot, audit event, notices and webhooks are written together.
  // (A person's first optional notice makes their unsubscribe key as it is read: a write of the
  // person's, idempotent, that changes no case.) A kind's own rows keep the transaction below.
  if (!step.alongside) {
    const rows: Prisma.NoticeCreateManyInput[] = [];
    for (const e of events) rows.push(...(await noticeRows(prisma, e)));
    return writeCaseStep(prisma, {
      identity,
      snapshot,
      audit:
        entry &&
        caseStepEvent(identity.kind, identity.workflowId, entry.step, entry.record, snapshot.stage, step.audit),
      notices: rows,
      webhooks: events.map(webhookOfNotice),
    });
  }
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw(caseSnapshotUpsert(identity, snapshot));
    await step.alongside?.(tx);
    // The notices the step calls for, in the same transaction: written once, with the step.
    await enqueueNotices(tx, notices, events);
    if (entry)
      await appendCaseStep(
        tx,
        identity.kind,
        identity.workflowId,
        entry.step,
        entry.record,
        snapshot.stage,
        step.audit,
      );
  });
}
