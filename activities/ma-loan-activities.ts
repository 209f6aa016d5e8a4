// Side effects of the maLoanCheck workflow: persisting the decision and its audit event.
import { ApplicationFailure } from '@temporalio/activity';
import type { Prisma, PrismaClient } from '../prisma/generated/client';
import type { MaLoanDecision } from '../policies/ma-loan/evaluate';
import type { MaLoanInput } from '../policies/ma-loan/input-schema';
import { selectMaLoanPack } from '../policies/ma-loan/decide';
import { packRef } from '../policies/registry';
import type { PolicyRef, SelectionNote } from '../policies/types';
import type { Actor } from '../workflows/definitions';
import type { MaLoanCheckResult } from '../workflows/ma-loan-definitions';
import { appendAuditEvent } from './audit-log';
import { loanCheckId } from './loan-check-id';

export interface RecordLoanDecisionInput {
  workflowId: string;
  request: MaLoanInput;
  requestHash: string;
  decision: MaLoanDecision;
  submittedBy: Actor;
  /** The workflow's own clock at the decision, so a retry records the same time. */
  decidedAt: string;
}

export interface ResolvedPolicy {
  policy: PolicyRef;
  notes: SelectionNote[];
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

function toResult(row: { id: string; workflowId: string; requestId: string; bankId: string; requestHash: string; result: Prisma.JsonValue; createdAt: Date }): MaLoanCheckResult {
  return {
    ...(row.result as unknown as MaLoanDecision),
    id: row.id,
    workflowId: row.workflowId,
    requestId: row.requestId,
    bankId: row.bankId,
    requestHash: row.requestHash,
    recordedAt: row.createdAt.toISOString(),
  };
}

export function createMaLoanActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;

  async function findRecorded(bankId: string, requestId: string): Promise<MaLoanCheckResult | null> {
    const row = await prisma.loanCheck.findUnique({ where: { bankId_requestId: { bankId, requestId } } });
    return row ? toResult(row) : null;
  }

  return {
    /**
     * Selects the pack for a loan check. Runs as a local activity so the choice is recorded in
     * history once: a pack added later (even back-dated) never changes a replayed case.
     */
    async resolveMaLoanPolicy(input: { request: MaLoanInput; asOf: string }): Promise<ResolvedPolicy> {
      try {
        const { pack, notes } = selectMaLoanPack(input.request, input.asOf);
        return { policy: packRef(pack), notes };
      } catch (error) {
        throw ApplicationFailure.nonRetryable((error as Error).message, (error as Error).name);
      }
    },

    /** Records the decision once; a retry or a duplicate returns what was recorded first. */
    async recordLoanDecision(input: RecordLoanDecisionInput): Promise<MaLoanCheckResult> {
      const { request, decision } = input;
      const earlier = await findRecorded(request.bank.id, request.requestId);
      if (earlier) return earlier;
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
        });
      } catch (error) {
        // A concurrent attempt won the race: its record is the one.
        if (!isUniqueViolation(error)) throw error;
      }
      const recorded = await findRecorded(request.bank.id, request.requestId);
      if (!recorded) throw new Error(`loan check ${id} was not found after writing it`);
      return recorded;
    },
  };
}

export type MaLoanActivities = ReturnType<typeof createMaLoanActivities>;
