// The parameters of a rights-grant pack. Shares are decimal strings so they stay exact.

export interface ShareRange {
  min: string;
  minInclusive: boolean;
  max: string;
  maxInclusive: boolean;
}

/** A human step: who decides, by when, and who takes over when it is overdue. */
export interface StepRule {
  roles: string[];
  deadlineDays: number;
  escalateTo: string[];
}

export type HumanStep = 'department-review' | 'office-review' | 'collective-decision' | 'agreement';

export interface RightsGrantProcess {
  steps: Record<HumanStep, StepRule>;
  /** Who may record an objection received during publicity. */
  objectionRoles: string[];
  watch: {
    idleReminderMonths: number;
    reclaimAfterMonths: number;
    reclaimAllowed: boolean;
    ltuNoticeMonths: number;
    ltuExtensionYears: number;
  };
}

export interface RightsGrantParameters {
  resultKinds: string[];
  /** Flags that bar a grant (docs/domain.md §2 negative list), by input flag name. */
  negativeList: string[];
  plan: { requireLicenseeIdentified: boolean; requireCommercialisationPlan: boolean };
  ownership: ShareRange;
  ltu: { minYears: number };
  publicityWorkingDays: number;
  process: RightsGrantProcess;
}
