// Side effects of the deferredLicence workflow: pack resolution, and one transaction per step
// that saves the licence snapshot, appends its audit event and posts its ledger entries. Every
// write is keyed (version, event key, entry key), so retries and replays write nothing twice.
import { Decimal } from '../policies/money';
import type { PrismaClient } from '../prisma/generated/client';
import { selectDeferredLicencePack } from '../policies/deferred-licence/decide';
import type { DeferredLicenceInput } from '../policies/deferred-licence/input-schema';
import { outstanding } from '../policies/deferred-licence/schedule';
import type { Guarantee, LicencePayment } from '../policies/deferred-licence/terms-schema';
import type { Actor } from '../workflows/definitions';
import {
  licenceTerms,
  type LicenceRewardTerms,
  licenceWorkflowId,
  type LicenceLedgerPosting,
  type LicenceRecord,
  type LicenceView,
} from '../workflows/deferred-licence-definitions';
import { persistCaseStep } from './case-snapshot';
import { resolvePolicy, type ResolvedPolicy } from './resolve-policy';

export interface RecordLicenceStepInput {
  caseId: string;
  version: number;
  entry?: { step: number; record: LicenceRecord; postings: LicenceLedgerPosting[] };
  view: LicenceView;
  request: DeferredLicenceInput;
  payment: LicencePayment;
  guarantee: Guarantee | null;
  openedBy: Actor;
  reward?: LicenceRewardTerms;
}

/**
 * The next amount the licensee has to pay: the oldest unpaid item with a known amount, less any
 * credit from payments made in advance (which settle the next items as they fall due).
 */
export function nextPayment(view: LicenceView): { on: string; amountCny: string } | null {
  let credit = Decimal.max(new Decimal(view.ledger.paidCny).minus(view.ledger.dueCny), 0);
  for (const item of view.schedule) {
    if (item.amountCny === null || item.status === 'paid' || item.status === 'cancelled') continue;
    if (item.posted) return { on: item.dueOn, amountCny: outstanding(item).toFixed(2) };
    const left = new Decimal(item.amountCny).minus(credit);
    if (left.gt(0)) return { on: item.dueOn, amountCny: left.toFixed(2) };
    credit = credit.minus(item.amountCny);
  }
  return null;
}

export function createDeferredLicenceActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return {
    async resolveDeferredLicencePolicy(input: {
      request: DeferredLicenceInput;
      asOf: string;
    }): Promise<ResolvedPolicy> {
      return resolvePolicy(() => selectDeferredLicencePack(input.request, input.asOf));
    },

    async recordLicenceStep(input: RecordLicenceStepInput): Promise<void> {
      const { view, entry } = input;
      await persistCaseStep(prisma, {
        identity: {
          caseId: input.caseId,
          kind: 'deferred-licence',
          workflowId: licenceWorkflowId(input.caseId),
          jurisdiction: null,
          policy: view.eligibility.policy,
          eligibility: view.eligibility.decision,
          request: licenceTerms(input.request, input.payment, input.guarantee, input.reward),
          openedBy: input.openedBy,
        },
        version: input.version,
        view,
        nextPayment: nextPayment(view),
        entry,
        audit: entry && {
          amountCny: entry.record.amountCny ?? null,
          item: entry.record.item ?? null,
          postings: entry.postings.map((p) => p.entryKey),
          balanceCny: view.ledger.balanceCny,
        },
        // Each ledger entry once, keyed by licence, kind and item or reference.
        alongside: entry?.postings.length
          ? async (tx) => {
              for (const p of entry.postings) {
                const exists = await tx.licenceLedgerEntry.findUnique({
                  where: { entryKey: p.entryKey },
                  select: { seq: true },
                });
                if (exists) continue;
                await tx.licenceLedgerEntry.create({
                  data: {
                    entryKey: p.entryKey,
                    caseId: input.caseId,
                    kind: p.kind,
                    itemNo: p.itemNo,
                    amountCny: p.amountCny,
                    reference: p.reference,
                    payer: p.payer,
                    on: p.on,
                    actorId: entry!.record.actor.id,
                  },
                });
              }
            }
          : undefined,
      });
    },
  };
}

export type DeferredLicenceActivities = ReturnType<typeof createDeferredLicenceActivities>;
