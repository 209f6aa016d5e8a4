// The kinds of case the API serves and what differs between them (how to launch, read, act and
// tell that one has ended), and the case as it stands: live from its workflow, or from the database.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { actOnCase, caseView, launchRightsGrant } from '../rights-grants';
import { caseIdSchema, type LaunchedCase } from '../case-id';
import type { ClaimCaseId } from '../case-claim';
import { actOnLicence, launchLicence, licenceView } from '../licences';
import { actOnReview, openReview, reviewView } from '../reviews';
import { actOnReward, launchReward, rewardView } from '../rewards';
import type { PrismaClient } from '../../prisma/generated/client';
import {
  REWARD_FINAL_STAGES,
  rewardWorkflowId,
  type RewardView,
} from '../../workflows/transformation-reward-definitions';
import type { EvidenceStore } from '../evidence-store';
import {
  REVIEW_FINAL_STAGES,
  reviewWorkflowId,
  type ReviewView,
} from '../../workflows/diligence-exemption-definitions';
import {
  LICENCE_FINAL_STAGES,
  licenceWorkflowId,
  type LicenceView,
} from '../../workflows/deferred-licence-definitions';
import type { Actor } from '../../workflows/definitions';
import {
  rightsGrantWorkflowId,
  RIGHTS_GRANT_FINAL_STAGES,
  type RightsGrantView,
} from '../../workflows/rights-grant-definitions';
import type { ApiContext } from './context';
import { HttpError } from './http-error';

export type AnyView = RightsGrantView | LicenceView | ReviewView | RewardView;

/** What differs between the kinds of case: how to launch, read, act and tell that one has ended. */
interface CaseKind {
  launch(client: Client, body: unknown, actor: Actor, claim: ClaimCaseId, prisma: PrismaClient): Promise<LaunchedCase>;
  view(client: Client, caseId: string, waitMs: number): Promise<AnyView | null>;
  act(client: Client, caseId: string, body: unknown, actor: Actor, evidence: EvidenceStore): Promise<AnyView>;
  workflowId(caseId: string): string;
  final: readonly string[];
}

export const CASE_KINDS: Record<string, CaseKind> = {
  'rights-grant': {
    launch: (client, body, actor, claim) => launchRightsGrant(client, body, actor, claim),
    view: caseView,
    act: actOnCase,
    workflowId: rightsGrantWorkflowId,
    final: RIGHTS_GRANT_FINAL_STAGES,
  },
  'deferred-licence': {
    launch: (client, body, actor, claim, prisma) => launchLicence(client, body, actor, claim, undefined, prisma),
    view: licenceView,
    act: actOnLicence,
    workflowId: licenceWorkflowId,
    final: LICENCE_FINAL_STAGES,
  },
  'diligence-exemption': {
    launch: (client, body, actor, claim) => openReview(client, body, actor, claim),
    view: reviewView,
    act: actOnReview,
    workflowId: reviewWorkflowId,
    final: REVIEW_FINAL_STAGES,
  },
  reward: {
    launch: (client, body, actor, claim, prisma) => launchReward(client, body, actor, claim, prisma),
    view: rewardView,
    act: actOnReward,
    workflowId: rewardWorkflowId,
    final: REWARD_FINAL_STAGES,
  },
};

export function caseIdOf(raw: string): string {
  const parsed = caseIdSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, 'not-found', `no case ${raw}`);
  return parsed.data;
}

/** The case as it stands: live from its workflow while running, from the database once ended. */
export async function currentCase(
  ctx: ApiContext,
  caseId: string,
): Promise<{ kind: string; view: AnyView; running: boolean }> {
  const row = await ctx.prisma.case.findUnique({ where: { id: caseId }, select: { view: true, kind: true } });
  // A row of a kind these routes do not serve is no case here.
  if (row && !Object.hasOwn(CASE_KINDS, row.kind)) throw new HttpError(404, 'not-found', `no case ${caseId}`);
  for (const kind of row ? [row.kind] : Object.keys(CASE_KINDS)) {
    const k = CASE_KINDS[kind];
    const live = await k.view(ctx.temporal, caseId, 2_000).catch((error) => {
      if (error instanceof WorkflowNotFoundError) return null;
      throw error;
    });
    if (live) return { kind, view: live, running: !k.final.includes(live.stage) };
  }
  if (row) return { kind: row.kind, view: row.view as unknown as AnyView, running: false };
  throw new HttpError(404, 'not-found', `no case ${caseId}`);
}
