// Drives exemption reviews directly through Temporal (workflow tests, history recorder).
import { createHash } from 'node:crypto';
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { contentHash } from '../../policies/canonical-json';
import {
  DILIGENCE_EXEMPTION_WORKFLOW,
  reviewActUpdate,
  reviewViewQuery,
  reviewWorkflowId,
  UNIT_ITEMS,
  type EvidenceRef,
  type ReviewAction,
  type ReviewRequest,
  type ReviewStage,
  type ReviewView,
} from '../../workflows/diligence-exemption-definitions';
import { eventually } from './rights-grant-driver';

export const REVIEW_PEOPLE = {
  tto: { id: 'tto-officer', role: 'tto' },
  reviewer: { id: 'reviewer-wang', role: 'reviewer' },
  committee: { id: 'committee-chair', role: 'committee' },
  admin: { id: 'admin-1', role: 'admin' },
};

export const NEGATIVE_LIST = [
  'illegalGain',
  'collusion',
  'relatedPartyUndisclosed',
  'falsified',
  'actedAfterBan',
  'secrecyBreach',
];

export function evidence(name: string, content = name): EvidenceRef {
  return { name, sha256: createHash('sha256').update(content).digest('hex') };
}

export function reviewRequest(over: Partial<ReviewRequest> = {}): ReviewRequest {
  return {
    trigger: {
      kind: 'reported-loss',
      description: 'licensed sensor patent written down by 60 %',
      reportedOn: '2026-11-01',
    },
    transfer: {
      title: 'Licence of CN2023100001 to Liangjiang Sensors',
      pricing: 'negotiated',
      decidedOn: '2025-03-10',
    },
    applicants: [
      { name: 'Li Ming', role: 'leader' },
      { name: 'Zhao Hua', role: 'researcher' },
    ],
    ...over,
  };
}

export function startReview(
  client: Client,
  taskQueue: string,
  caseId: string,
  request: ReviewRequest = reviewRequest(),
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  return client.workflow.start(DILIGENCE_EXEMPTION_WORKFLOW, {
    taskQueue,
    workflowId: reviewWorkflowId(caseId),
    args: [{ caseId, request, requestHash: contentHash(request), openedBy: REVIEW_PEOPLE.tto }],
  });
}

export async function reviewAct(
  handle: WorkflowHandle,
  who: keyof typeof REVIEW_PEOPLE,
  action: ReviewAction,
): Promise<ReviewView> {
  try {
    await handle.executeUpdate(reviewActUpdate, { args: [{ ...action, actor: REVIEW_PEOPLE[who] }] });
    return await handle.query(reviewViewQuery);
  } catch (error) {
    const cause = (error as { cause?: { message?: string; type?: string } }).cause;
    throw new Error(cause?.message ? `${cause.type}: ${cause.message}` : (error as Error).message);
  }
}

export function reachReview(handle: WorkflowHandle, stage: ReviewStage): Promise<ReviewView> {
  return eventually(
    () => handle.query(reviewViewQuery),
    (v) => v.stage === stage,
    `reached ${stage}`,
  );
}

/** Every unit fact and every negative-list item found, as the overrides say (default: a clean negotiated deal). */
export async function findAll(
  handle: WorkflowHandle,
  applicants: string[],
  over: Record<string, boolean | string> = {},
): Promise<ReviewView> {
  const unit: Record<string, boolean | string> = {
    pricing: 'negotiated',
    publicisedInUnit: true,
    publicisedOnExchange: true,
    collectiveDecision: true,
    internalRulesExist: true,
  };
  let view: ReviewView | undefined;
  for (const item of UNIT_ITEMS) {
    const value = (over[`unit/${item}`] ?? unit[item]) as ReviewAction['value'];
    view = await reviewAct(handle, 'reviewer', {
      action: 'finding',
      subject: 'unit',
      item,
      value,
      evidence: [evidence(`${item}.pdf`)],
    });
  }
  for (const person of applicants) {
    for (const item of NEGATIVE_LIST) {
      view = await reviewAct(handle, 'reviewer', {
        action: 'finding',
        subject: person,
        item,
        value: (over[`${person}/${item}`] ?? false) as boolean,
        evidence: [evidence(`declaration-${person}.pdf`)],
      });
    }
  }
  return view!;
}
