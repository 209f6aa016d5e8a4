// Side effects of the transformationReward workflow: pack resolution, and one transaction per step
// that saves the case snapshot, claims the case id (a reward started by a licence has no launch
// that claimed it), posts its ledger entries and appends the audit event. Every write is keyed
// (version, claim, entry key, event key), so retries and replays write nothing twice.
import type { PrismaClient } from '../prisma/generated/client';
import { contentHash } from '../policies/canonical-json';
import { selectRewardPack } from '../policies/reward/decide';
import type { RewardInput } from '../policies/reward/input-schema';
import type { Actor } from '../workflows/definitions';
import {
  rewardWorkflowId,
  type RewardLedgerPosting,
  type RewardRecord,
  type RewardView,
} from '../workflows/transformation-reward-definitions';
import { persistCaseStep } from './case-snapshot';
import { resolvePolicy, type ResolvedPolicy } from './resolve-policy';

export interface RecordRewardStepInput {
  caseId: string;
  version: number;
  entry?: { step: number; record: RewardRecord; postings: RewardLedgerPosting[] };
  view: RewardView;
  openedBy: Actor;
}

export function createRewardActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return {
    async resolveRewardPolicy(input: {
      jurisdiction: RewardInput['jurisdiction'];
      asOf: string;
    }): Promise<ResolvedPolicy> {
      return resolvePolicy(() => selectRewardPack({ jurisdiction: input.jurisdiction }, input.asOf));
    },

    async recordRewardStep(input: RecordRewardStepInput): Promise<void> {
      const { view, entry } = input;
      await persistCaseStep(prisma, {
        identity: {
          caseId: input.caseId,
          kind: 'reward',
          workflowId: rewardWorkflowId(input.caseId),
          jurisdiction: view.request.jurisdiction.city ?? view.request.jurisdiction.province,
          policy: view.policy,
          eligibility: view.calculation?.decision ?? 'pending',
          request: view.request,
          openedBy: input.openedBy,
        },
        version: input.version,
        view,
        entry,
        audit: entry && {
          personId: entry.record.personId ?? null,
          amountCny: entry.record.amountCny ?? null,
          shares: entry.record.shares ?? null,
          postings: entry.postings.map((p) => p.entryKey),
        },
        alongside: async (tx) => {
          // A launch through the API claimed the id already (same kind): nothing to do then.
          await tx.caseClaim.createMany({
            data: [
              {
                caseId: input.caseId,
                kind: 'reward',
                requestHash: contentHash(view.request),
                claimedBy: input.openedBy.id,
              },
            ],
            skipDuplicates: true,
          });
          for (const p of entry?.postings ?? []) {
            const exists = await tx.rewardLedgerEntry.findUnique({
              where: { entryKey: p.entryKey },
              select: { seq: true },
            });
            if (exists) continue;
            await tx.rewardLedgerEntry.create({
              data: {
                entryKey: p.entryKey,
                caseId: input.caseId,
                kind: p.kind,
                personId: p.personId,
                amountCny: p.amountCny,
                shares: p.shares === null ? null : BigInt(p.shares),
                reference: p.reference,
                on: p.on,
                actorId: entry!.record.actor.id,
              },
            });
          }
        },
      });
    },
  };
}

export type RewardActivities = ReturnType<typeof createRewardActivities>;
