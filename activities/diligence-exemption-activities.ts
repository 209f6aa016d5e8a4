// Side effects of the diligenceExemption workflow: pack resolution, and one transaction per step
// that saves the review snapshot, links it to the case it was raised from, and appends the audit
// event. Keyed by version, link and event key: retries write nothing twice.
import type { PrismaClient } from '../prisma/generated/client';
import { selectDiligenceExemptionPack } from '../policies/diligence-exemption/decide';
import type { Actor } from '../workflows/definitions';
import {
  reviewWorkflowId,
  type ReviewRecord,
  type ReviewRequest,
  type ReviewView,
} from '../workflows/diligence-exemption-definitions';
import { persistCaseStep } from './case-snapshot';
import { resolvePolicy, type ResolvedPolicy } from './resolve-policy';

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
    async resolveDiligenceExemptionPolicy(input: {
      jurisdiction: ReviewRequest['jurisdiction'];
      asOf: string;
    }): Promise<ResolvedPolicy> {
      return resolvePolicy(() => selectDiligenceExemptionPack({ jurisdiction: input.jurisdiction }, input.asOf));
    },

    async recordReviewStep(input: RecordReviewStepInput): Promise<void> {
      const { view, entry } = input;
      await persistCaseStep(prisma, {
        identity: {
          caseId: input.caseId,
          kind: 'diligence-exemption',
          workflowId: reviewWorkflowId(input.caseId),
          jurisdiction: view.request.jurisdiction?.city ?? view.request.jurisdiction?.province ?? null,
          policy: view.policy,
          // The outcome of a review is known only at its end: the decision column follows it.
          eligibility: view.determination
            ? view.determination.outcomes.map((o) => o.outcome).join(',')
            : view.preliminary
              ? 'preliminary'
              : 'pending',
          request: view.request,
          openedBy: input.openedBy,
        },
        version: input.version,
        view,
        entry,
        audit: entry && {
          subject: entry.record.subject ?? null,
          item: entry.record.item ?? null,
          evidence: entry.record.evidence ?? [],
        },
        // The case a review was raised from lists it (once).
        alongside: view.request.linkedCaseId
          ? async (tx) => {
              const key = { reviewCaseId: input.caseId, linkedCaseId: view.request.linkedCaseId! };
              if (!(await tx.caseLink.findUnique({ where: { reviewCaseId_linkedCaseId: key } })))
                await tx.caseLink.create({ data: key });
            }
          : undefined,
      });
    },
  };
}

export type DiligenceExemptionActivities = ReturnType<typeof createDiligenceExemptionActivities>;
