// The rightsGrant process: ids, stages, the act update and the view query. No Node imports.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RightsGrantInput } from '../policies/rights-grant/input-schema';
import type { RightsGrantDecision } from '../policies/rights-grant/evaluate';
import type { Actor } from './definitions';
import type { CaseAck, PendingStep } from './case-process';

export const RIGHTS_GRANT_WORKFLOW = 'rightsGrant';

export function rightsGrantWorkflowId(caseId: string): string {
  return `rights-grant/${caseId}`;
}

/** The stages in process order (the reports' charts and tables list them so); the last are where it ends. */
export const RIGHTS_GRANT_STAGES = [
  'department-review',
  'office-review',
  'publicity',
  'collective-decision',
  'agreement',
  'watch',
  'ltu-expiring',
  'rejected',
  'closed',
  'reclaimed',
  'expired',
] as const;
export type RightsGrantStage = (typeof RIGHTS_GRANT_STAGES)[number];

export const RIGHTS_GRANT_FINAL_STAGES: readonly RightsGrantStage[] = ['rejected', 'closed', 'reclaimed', 'expired'];

export type RightsGrantActionName =
  'approve' | 'reject' | 'object' | 'sign' | 'report-commercialised' | 'extend' | 'decline-extension';

export interface RightsGrantAction {
  action: RightsGrantActionName;
  /** Required for reject, object, extend and decline-extension. */
  reason?: string;
  /** The signed agreement's reference, for sign. */
  reference?: string;
}

/** An action as the API hands it to the workflow: the actor comes from the API key, never the body. */
export interface RightsGrantActRequest extends RightsGrantAction {
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

export interface RightsGrantRecord {
  stage: RightsGrantStage;
  action:
    | RightsGrantActionName
    | 'evaluated'
    | 'escalated'
    | 'publicity-ended'
    | 'calendar-assumed'
    | 'registered'
    | 'idle-reminder'
    | 'reclaimed'
    | 'expired'
    | 'closed';
  actor: Actor;
  reason?: string;
  reference?: string;
  at: string;
  /** The pack the step relied on. */
  policy: string;
}

export interface RightsGrantView {
  caseId: string;
  kind: 'rights-grant';
  stage: RightsGrantStage;
  pending: PendingStep<RightsGrantStage> | null;
  eligibility: RightsGrantDecision;
  objections: Array<{ reason: string; actor: Actor; at: string }>;
  /** The latest records (bounded across runs of a long watch); the audit log holds them all. */
  history: RightsGrantRecord[];
  /** How many records the case has made in all (absent in views saved before it was counted). */
  recorded?: number;
  publicityEndsOn: string | null;
  /** True when the publicity's end was counted on weekends only: its year has no published holiday notice yet. */
  publicityEndsOnAssumed?: boolean;
  agreementReference: string | null;
  ledgerRegisteredAt: string | null;
  commercialisedAt: string | null;
  ltuExpiresOn: string | null;
}

export const rightsGrantActUpdate = defineUpdate<CaseAck<RightsGrantStage>, [RightsGrantActRequest]>('act');
export const rightsGrantViewQuery = defineQuery<RightsGrantView>('view');
