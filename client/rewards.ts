// Launching and acting on reward cases (先转化后奖励), shared by the API (and through it the CLI):
// validate at the edge, take the team's split from the rights grant when the result came through
// one, start the workflow under its business-key id, hand every step to its update.
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { PrismaClient } from '../prisma/generated/client';
import { rewardInputSchema, teamMemberSchema } from '../policies/reward/input-schema';
import { selectRewardPack } from '../policies/reward/decide';
import { contentHash } from '../policies/canonical-json';
import { chinaDate } from '../policies/dates';
import { positiveCny, text } from '../policies/input-primitives';
import type { Actor } from '../workflows/definitions';
import {
  REWARD_ACTIONS,
  REWARD_WORKFLOW,
  rewardActUpdate,
  rewardViewQuery,
  rewardWorkflowId,
  type RewardAction,
  type RewardCaseInput,
  type RewardView,
} from '../workflows/transformation-reward-definitions';
import { actorOf } from './actor';
import { caseIdSchema, type LaunchedCase } from './case-id';
import type { ClaimCaseId } from './case-claim';
import { InvalidInputError, parseInput } from './issues';
import { startOnce } from './start-once';
import { actAndView, queryView } from './workflow-calls';
// Type only: the start's arguments and result are checked against the workflow, whose code stays out of the client.
import type { transformationReward } from '../workflows/transformation-reward';

export const equityRecordSchema = z
  .object({
    company: text().trim().min(1).max(200),
    registeredCapitalCny: positiveCny('equity.registeredCapitalCny'),
    shares: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), // min(1): see policies/reward/input-schema.ts
    valuationCny: positiveCny('equity.valuationCny'),
    appraised: z.boolean(),
  })
  .strict();

export const rewardCaseSchema = rewardInputSchema
  .extend({
    caseId: caseIdSchema.describe('The office’s own case number: launching it again returns the same case'),
    team: z
      .array(teamMemberSchema)
      .min(1)
      .max(200)
      .optional()
      .describe('Omitted when rightsGrantCaseId names the grant'),
    rightsGrantCaseId: caseIdSchema
      .optional()
      .describe('The rights grant the result came through: its inventors and agreed shares are the team'),
    licenceCaseId: caseIdSchema.optional().describe('The licence the income came from'),
    equity: equityRecordSchema
      .optional()
      .describe('The equity record (作价投资 / 以权代股): required for equity income'),
  })
  .superRefine((v, ctx) => {
    if (!v.team && !v.rightsGrantCaseId)
      ctx.addIssue({ code: 'custom', path: ['team'], message: 'required unless rightsGrantCaseId names the grant' });
    if (v.team && v.rightsGrantCaseId)
      ctx.addIssue({ code: 'custom', path: ['team'], message: 'the team comes from the rights grant: leave it out' });
    if (v.income.kind === 'equity' && !v.equity)
      ctx.addIssue({
        code: 'custom',
        path: ['equity'],
        message: 'required for equity income (company, capital, shares, valuation, appraised)',
      });
    if (v.equity && v.income.kind === 'equity' && v.equity.shares !== v.income.shares)
      ctx.addIssue({ code: 'custom', path: ['equity', 'shares'], message: 'must equal income.shares' });
    if (v.team && new Set(v.team.map((m) => m.id)).size !== v.team.length)
      ctx.addIssue({ code: 'custom', path: ['team'], message: 'team member ids must be unique' });
  });

export const rewardActionSchema = z
  .object({
    action: z.enum(REWARD_ACTIONS as unknown as [string, ...string[]]),
    reason: text().trim().min(1).max(2000).optional(),
    reference: text().trim().min(1).max(200).optional(),
    personId: text().trim().min(1).max(64).optional(),
  })
  .strict();

/** The inventors of an eligible rights grant, with the shares every one of them agreed. */
export async function teamFromGrant(prisma: PrismaClient, caseId: string) {
  const row = await prisma.case.findUnique({
    where: { id: caseId },
    select: { kind: true, input: true, eligibility: true },
  });
  if (!row || row.kind !== 'rights-grant' || row.eligibility !== 'eligible')
    throw new InvalidInputError([
      { path: 'rightsGrantCaseId', message: row ? `case ${caseId} is no eligible rights grant` : `no case ${caseId}` },
    ]);
  const inventors = (row.input as { inventors: Array<{ id: string; name: string; share: number }> }).inventors;
  return inventors.map(({ id, name, share }) => ({ id, name, share }));
}

export async function launchReward(
  client: Client,
  body: unknown,
  openedBy: Actor,
  claim: ClaimCaseId,
  prisma: PrismaClient,
  today = chinaDate(Date.now()),
): Promise<LaunchedCase> {
  const { caseId, rightsGrantCaseId, licenceCaseId, equity, team, ...rest } = parseInput(rewardCaseSchema, body);
  const request = { ...rest, team: team ?? (await teamFromGrant(prisma, rightsGrantCaseId!)) };
  // No pack in force on the date throws NoPolicyInForceError: a 400 on asOf (client/errors.ts).
  selectRewardPack(request, request.asOf ?? today);
  const workflowId = rewardWorkflowId(caseId);
  const requestHash = contentHash({ ...request, rightsGrantCaseId, licenceCaseId, equity });
  const input: RewardCaseInput = {
    caseId,
    request,
    requestHash,
    openedBy: actorOf(openedBy),
    source: rightsGrantCaseId || licenceCaseId ? { rightsGrantCaseId, licenceCaseId } : undefined,
    splitAgreed: rightsGrantCaseId !== undefined,
    equity,
  };
  const claimed = await claim({ caseId, kind: 'reward', requestHash, claimedBy: openedBy.id });
  await startOnce<typeof transformationReward>(client, REWARD_WORKFLOW, workflowId, input, {
    caseKind: 'reward',
    jurisdiction: request.jurisdiction.city ?? request.jurisdiction.province,
  });
  return { caseId, workflowId, requestHash, fresh: claimed === 'new' };
}

export function rewardView(client: Client, caseId: string, waitMs = 10_000): Promise<RewardView | null> {
  return queryView(client, rewardWorkflowId(caseId), rewardViewQuery, waitMs);
}

export async function actOnReward(client: Client, caseId: string, body: unknown, actor: Actor): Promise<RewardView> {
  const action = parseInput(rewardActionSchema, body) as RewardAction;
  return actAndView(client, rewardWorkflowId(caseId), rewardActUpdate, rewardViewQuery, {
    ...action,
    actor: actorOf(actor),
  });
}
