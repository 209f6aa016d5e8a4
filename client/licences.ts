// Launching and acting on deferred licences, shared by the API (and through it the CLI):
// validate at the edge, start the workflow under its business-key id, hand every human step,
// revenue report and payment to its update. A payment's (or a referenced revenue report's) update
// id is its reference, so one sent twice is one update to Temporal as well as one entry to the workflow.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { actAndView, queryView } from './workflow-calls';
import { CaseConflictError } from './case-conflict';
import Decimal from 'decimal.js';
import { z } from 'zod';
import { deferredLicenceInputSchema, type DeferredLicenceInput } from '../policies/deferred-licence/input-schema';
import { packRef } from '../policies/registry';
import type { PackAtSubmission } from '../workflows/pack-as-recorded';
import { selectDeferredLicencePack } from '../policies/deferred-licence/decide';
import { guaranteeSchema, isRoyalty, licencePaymentSchema } from '../policies/deferred-licence/terms-schema';
import { contentHash } from '../policies/canonical-json';
import { chinaDate } from '../policies/dates';
import { ledgerCny, text } from '../policies/input-primitives';
import type { Actor } from '../workflows/definitions';
import { licenceTerms } from '../workflows/deferred-licence-definitions';
import {
  DEFERRED_LICENCE_WORKFLOW,
  LICENCE_ACTIONS,
  licenceActUpdate,
  licenceViewQuery,
  licenceWorkflowId,
  type LicenceAction,
  type LicenceCaseInput,
  type LicenceView,
} from '../workflows/deferred-licence-definitions';
import { caseIdSchema, type LaunchedCase } from './case-id';
import { rewardInputSchema } from '../policies/reward/input-schema';
import { equityRecordSchema, teamFromGrant } from './rewards';
import type { PrismaClient } from '../prisma/generated/client';
import type { ClaimCaseId } from './case-claim';
import { InvalidInputError, parseInput } from './issues';
import { startOnce } from './start-once';
import { actorOf } from './actor';
import { organisationId } from './licensee';
// Type only: the start's arguments and result are checked against the workflow, whose code stays out of the client.
import type { deferredLicence } from '../workflows/deferred-licence';

export const licenceRewardSchema = rewardInputSchema
  .pick({ jurisdiction: true, unit: true })
  .extend({
    team: rewardInputSchema.shape.team.optional().describe('Omitted when rightsGrantCaseId names the grant'),
    rightsGrantCaseId: caseIdSchema.optional().describe('The rights grant the result came through: its inventors'),
  })
  .strict()
  .refine((r) => (r.team === undefined) !== (r.rightsGrantCaseId === undefined), {
    message: 'give the team, or the rightsGrantCaseId it comes from (not both)',
    path: ['team'],
  });

export const deferredLicenceCaseSchema = deferredLicenceInputSchema
  .extend({
    caseId: caseIdSchema.describe('The office’s own licence number: launching it again returns the same licence'),
    payment: licencePaymentSchema.describe(
      'deferred-fee: { feeCny, instalments, intervalMonths }; zero-entry-royalty: { royaltyRate, periodMonths, periods }',
    ),
    guarantee: guaranteeSchema.optional().describe('Insurance or guarantee that pays first on a default'),
    reward: licenceRewardSchema
      .optional()
      .describe('Reward terms (先转化后奖励): each payment then starts or joins the reward case of its period'),
  })
  .superRefine((v, ctx) => {
    const royalty = isRoyalty(v.payment);
    if (royalty !== (v.terms.model === 'zero-entry-royalty')) {
      ctx.addIssue({
        code: 'custom',
        path: ['payment'],
        message:
          v.terms.model === 'zero-entry-royalty'
            ? 'a zero-entry-royalty licence needs { royaltyRate, periodMonths, periods }'
            : 'a deferred-fee licence needs { feeCny, instalments, intervalMonths }',
      });
    }
  });

const reason = text().trim().min(1).max(2000);
const reference = text().trim().min(1).max(200);

export const licenceActionSchema = z
  .object({
    action: z.enum(LICENCE_ACTIONS as [string, ...string[]]),
    reason: reason.optional(),
    reference: reference.optional(),
    amountCny: ledgerCny('amountCny', false).optional(),
    payer: reference.optional(),
    renewal: licencePaymentSchema.optional(),
    equity: equityRecordSchema
      .optional()
      .describe('convert on a licence with reward terms: the shares taken (以权代股); opens the equity record'),
  })
  .strict();

