// The case row every long-running workflow keeps current: created on its first step, then
// replaced by newer versions only, so a retried or late activity never rolls a case back.
import type { Prisma, PrismaClient } from '../prisma/generated/client';
import type { PolicyRef } from '../policies/types';
import type { Actor } from '../workflows/definitions';
import { caseStepEvent, type CaseStepRecord } from './audit-log';
import { noticeRows, webhookOfNotice } from './notices/outbox';
import { noticeEvents, type NoticeStep } from './notices/notice-events';
import { writeCaseStep, type CaseStepWrite } from './case-step-statement';

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
  /** The kind's own rows, written in one transaction with the step (each write idempotent). */
  alongside?: (tx: Prisma.TransactionClient) => Promise<void>;
}

/** One step of a case, atomically: its snapshot, the kind's own rows, the audit event, notices and webhooks. */
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
  // One statement (case-step-statement.ts) writes snapshot, audit event, notices and webhooks; its
  // notices' recipients are read first. (A person's first optional notice makes their unsubscribe
  // key as it is read: a write of the person's, idempotent, that changes no case.) A kind's own
  // rows go in one transaction with that statement.
  const rows: Prisma.NoticeCreateManyInput[] = [];
  for (const e of events) rows.push(...(await noticeRows(prisma, e)));
  const write: CaseStepWrite = {
    identity,
    snapshot,
    audit:
      entry && caseStepEvent(identity.kind, identity.workflowId, entry.step, entry.record, snapshot.stage, step.audit),
    notices: rows,
    webhooks: events.map(webhookOfNotice),
  };
  const { alongside } = step;
  if (!alongside) return writeCaseStep(prisma, write);
  await prisma.$transaction(async (tx) => {
    await alongside(tx);
    await writeCaseStep(tx, write);
  });
}
