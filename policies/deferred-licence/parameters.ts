// The parameters of a deferred-licence pack.
export type Industry = 'industry' | 'software-it' | 'other';

/** An enterprise is small or medium when below either line (工信部联企业〔2011〕300号); null: no revenue line. */
export interface SmeLine {
  maxEmployeesExclusive: number;
  maxRevenueCnyExclusive: number | null;
}

export interface DeferredLicenceParameters {
  sme: Record<Industry, SmeLine>;
  deferralFloorMonths: number;
  deferralCapMonths: number;
  defaultFreeMonths: number;
  requireSeparatelyManaged: boolean;
  openLicenceForbidsExclusive: boolean;
  process: LicenceProcess;
}

/** A human step of the licence process: who decides, how long they have, who may act once it is overdue. */
export interface LicenceStepRule {
  roles: string[];
  deadlineDays: number;
  escalateTo: string[];
}

/** How a licence is run once signed: reminders, grace, default, rounding (all assumed, see the pack). */
export interface LicenceProcess {
  reminderDaysBefore: number[];
  graceDays: number;
  royaltyPaymentDays: number;
  royaltyRounding: 'half-up-fen';
  instalmentRounding: 'down-fen-remainder-last';
  steps: { contract: LicenceStepRule; registration: LicenceStepRule };
  /** Who may record payments and end, convert or renew a licence. */
  officeRoles: string[];
  /** Who may report usage and revenue. */
  licenseeRoles: string[];
  creditFlagOnDefault: boolean;
}
