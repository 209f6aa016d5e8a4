// The parameters of a reward pack. Ratios are decimal strings so they stay exact.
import type { DeductionItem, IncomeKind } from './input-schema';

/** The 50 % taxable rule for cash rewards (财税〔2018〕58号): when all conditions hold, half the reward is taxed. */
export interface TaxRelief {
  taxableShare: string;
  unitTypes: string[];
  requiresNonProfit: boolean;
  kinds: IncomeKind[];
  withinMonths: number;
  requiresRegistration: boolean;
}

/** A human step: who decides, by when, and who takes over when it is overdue. */
export interface StepRule {
  roles: string[];
  deadlineDays: number;
  escalateTo: string[];
}

export type RewardStep = 'split-confirmation' | 'registration' | 'office-review' | 'approval' | 'payment';

export interface RewardParameters {
  /** The team's floor for each kind of income: of net income, of the shares formed, of operating profit. */
  floors: Record<IncomeKind, string>;
  /** Own implementation: the years after successful production the floor runs for (the unit's rule picks within). */
  ownImplementationYears: { min: number; max: number };
  /**
   * Whom the floor binds when the unit has its own rule: "state-established" units only (the law's
   * Art. 45 ¶2, the provinces' government-established units), or "all". A unit without a rule gets the floor.
   */
  floorBinds: 'state-established' | 'all';
  /** Items deducted from income to give net income; other items are listed but not deducted. */
  deductibleItems: DeductionItem[];
  /** May the head of a public institution take equity? (国发〔2016〕16号: in principle no.) */
  unitHeadEquity: boolean;
  taxRelief: TaxRelief | null;
  publicityWorkingDays: number;
  /** Technology-contract registration (技术合同认定登记) is a tracked step for these kinds when not yet done. */
  registrationKinds: IncomeKind[];
  process: {
    steps: Record<RewardStep, StepRule>;
    objectionRoles: string[];
  };
}
