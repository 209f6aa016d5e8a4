// Drives reward cases directly through Temporal (workflow tests, history recorder).
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { contentHash } from '../../policies/canonical-json';
import type { RewardInput } from '../../policies/reward/input-schema';
import {
  REWARD_WORKFLOW,
  rewardActUpdate,
  rewardViewQuery,
  rewardWorkflowId,
  type RewardAction,
  type RewardCaseInput,
  type RewardStage,
  type RewardView,
} from '../../workflows/transformation-reward-definitions';
import { eventually, PEOPLE } from './rights-grant-driver';
import type { LicenceRewardTerms } from '../../workflows/deferred-licence-definitions';

/** A licence fee received by a Hubei university (national pack), two inventors 60/40, contract not yet registered. */
export function rewardRequest(overrides: Partial<RewardInput> = {}): RewardInput {
  return {
    jurisdiction: { province: '湖北', city: '武汉' },
    unit: {
      name: 'Wuhan University',
      type: 'university',
      stateEstablished: true,
      nonProfit: true,
      rule: { teamShare: 0.7, departmentShare: 0.1, id: 'whu-2024', version: '1' },
    },
    income: {
      kind: 'licence',
      grossCny: 100_000.01,
      deductions: [{ item: 'taxes', amountCny: 6_000 }],
      receivedOn: '2026-06-15',
      contractRegistered: false,
    },
    team: [
      { id: 'r-1', name: 'Wang Lei', share: 0.6 },
      { id: 'r-2', name: 'Chen Jing', share: 0.4 },
    ],
    ...overrides,
  };
}

/** Reward terms of a licence: a Chongqing university, quarterly batches, the team from a rights grant. */
export const REWARD_TERMS: LicenceRewardTerms = {
  jurisdiction: { province: '重庆' },
  unit: {
    name: 'Chongqing University',
    type: 'university',
    stateEstablished: true,
    nonProfit: true,
    rule: { teamShare: 0.7, batchMonths: 3, id: 'cqu-reward-rule', version: '2025' },
  },
  team: [
    { id: 'r-1', name: 'Wang Lei', share: 0.5 },
    { id: 'r-2', name: 'Chen Jing', share: 0.3 },
    { id: 'r-3', name: 'Li Ming', share: 0.2 },
  ],
  rightsGrantCaseId: 'cqu-rg-2025-009',
};

export function startReward(
  client: Client,
  taskQueue: string,
  caseId: string,
  request: RewardInput = rewardRequest(),
  extra: Partial<RewardCaseInput> = {},
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  const input: RewardCaseInput = { caseId, request, requestHash: contentHash(request), openedBy: PEOPLE.tto, ...extra };
  return client.workflow.start(REWARD_WORKFLOW, { taskQueue, workflowId: rewardWorkflowId(caseId), args: [input] });
}

export async function rewardAct(
  handle: WorkflowHandle,
  who: keyof typeof PEOPLE,
  action: RewardAction,
): Promise<RewardView> {
  try {
    await handle.executeUpdate(rewardActUpdate, { args: [{ ...action, actor: PEOPLE[who] }] });
    return await handle.query(rewardViewQuery);
  } catch (error) {
    const cause = (error as { cause?: { message?: string; type?: string } }).cause;
    throw new Error(cause?.message ? `${cause.type}: ${cause.message}` : (error as Error).message);
  }
}

export function reachReward(handle: WorkflowHandle, stage: RewardStage, timeoutMs?: number): Promise<RewardView> {
  return eventually(
    () => handle.query(rewardViewQuery),
    (v) => v.stage === stage && (v.pending !== null || ['distributed', 'rejected', 'collecting'].includes(stage)),
    `reached ${stage}`,
    timeoutMs,
  );
}
