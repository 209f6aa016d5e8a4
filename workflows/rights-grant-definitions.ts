// The rightsGrant process: ids, stages, the act update and the view query. No Node imports.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RightsGrantInput } from '../policies/rights-grant/input-schema';
import type { RightsGrantDecision } from '../policies/rights-grant/evaluate';
import type { Actor } from './definitions';

export const RIGHTS_GRANT_WORKFLOW = 'rightsGrant';

export function rightsGrantWorkflowId(caseId: string): string {
  return `rights-grant/${caseId}`;
}

export type Stage =
  | 'department-review'
  | 'office-review'
  | 'publicity'
  | 'collective-decision'
  | 'agreement'
  | 'watch'
  | 'ltu-expiring'
  | 'rejected'
  | 'closed'
  | 'reclaimed'
  | 'expired';

export const FINAL_STAGES: readonly Stage[] = ['rejected', 'closed', 'reclaimed', 'expired'];

export type CaseActionName = 'approve' | 'reject' | 'object' | 'sign' | 'report-commercialised' | 'extend' | 'decline-extension';

export interface CaseAction {
  action: CaseActionName;
  /** Required for reject, object, extend and decline-extension. */
  reason?: string;
  /** The signed agreement's reference, for sign. */
  reference?: string;
}

/** An action as the API hands it to the workflow: the actor comes from the API key, never the body. */
export interface ActRequest extends CaseAction {
  actor: Actor;
}

export interface RightsGrantCaseInput {
  caseId: string;
  request: RightsGrantInput;
  requestHash: string;
  openedBy: Actor;
  /** Set when the case continues as a new run during its watch period. */
  resume?: { view: RightsGrantView; watch: { startedOn: string; reminded: boolean }; version: number };
}

export interface DecisionRecord {
  stage: Stage;
  action: CaseActionName | 'evaluated' | 'escalated' | 'publicity-ended' | 'registered' | 'idle-reminder' | 'reclaimed' | 'expired' | 'closed';
  actor: Actor;
  reason?: string;
  reference?: string;
  at: string;
  /** The pack the step relied on. */
  policy: string;
}

export interface PendingStep {
  stage: Stage;
  roles: string[];
  dueAt: string | null;
  escalated: boolean;
}

export interface RightsGrantView {
  caseId: string;
  kind: 'rights-grant';
  stage: Stage;
  pending: PendingStep | null;
  eligibility: RightsGrantDecision;
  objections: Array<{ reason: string; actor: Actor; at: string }>;
  history: DecisionRecord[];
  publicityEndsOn: string | null;
  agreementReference: string | null;
  ledgerRegisteredAt: string | null;
  commercialisedAt: string | null;
  ltuExpiresOn: string | null;
}

export const actUpdate = defineUpdate<RightsGrantView, [ActRequest]>('act');
export const viewQuery = defineQuery<RightsGrantView>('view');
