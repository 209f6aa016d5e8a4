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
}
