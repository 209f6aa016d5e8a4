// The deferredLicence process: ids, stages, the act update and the view query. No Node imports.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeferredLicenceInput } from '../policies/deferred-licence/input-schema';
import type { DeferredLicenceDecision } from '../policies/deferred-licence/evaluate';
import type { LedgerTotals, ScheduleItem } from '../policies/deferred-licence/schedule';
import type { Guarantee, LicencePayment } from '../policies/deferred-licence/terms-schema';
import type { Actor } from './definitions';
import type { RewardInput } from '../policies/reward/input-schema';
import type { CaseAck, PendingStep } from './case-process';
import type { PackAtSubmission } from './pack-as-recorded';
import type { EquityRecord, RewardIncomeItem } from './transformation-reward-definitions';

export const DEFERRED_LICENCE_WORKFLOW = 'deferredLicence';

export function licenceWorkflowId(licenceId: string): string {
  return `deferred-licence/${licenceId}`;
}

/** The stages in process order (the reports' charts and tables list them so); the last are where it ends. */
export const LICENCE_STAGES = [
  'contract',
  'registration',
  'free-use',
  'paying',
  'default',
  'term-end',
  'ineligible',
  'converted',
  'completed',
  'terminated',
  'lapsed',
] as const;
export type LicenceStage = (typeof LICENCE_STAGES)[number];

export const LICENCE_FINAL_STAGES: readonly LicenceStage[] = [
  'ineligible',
  'converted',
  'completed',
  'terminated',
  'lapsed',
];

export type LicenceActionName =
  | 'sign'
  | 'register'
  | 'report-usage'
  | 'report-revenue'
  | 'record-payment'
  | 'resume'
  | 'terminate'
  | 'patent-lapsed'
  | 'convert'
  | 'renew'
  | 'close';

export const LICENCE_ACTIONS: readonly LicenceActionName[] = [
  'sign',
  'register',
  'report-usage',
  'report-revenue',
  'record-payment',
  'resume',
  'terminate',
  'patent-lapsed',
  'convert',
  'renew',
  'close',
];

export interface LicenceAction {
  action: LicenceActionName;
  /** Required for resume, terminate, patent-lapsed and convert; the note of a usage report. */
  reason?: string;
  /** Contract number (sign), registration number (register), payment or revenue report reference (record-payment, report-revenue). */
  reference?: string;
  /** Revenue reported, or money received: exact, two decimals. */
  amountCny?: string;
  /** Who paid (the licensee, or the insurer or guarantor after a claim). */
  payer?: string;
  /** New payment terms for renew. */
  renewal?: LicencePayment;
  /**
   * convert only, on a licence with reward terms: the shares taken instead of the fee (以权代股 /
   * 作价投资). The licence then opens the equity record as a reward case of kind equity.
   */
  equity?: EquityRecord;
}

export interface LicenceActRequest extends LicenceAction {
  actor: Actor;
}

export type LicenceEventName =
  | LicenceActionName
  | 'evaluated'
  | 'escalated'
  | 'payment-started'
  | 'assessed'
  | 'reminder'
  | 'posted'
  | 'overdue'
  | 'settled'
  | 'defaulted'
  | 'guarantee-claim'
  | 'credit-flag'
  | 'credit-flag-lifted'
  | 'schedule-complete'
  | 'rolled-over'
  | 'equity-opened';

export interface LicenceRecord {
  stage: LicenceStage;
  action: LicenceEventName;
  actor: Actor;
  reason?: string;
  reference?: string;
  amountCny?: string;
  item?: number;
  at: string;
  policy: string;
}

/** A ledger entry as the workflow hands it to the database: its key makes the write idempotent. */
export interface LicenceLedgerPosting {
  entryKey: string;
  kind: 'due' | 'payment' | 'guarantee-claim';
  itemNo: number | null;
  amountCny: string;
  reference: string | null;
  payer: string | null;
  on: string;
}

export type LicencePending = PendingStep<LicenceStage>;

export interface LicencePaymentRecord {
  reference: string;
  amountCny: string;
  payer: string;
  on: string;
  actor: Actor;
}