export const revenueReportSchema = z
  .object({
    amountCny: ledgerCny('amountCny', false),
    reference: reference
      .optional()
      .describe(
        'The licensee’s report number: the same reference is applied once; without one, every report is applied',
      ),
    note: reason.optional(),
  })
  .strict();
export const paymentSchema = z
  .object({
    amountCny: ledgerCny('amountCny', true),
    reference: reference.describe('Bank or receipt reference: the same reference is applied once'),
    payer: reference,
  })
  .strict();

/** The pack a licence decides on, chosen as it is submitted (it travels in the start input). Throws NoPolicyInForceError. */
export function licencePackAtSubmission(request: DeferredLicenceInput, today: string): PackAtSubmission {
  const asOf = request.asOf ?? today;
  const { pack, notes } = selectDeferredLicencePack(request, asOf);
  return { asOf, policy: packRef(pack), notes };
}

export async function launchLicence(
  client: Client,
  body: unknown,
  openedBy: Actor,
  claim: ClaimCaseId,
  today = chinaDate(Date.now()),
  prisma?: PrismaClient,
): Promise<LaunchedCase> {
  const { caseId, payment, guarantee, reward: rewardTerms, ...parsed } = parseInput(deferredLicenceCaseSchema, body);
  const reward = rewardTerms && {
    jurisdiction: rewardTerms.jurisdiction,
    unit: rewardTerms.unit,
    team: rewardTerms.team ?? (await teamFromGrant(prisma!, rewardTerms.rightsGrantCaseId!)),
    ...(rewardTerms.rightsGrantCaseId ? { rightsGrantCaseId: rewardTerms.rightsGrantCaseId } : {}),
  };
  // The organisation is recorded on every licence, so licensee keys (and listings) can find it.
  const request = { ...parsed, licensee: { ...parsed.licensee, id: organisationId(parsed.licensee) } };
  // No pack in force on the date throws NoPolicyInForceError: a 400 on asOf (client/errors.ts).
  const resolved = licencePackAtSubmission(request, today);
  const workflowId = licenceWorkflowId(caseId);
  const requestHash = contentHash(licenceTerms(request, payment, guarantee ?? null, reward));
  const input: LicenceCaseInput = {
    caseId,
    request,
    payment,
    guarantee: guarantee ?? null,
    requestHash,
    openedBy: actorOf(openedBy),
    ...(reward ? { reward } : {}),
    resolved,
  };
  const claimed = await claim({ caseId, kind: 'deferred-licence', requestHash, claimedBy: openedBy.id });
  await startOnce<typeof deferredLicence>(client, DEFERRED_LICENCE_WORKFLOW, workflowId, input, {
    caseKind: 'deferred-licence',
    jurisdiction: 'national',
  });
  return { caseId, workflowId, requestHash, fresh: claimed === 'new' };
}

/** The live view of a licence (null when there is no such workflow). */
export function licenceView(client: Client, caseId: string, waitMs = 10_000): Promise<LicenceView | null> {
  return queryView(client, licenceWorkflowId(caseId), licenceViewQuery, waitMs);
}

/** Hands an action to the licence; refusals come back as errors naming why. */
export async function actOnLicence(client: Client, caseId: string, body: unknown, actor: Actor): Promise<LicenceView> {
  const parsed = parseInput(licenceActionSchema, body);
  const action: LicenceAction = {
    ...parsed,
    action: parsed.action as LicenceAction['action'],
    amountCny: parsed.amountCny === undefined ? undefined : new Decimal(parsed.amountCny).toFixed(2),
  };
  const updateId =
    action.action === 'record-payment' && action.reference
      ? `payment:${action.reference}:${action.amountCny}`
      : action.action === 'report-revenue' && action.reference
        ? `revenue:${action.reference}:${action.amountCny}`
        : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await actAndView(
        client,
        licenceWorkflowId(caseId),
        licenceActUpdate,
        licenceViewQuery,
        { ...action, actor: actorOf(actor) },
        updateId,
      );
    } catch (error) {
      // The licence may have just continued as a new run at a period boundary: the update goes
      // to the new run. Safe to repeat: a payment (or referenced report) is applied once per reference.
      const retry = !(
        error instanceof InvalidInputError ||
        error instanceof CaseConflictError ||
        error instanceof WorkflowNotFoundError
      );
      if (attempt < 3 && retry && /continued as new|completed|not found/i.test((error as Error).message)) continue;
      throw error;
    }
  }
}
