// Side effects of the diligenceExemption workflow: pack resolution, and one transaction per step
// that saves the review snapshot, links it to the case it was raised from, and appends the audit
// event. Keyed by version, link and event key: retries write nothing twice.
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../prisma/generated/client';
import { selectDiligenceExemptionPack } from '../policies/diligence-exemption/decide';
import { packRef } from '../policies/registry';
import type { Actor } from '../workflows/definitions';
import { reviewWorkflowId, type ReviewRecord, type ReviewRequest, type ReviewView } from '../workflows/diligence-exemption-definitions';
import { appendCaseStep } from './audit-log';
import { saveCaseSnapshot } from './case-snapshot';
import type { ResolvedPolicy } from './ma-loan-activities';

export interface RecordReviewStepInput {
  caseId: string;
  version: number;
  entry?: { step: number; record: ReviewRecord };
  view: ReviewView;
  openedBy: Actor;
}

export function createDiligenceExemptionActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return {
    async resolveDiligenceExemptionPolicy(input: { jurisdiction: ReviewRequest['jurisdiction']; asOf: string }): Promise<ResolvedPolicy> {
      try {
        const { pack, notes } = selectDiligenceExemptionPack({ jurisdiction: input.jurisdiction }, input.asOf);
        return { policy: packRef(pack), notes };
      } catch (error) {
        throw ApplicationFailure.nonRetryable((error as Error).message, (error as Error).name);
      }
    },

    async recordReviewStep(input: RecordReviewStepInput): Promise<void> {
      const { view, entry } = input;
      const at = entry?.record.at ?? new Date().toISOString();
      const workflowId = reviewWorkflowId(input.caseId);
      const outcome = view.determination ? view.determination.outcomes.map((o) => o.outcome).join(',') : view.preliminary ? 'preliminary' : 'pending';
      await prisma.$transaction(async (tx) => {
        await saveCaseSnapshot(
          tx,
          {
            caseId: input.caseId,
            kind: 'diligence-exemption',
            workflowId,
            jurisdiction: view.request.jurisdiction?.city ?? view.request.jurisdiction?.province ?? null,
            policy: view.policy,
            eligibility: outcome,
            request: view.request,
            openedBy: input.openedBy,
          },
          { version: input.version, stage: view.stage, pending: view.pending, view, at },
        );
        if (view.request.linkedCaseId) {
          const key = { reviewCaseId: input.caseId, linkedCaseId: view.request.linkedCaseId };
          const linked = await tx.caseLink.findUnique({ where: { reviewCaseId_linkedCaseId: key } });
          if (!linked) await tx.caseLink.create({ data: key });
        }
        if (!entry) return;
        const { record } = entry;
        await appendCaseStep(tx, 'diligence-exemption', workflowId, entry.step, record, view.stage, {
          subject: record.subject ?? null,
          item: record.item ?? null,
          evidence: record.evidence ?? [],
        });
      });
    },
  };
}

export type DiligenceExemptionActivities = ReturnType<typeof createDiligenceExemptionActivities>;
