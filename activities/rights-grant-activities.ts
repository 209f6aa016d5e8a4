// Side effects of the rightsGrant workflow: pack resolution, the case snapshot with its audit
// event per step, and the separate-ledger entry. Every write is idempotent.
import type { PrismaClient } from '../prisma/generated/client';
import { selectRightsGrantPack } from '../policies/rights-grant/decide';
import type { RightsGrantInput } from '../policies/rights-grant/input-schema';
import type { Actor } from '../workflows/definitions';
import {
  rightsGrantWorkflowId,
  type RightsGrantRecord,
  type RightsGrantView,
} from '../workflows/rights-grant-definitions';
import { persistCaseStep } from './case-snapshot';
import { resolvePolicy, type ResolvedPolicy } from './resolve-policy';

export interface RecordCaseStepInput {
  caseId: string;
  /** Grows with every change of the case: an older snapshot never overwrites a newer one. */
  version: number;
  /** A decision to append to the audit log, with its place in the case history (idempotency key). */
  entry?: { step: number; record: RightsGrantRecord };
  view: RightsGrantView;
  request: RightsGrantInput;
  openedBy: Actor;
}

export function createRightsGrantActivities(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return {
    async resolveRightsGrantPolicy(input: { request: RightsGrantInput; asOf: string }): Promise<ResolvedPolicy> {
      return resolvePolicy(() => selectRightsGrantPack(input.request, input.asOf));
    },

    /** Saves the case snapshot and, for a decision, its audit event — once each, whatever the retries. */
    async recordCaseStep(input: RecordCaseStepInput): Promise<void> {
      const { view, entry } = input;
      await persistCaseStep(prisma, {
        identity: {
          caseId: input.caseId,
          kind: 'rights-grant',
          workflowId: rightsGrantWorkflowId(input.caseId),
          jurisdiction: view.eligibility.jurisdiction.city ?? view.eligibility.jurisdiction.province ?? null,
          policy: view.eligibility.policy,
          eligibility: view.eligibility.decision,
          request: input.request,
          openedBy: input.openedBy,
        },
        version: input.version,
        view,
        entry,
      });
    },

    /** Registers the granted result on the separate ledger; returns when it was registered (the first time). */
    async registerOnLedger(input: {
      caseId: string;
      request: RightsGrantInput;
      agreementReference: string;
      at: string;
    }): Promise<string> {
      const { request } = input;
      const entry = await prisma.ledgerEntry.upsert({
        where: { caseId: input.caseId },
        update: {},
        create: {
          caseId: input.caseId,
          unitName: request.unit.name,
          resultTitle: request.result.title,
          resultKind: request.result.kind,
          form: request.grant.form,
          teamShare: request.grant.form === 'ownership' ? String(request.grant.teamShare) : null,
          ltuYears: request.grant.form === 'long-term-use' ? request.grant.years : null,
          agreementReference: input.agreementReference,
          registeredAt: new Date(input.at),
        },
      });
      return entry.registeredAt.toISOString();
    },
  };
}

export type RightsGrantActivities = ReturnType<typeof createRightsGrantActivities>;
