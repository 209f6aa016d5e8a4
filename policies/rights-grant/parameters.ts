// The parameters of a rights-grant pack. Shares are decimal strings so they stay exact.

export interface ShareRange {
  min: string;
  minInclusive: boolean;
  max: string;
  maxInclusive: boolean;
}

export interface RightsGrantParameters {
  resultKinds: string[];
  /** Flags that bar a grant (DOMAIN.md §2 negative list), by input flag name. */
  negativeList: string[];
  plan: { requireLicenseeIdentified: boolean; requireCommercialisationPlan: boolean };
  ownership: ShareRange;
  ltu: { minYears: number };
  publicityWorkingDays: number;
}
