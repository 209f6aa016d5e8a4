// The diligenceExemption review: ids, stages, findings, the act update and the view query. No Node imports.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DiligenceExemptionDecision } from '../policies/diligence-exemption/evaluate';
import type { ExemptionRole } from '../policies/diligence-exemption/parameters';
import type { PolicyRef, SelectionNote } from '../policies/types';
import type { Actor } from './definitions';
import type { CaseAck, PendingStep } from './case-process';

export const DILIGENCE_EXEMPTION_WORKFLOW = 'diligenceExemption';

export function reviewWorkflowId(caseId: string): string {
  return `diligence-exemption/${caseId}`;
}

/** The stages in process order (the reports' charts and tables list them so); the last are where it ends. */
export const REVIEW_STAGES = [
  'acceptance',
  'evidence-review',
  'determination',
  'result',
  'corrective-actions',
  'declined',
  'closed',
] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export const REVIEW_FINAL_STAGES: readonly ReviewStage[] = ['declined', 'closed'];

/** A document a finding relies on: its name and the SHA-256 of its content (the file is in the evidence store). */
export interface EvidenceRef {
  name: string;
  sha256: string;
}

/** Facts about the transfer the unit answers for. */
export const UNIT_ITEMS = [
  'pricing',
  'publicisedInUnit',
  'publicisedOnExchange',
  'collectiveDecision',
  'internalRulesExist',
] as const;
export type UnitItem = (typeof UNIT_ITEMS)[number];

export interface ReviewRequest {
  asOf?: string;
  jurisdiction?: { province?: string; city?: string };
  trigger: { kind: 'reported-loss' | 'audit-finding'; description: string; reportedOn: string };
  /** The rights-grant or licence case the review was raised from. */
  linkedCaseId?: string;
  /** The transfer as the applicants describe it; each fact is then confirmed or refuted by a reviewer. */
  transfer: { title: string; pricing: 'listing' | 'auction' | 'negotiated'; decidedOn: string };
  /** One application per person. */
  applicants: Array<{ name: string; role: ExemptionRole; email?: string; language?: 'zh' | 'en' }>;
}

export interface Finding {
  /** "unit" for the transfer facts, else an applicant's name for a negative-list item. */
  subject: string;
  item: string;
  /** pricing: the route found; every other item: whether it holds (for negative-list items: whether the conduct occurred). */
  value: boolean | 'listing' | 'auction' | 'negotiated';
  evidence: EvidenceRef[];
  note?: string;
  actor: Actor;
  at: string;
}

export type Outcome = 'exempt' | 'partly' | 'not';

export interface PersonOutcome {
  person: string;
  outcome: Outcome;
  /** Required when the outcome differs from the preliminary finding. */
  reason?: string;
}

export interface CorrectiveAction {
  id: string;
  description: string;
  owner: string;
  dueOn: string;
  done: boolean;
  completedAt: string | null;
  reference: string | null;
  overdueNoticed: boolean;
}

export type ReviewActionName = 'accept' | 'decline' | 'finding' | 'determine' | 'apply-result' | 'complete-action';

export interface ReviewAction {
  action: ReviewActionName;
  reason?: string;
  reference?: string;
  /** finding */
  subject?: string;
  item?: string;
  value?: Finding['value'];
  evidence?: EvidenceRef[];
  note?: string;
  /** determine */
  outcomes?: PersonOutcome[];
  correctiveActions?: Array<{ description: string; owner: string; dueOn: string }>;
  /** complete-action */
  actionId?: string;
}

export interface ReviewActRequest extends ReviewAction {
  actor: Actor;
}

export interface ReviewRecord {
  stage: ReviewStage;
  action: ReviewActionName | 'opened' | 'escalated' | 'preliminary' | 'action-overdue' | 'closed';
  actor: Actor;
  reason?: string;
  reference?: string;
  subject?: string;
  item?: string;
  evidence?: EvidenceRef[];
  at: string;
  policy: string;
}

export interface ReviewView {
  caseId: string;
  kind: 'diligence-exemption';
  stage: ReviewStage;
  pending: PendingStep<ReviewStage> | null;
  policy: PolicyRef & { selection: SelectionNote[] };
  request: ReviewRequest;
  /** Applied after the pack's deadline (when it has one): the reviewers see it at acceptance. */
  lateApplication: boolean;
  /** What still needs a finding: subject/item. */
  open: Array<{ subject: string; item: string }>;
  findings: Finding[];
  preliminary: Array<{ person: string; role: ExemptionRole; decision: DiligenceExemptionDecision }> | null;
  determination: { outcomes: PersonOutcome[]; evidence: EvidenceRef[]; actor: Actor; at: string } | null;
  resultReference: string | null;
  correctiveActions: CorrectiveAction[];
  history: ReviewRecord[];
  /** How many records the review has made in all. */
  recorded?: number;
}

export interface ReviewCaseInput {
  caseId: string;
  request: ReviewRequest;
  requestHash: string;
  openedBy: Actor;
}

export const reviewActUpdate = defineUpdate<CaseAck<ReviewStage>, [ReviewActRequest]>('act');
export const reviewViewQuery = defineQuery<ReviewView>('view');
