// Side effects of the maLoanCheck workflow: persisting the decision and its audit event.
import { Prisma, type PrismaClient } from '../prisma/generated/client';
import type { MaLoanDecision } from '../policies/ma-loan/evaluate';
import type { MaLoanInput } from '../policies/ma-loan/input-schema';
import { selectMaLoanPack } from '../policies/ma-loan/decide';
import type { Actor } from '../workflows/definitions';
import type { MaLoanCheckResult } from '../workflows/ma-loan-definitions';
import { auditEventInsert } from './audit-log';
import { webhookInsert } from './notices/webhook-outbox';
import { resolvePolicy, type ResolvedPolicy } from './resolve-policy';
import { loanCheckId } from './loan-check-id';
import { loanCheckResult, loanCheckResultFromRow } from './loan-check-result';

export interface RecordLoanDecisionInput {
  workflowId: string;
  request: MaLoanInput;
  requestHash: string;
  decision: MaLoanDecision;
  submittedBy: Actor;
  /** The workflow's own clock at the decision, so a retry records the same time. */
  decidedAt: string;
}

export function createMaLoanActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;

  async function findRecorded(bankId: string, requestId: string): Promise<MaLoanCheckResult | null> {
    const row = await prisma.loanCheck.findUnique({ where: { bankId_requestId: { bankId, requestId } } });
    return row ? loanCheckResultFromRow(row) : null;
  }

  return {
    /**
     * Selects the pack for a loan check. Runs as a local activity so the choice is recorded in
     * history once: a pack added later (even back-dated) never changes a replayed case.
     */
    async resolveMaLoanPolicy(input: { request: MaLoanInput; asOf: string }): Promise<ResolvedPolicy> {
      return resolvePolicy(() => selectMaLoanPack(input.request, input.asOf));
    },

    /**
     * Records the decision once; a retry or a duplicate returns what was recorded first.
     * One statement writes the check, its audit event and its webhook deliveries (atomic as a
     * statement is): the audit event and deliveries only when the check's row was new. A
     * conflict — recorded before — costs one read more; the common case is one round trip.
     */
    async recordLoanDecision(input: RecordLoanDecisionInput): Promise<MaLoanCheckResult> {
      const { request, decision } = input;
      const id = loanCheckId(request.bank.id, request.requestId);
      const inserted = Prisma.sql`EXISTS (SELECT 1 FROM lc)`;
      const audit = auditEventInsert(
        {
          eventKey: `${input.workflowId}#decided`,
          caseId: input.workflowId,
          caseKind: 'ma-loan',
          action: 'ma-loan.decided',
          actor: input.submittedBy,
          at: input.decidedAt,
          payload: {
            requestHash: input.requestHash,
            policy: `${decision.policy.id}@${decision.policy.version}`,
            policyHash: decision.policy.hash,
            decision: decision.decision,
            checks: decision.checks.map((c) => ({ id: c.id, passed: c.passed })),
          },
        },
        inserted,
      );
      // A bank's webhook endpoints hear of the decision (loan-check.decided).
      const webhooks = webhookInsert(
        {
          type: 'loan-check.decided',
          eventKey: 'decided',
          caseId: id,
          at: input.decidedAt,
          bankId: request.bank.id,
          data: {
            requestId: request.requestId,
            bankId: request.bank.id,
            decision: decision.decision,
            policy: decision.policy,
          },
        },
        inserted,
      );
      const [{ recorded }] = await prisma.$queryRaw<Array<{ recorded: boolean }>>`
        WITH lc AS (
          INSERT INTO "LoanCheck" ("id", "workflowId", "bankId", "requestId", "requestHash", "asOf", "policyId",
            "policyVersion", "policyHash", "decision", "jurisdiction", "request", "result", "submittedBy", "createdAt")
          VALUES (${id}::text, ${input.workflowId}::text, ${request.bank.id}::text, ${request.requestId}::text,
            ${input.requestHash}::text, ${decision.asOf}::text, ${decision.policy.id}::text,
            ${decision.policy.version}::text, ${decision.policy.hash}::text, ${decision.decision}::text,
            ${decision.jurisdiction}::text, ${JSON.stringify(request)}::jsonb, ${JSON.stringify(decision)}::jsonb,
            ${input.submittedBy.id}::text, ${input.decidedAt}::timestamp(3))
          ON CONFLICT DO NOTHING
          RETURNING 1
        ),
        audit AS (${audit}),
        webhooks AS (${webhooks})
        SELECT EXISTS (SELECT 1 FROM lc) AS recorded`;
      if (!recorded) {
        // Recorded before (a retry after a lost reply, a duplicate, a rerun after retention):
        // the first record is the answer.
        const earlier = await findRecorded(request.bank.id, request.requestId);
        if (!earlier) throw new Error(`loan check ${id} conflicted on write but cannot be read back`);
        return earlier;
      }
      return loanCheckResult(decision, {
        id,
        workflowId: input.workflowId,
        requestId: request.requestId,
        bankId: request.bank.id,
        requestHash: input.requestHash,
        recordedAt: new Date(input.decidedAt).toISOString(),
      });
    },
  };
}

export type MaLoanActivities = ReturnType<typeof createMaLoanActivities>;
