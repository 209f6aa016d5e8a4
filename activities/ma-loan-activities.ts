// Side effects of the maLoanCheck workflow: persisting the decision and its audit event.
import type { Prisma, PrismaClient } from '../prisma/generated/client';
import type { MaLoanDecision } from '../policies/ma-loan/evaluate';
import type { MaLoanInput } from '../policies/ma-loan/input-schema';
import { selectMaLoanPack } from '../policies/ma-loan/decide';
import type { Actor } from '../workflows/definitions';
import type { MaLoanCheckResult } from '../workflows/ma-loan-definitions';
import { appendAuditEvent } from './audit-log';
import { enqueueWebhooks } from './notices/webhook-outbox';
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

/** P2002 from Prisma's own adapters; SQLSTATE 23505 in the cause from pglite-prisma-adapter. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === 'P2002' || e?.cause?.code === '23505';
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
     * Writes first and reads only on a conflict: the common case is one round trip.
     */
    async recordLoanDecision(input: RecordLoanDecisionInput): Promise<MaLoanCheckResult> {
      const { request, decision } = input;
      const id = loanCheckId(request.bank.id, request.requestId);
      try {
        await prisma.$transaction(async (tx) => {
          await tx.loanCheck.create({
            data: {
              id,
              workflowId: input.workflowId,
              bankId: request.bank.id,
              requestId: request.requestId,
              requestHash: input.requestHash,
              asOf: decision.asOf,
              policyId: decision.policy.id,
              policyVersion: decision.policy.version,
              policyHash: decision.policy.hash,
              decision: decision.decision,
              jurisdiction: decision.jurisdiction,
              request: request as unknown as Prisma.InputJsonObject,
              result: decision as unknown as Prisma.InputJsonObject,
              submittedBy: input.submittedBy.id,
              createdAt: new Date(input.decidedAt),
            },
          });
          await appendAuditEvent(tx, {
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
          });
          // A bank's webhook endpoints hear of the decision (loan-check.decided), in the same transaction.
          await enqueueWebhooks(tx, {
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
          });
        });
      } catch (error) {
        // Recorded before (a retry after a lost reply, a duplicate, a rerun after retention):
        // the first record is the answer.
        if (!isUniqueViolation(error)) throw error;
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