/** A revenue report that carried a reference: the same reference is applied once. */
export interface LicenceRevenueReport {
  reference: string;
  amountCny: string;
  on: string;
}

export interface LicenceView {
  caseId: string;
  kind: 'deferred-licence';
  stage: LicenceStage;
  pending: LicencePending | null;
  eligibility: DeferredLicenceDecision;
  payment: LicencePayment;
  guarantee: Guarantee | null;
  contractReference: string | null;
  registrationNumber: string | null;
  /** When payment starts (or started); null while waiting for first revenue. */
  paymentStartsOn: string | null;
  trigger: 'anniversary' | 'first-revenue' | 'deferral-cap' | null;
  /** Revenue reported before payment started (free use). */
  freeUseRevenueCny: string;
  schedule: ScheduleItem[];
  payments: LicencePaymentRecord[];
  /** Revenue reports sent with a reference (absent until the first one: older licences never had it). */
  revenueReports?: LicenceRevenueReport[];
  ledger: LedgerTotals;
  creditFlagged: boolean;
  /**
   * The day the licensee learnt of its schedule (the licence registered or payment started). An
   * item already due then is overdue and defaults counting from this day, never from its own past
   * due date (issue 14 item 5). Absent in licences from before the rule: they run as they did.
   */
  noticedOn?: string;
  guaranteeClaims: Array<{ item: number; amountCny: string; provider: string; on: string }>;
  /** The latest records (the last 120 once the licence has rolled over); the audit log holds them all. */
  history: LicenceRecord[];
  /** How many records the licence has made in all (absent in views saved before it was counted). */
  recorded?: number;
  /** How many times the licence has continued as a new run (one per settled period). */
  run: number;
  /** Licences with reward terms: the reward cases its payments went to (absent before the first). */
  rewardCases?: Array<{ caseId: string; payments: string[] }>;
  /** Payments a batch received after it closed, carried into a later batch (absent until the first). */
  rewardCarried?: Array<{ reference: string; from: string; to: string }>;
  /** A licence converted to equity with reward terms: the reward case holding its equity record. */
  equityCase?: { caseId: string; equity: EquityRecord };
}

/**
 * Who the licence's income rewards (先转化后奖励): the unit (and its rule, which names the batch
 * period), where it is, and the team — from the rights grant the result came through, or a split
 * each reward case has confirmed.
 */
export interface LicenceRewardTerms {
  jurisdiction: RewardInput['jurisdiction'];
  unit: RewardInput['unit'];
  team: RewardInput['team'];
  rightsGrantCaseId?: string;
}

export interface LicenceCaseInput {
  caseId: string;
  request: DeferredLicenceInput;
  payment: LicencePayment;
  guarantee: Guarantee | null;
  requestHash: string;
  openedBy: Actor;
  /** Set when the licence's payments are to start reward cases. */
  reward?: LicenceRewardTerms;
  /** Set when the licence continues as a new run at a period boundary. */
  resume?: { view: LicenceView; version: number };
  /**
   * The pack chosen at submission for the decision date then (absent in starts before it was
   * sent): recorded with the input, so the first task needs no local activity to choose it.
   */
  resolved?: PackAtSubmission;
}

/** patched() id: the pack comes with the input instead of from the resolveDeferredLicencePolicy local activity. */
export const LICENCE_PACK_AT_SUBMISSION_PATCH = 'licence-pack-chosen-at-submission';

export const licenceActUpdate = defineUpdate<CaseAck<LicenceStage>, [LicenceActRequest]>('act');
export const licenceViewQuery = defineQuery<LicenceView>('view');

/** A payment a reward batch received after it closed (its collection ended `until`): the licence carries it into the next batch. */
export interface RewardCarry {
  fromCaseId: string;
  until: string;
  item: RewardIncomeItem;
}
export const licenceRewardCarrySignal = defineSignal<[RewardCarry]>('carry-reward-income');

/** What a licence was launched with (the launch body without its id): stored and hashed as the case input. */
export function licenceTerms(
  request: DeferredLicenceInput,
  payment: LicencePayment,
  guarantee: Guarantee | null,
  reward?: LicenceRewardTerms,
) {
  return { ...request, payment, guarantee, ...(reward ? { reward } : {}) };
}
