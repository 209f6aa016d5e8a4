// A case's step as ONE SQL statement: the snapshot (inserted on the case's first step, replaced by
// newer versions only), its audit event, its notices and its webhook deliveries, as data-modifying
// CTEs of one INSERT. One statement is atomic on its own, so there is no interactive transaction
// to open and commit — on PGlite every statement and every BEGIN/COMMIT goes through the one
// connection the whole process shares, and a licence opening took 12 round trips in two
// transactions (issue 17). Every part is idempotent as before: a retry writes nothing new.
import { Prisma } from '../prisma/generated/client';
import { contentHash } from '../policies/canonical-json';
import { auditEventInsert, type AuditEventInput } from './audit-log';
import type { CaseIdentity, CaseSnapshot } from './case-snapshot';
import { webhookInsert, type WebhookEventData } from './notices/webhook-outbox';

const ident = (column: string) => Prisma.raw(`"${column}"`);
const columns = (names: string[], prefix = '') => Prisma.join(names.map((n) => Prisma.raw(`${prefix}"${n}"`)));

/** What a newer snapshot replaces: the step's state, never the case's identity. */
function snapshotColumns(s: CaseSnapshot, eligibility: string) {
  return {
    stage: s.stage,
    pendingRoles: s.pending?.roles ?? [],
    dueAt: s.pending?.dueAt ? new Date(s.pending.dueAt).toISOString() : null,
    escalated: s.pending?.escalated ?? false,
    view: s.view,
    version: s.version,
    updatedAt: s.at,
    // The outcome of a review is only known at its end, so the decision column follows the case.
    eligibility,
    ...(s.nextPayment !== undefined
      ? { nextPaymentOn: s.nextPayment?.on ?? null, nextPaymentCny: s.nextPayment?.amountCny ?? null }
      : {}),
  };
}

/**
 * The snapshot as an upsert: the row built in JSON and read back by jsonb_populate_record, so each
 * value takes its column's type (text[], jsonb, timestamp(3), numeric) exactly as Prisma writes it.
 * The version condition keeps an older snapshot (a late retry) from overwriting a newer one.
 */
export function caseSnapshotUpsert(id: CaseIdentity, s: CaseSnapshot): Prisma.Sql {
  const replaced = snapshotColumns(s, id.eligibility);
  const row = {
    id: id.caseId,
    kind: id.kind,
    workflowId: id.workflowId,
    jurisdiction: id.jurisdiction,
    policyId: id.policy.id,
    policyVersion: id.policy.version,
    policyHash: id.policy.hash,
    requestHash: contentHash(id.request),
    input: id.request,
    openedBy: id.openedBy.id,
    createdAt: s.at,
    ...replaced,
  };
  const names = Object.keys(row);
  const sets = Prisma.join(Object.keys(replaced).map((n) => Prisma.sql`${ident(n)} = EXCLUDED.${ident(n)}`));
  return Prisma.sql`INSERT INTO "Case" (${columns(names)})
    SELECT ${columns(names, 'r.')} FROM jsonb_populate_record(NULL::"Case", ${JSON.stringify(row)}::jsonb) r
    ON CONFLICT ("id") DO UPDATE SET ${sets} WHERE "Case"."version" < EXCLUDED."version"`;
}

/** Notice rows (as noticeRows makes them) inserted unless already written. */
function noticesInsert(rows: Prisma.NoticeCreateManyInput[]): Prisma.Sql {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return Prisma.sql`INSERT INTO "Notice" (${columns(names)})
    SELECT ${columns(names, 'r.')} FROM jsonb_populate_recordset(NULL::"Notice", ${JSON.stringify(rows)}::jsonb) r
    ON CONFLICT DO NOTHING`;
}

export interface CaseStepWrite {
  identity: CaseIdentity;
  snapshot: CaseSnapshot;
  audit?: AuditEventInput;
  notices: Prisma.NoticeCreateManyInput[];
  webhooks: WebhookEventData[];
}

/** Writes the step in one statement. */
export async function writeCaseStep(prisma: Prisma.TransactionClient, w: CaseStepWrite): Promise<void> {
  const parts: Prisma.Sql[] = [caseSnapshotUpsert(w.identity, w.snapshot)];
  if (w.audit) parts.push(auditEventInsert(w.audit, Prisma.sql`TRUE`));
  if (w.notices.length) parts.push(noticesInsert(w.notices));
  for (const hook of w.webhooks) parts.push(webhookInsert(hook));
  if (parts.length === 1) {
    await prisma.$executeRaw(parts[0]);
    return;
  }
  // The snapshot's upsert is the statement itself; the others ride along as CTEs, all in one snapshot.
  const ctes = Prisma.join(parts.slice(1).map((sql, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${sql})`));
  await prisma.$executeRaw(Prisma.sql`WITH ${ctes} ${parts[0]}`);
}
