// The transformationReward process (先转化后奖励): ids, stages, the act update, the income signal
// and the view query. No Node imports.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { RewardInput } from '../policies/reward/input-schema';
import type { RewardDecision } from '../policies/reward/evaluate';
import type { PolicyRef, SelectionNote } from '../policies/types';
import type { Actor } from './definitions';
import type { CaseAck, PendingStep } from './case-process';

export const REWARD_WORKFLOW = 'transformationReward';

export function rewardWorkflowId(caseId: string): string {
  return `reward/${caseId}`;
}

/** The stages in process order (the reports' charts and tables list them so); the last are where it ends. */
export const REWARD_STAGES = [
  'collecting',
  'split-confirmation',
  'registration',
  'office-review',
  'publicity',
  'approval',
  'payment',
  'distributed',
  'rejected',
] as const;
export type RewardStage = (typeof REWARD_STAGES)[number];

export const REWARD_FINAL_STAGES: readonly RewardStage[] = ['distributed', 'rejected'];

export type RewardActionName =
  'confirm-split' | 'register' | 'proceed-unregistered' | 'approve' | 'reject' | 'object' | 'pay' | 'register-shares';

export const REWARD_ACTIONS: readonly RewardActionName[] = [
  'confirm-split',
  'register',
  'proceed-unregistered',
  'approve',
  'reject',
  'object',
  'pay',
  'register-shares',
];

export interface RewardAction {
  action: RewardActionName;
  /** reject, object, proceed-unregistered */
  reason?: string;
  /**
   * confirm-split: the signed split's document number; register: the technology-contract
   * registration number (技术合同认定登记); pay: the payroll reference; register-shares: the
   * company registry's change record.
   */
  reference?: string;
  /** confirm-split, pay, register-shares: the team member. */
  personId?: string;
}

export interface RewardActRequest extends RewardAction {
  actor: Actor;
}

/** Money received for a licence, forwarded by the licence workflow into the reward case of its period. */
export interface RewardIncomeItem {
  reference: string;
  amountCny: string;
  on: string;
}

/** The equity record of an equity contribution (作价投资) or a licence fee taken in shares (以权代股). */
export interface EquityRecord {
  company: string;
  registeredCapitalCny: number;
  /** Whole shares (or capital units) the unit received. */
  shares: number;
  valuationCny: number;
  /** Whether the valuation was appraised (the unit decides since 2019: 财资〔2019〕57号). */
  appraised: boolean;
}

export interface RewardSource {
  /** The licence whose payments the case distributes. */
  licenceCaseId?: string;
  /** The rights grant the team's shares come from (then already agreed by every inventor). */
  rightsGrantCaseId?: string;
}

export interface RewardCaseInput {
  caseId: string;
  /** The evaluator's input; for a licence's batch, its income is the sum of the batch's payments. */
  request: RewardInput;
  requestHash: string;
  openedBy: Actor;
  source?: RewardSource;
  /** True when the team's split is already agreed (it came from a rights grant): no confirmation step. */
  splitAgreed?: boolean;
  equity?: EquityRecord;
  /** A licence's batch: payments are collected until this date (exclusive), then the reward is calculated. */
  collect?: { until: string; income: RewardIncomeItem[] };
}

export type RewardLedgerKind =
  | 'income'
  | 'deduction'
  | 'retained'
  | 'department'
  | 'payment'
  | 'shares-formed'
  | 'shares-retained'
  | 'shares-registered';

/** A ledger entry as the workflow hands it to the database: its key makes the write idempotent. */
export interface RewardLedgerPosting {
  entryKey: string;
  kind: RewardLedgerKind;
  personId: string | null;
  amountCny: string | null;
  shares: number | null;
  reference: string | null;
  on: string;
}

export interface RewardRecord {
  stage: RewardStage;
  action:
    | RewardActionName
    | 'opened'
    | 'income'
    | 'collected'
    | 'calculated'
    | 'escalated'
    | 'publicity-ended'
    | 'allocated'
    | 'reconciled';
  actor: Actor;
  reason?: string;
  reference?: string;
  personId?: string;
  amountCny?: string;
  shares?: number;
  at: string;
  policy: string;
}

export interface RewardPayment {
  personId: string;
  amountCny?: string;
  taxableCny?: string;
  shares?: number;
  reference: string;
  on: string;
  actor: Actor;
  /** Counted in performance pay, outside its approved total (Art. 45 ¶3; 人社部发〔2021〕14号). */
  performancePay: 'outside-cap';
}

export interface RewardLedger {
  /** Cash: income (or operating profit); equity: shares formed. */
  income: string;
  deducted: string;
  pool: string;
  retained: string;
  department: string;
  paid: string;
  /** Every fen (or share) of the income is deducted, paid, retained, or still to pay: income = deducted + pool + retained + department. */
  allocatedInFull: boolean;
  /** The pool fully paid, and the income accounted for to the fen. */
  reconciled: boolean;
  unit: 'CNY' | 'shares';
}

export interface RewardView {
  caseId: string;
  kind: 'reward';
  stage: RewardStage;
  pending: PendingStep<RewardStage> | null;
  policy: PolicyRef & { selection: SelectionNote[] };
  request: RewardInput;
  source: RewardSource | null;
  equity: EquityRecord | null;
  /** A licence's batch: the payments collected, and the date collection ends. */
  income: RewardIncomeItem[];
  collectUntil: string | null;
  /** Written confirmations of the split, by team member. */
  confirmations: Array<{ personId: string; reference: string; actor: Actor; at: string }>;
  registration: { reference: string | null; at: string; unregisteredReason?: string } | null;
  calculation: RewardDecision | null;
  objections: Array<{ reason: string; actor: Actor; at: string }>;
  publicityEndsOn: string | null;
  /** True when the publicity's end crossed a year whose holidays are not published (weekends only). */
  publicityEndAssumed: boolean;
  approvedBy: Actor | null;
  payments: RewardPayment[];
  ledger: RewardLedger | null;
  history: RewardRecord[];
  recorded?: number;
}

export const rewardActUpdate = defineUpdate<CaseAck<RewardStage>, [RewardActRequest]>('act');
export const rewardViewQuery = defineQuery<RewardView>('view');
export const rewardIncomeSignal = defineSignal<[RewardIncomeItem]>('income');
