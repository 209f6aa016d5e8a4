// The parameters of an ma-loan pack. Ratios are decimal strings so they stay exact.

export interface DealTypeRule {
  maxLoanRatio: string;
  maxTermYears: number;
  /** Participation-type only: minimum stake acquired in one deal by a new holder. */
  minStakeInOneDeal?: string;
  /** Participation-type only: a holder at or above this stake may add a smaller block… */
  holderThreshold?: string;
  /** …of at least this much. */
  minAdditionalStakeForHolder?: string;
}

export type DealType = 'control' | 'participation';

export interface MaLoanParameters {
  dealTypes: Partial<Record<DealType, DealTypeRule>>;
  acquirer: { requireTechEnterprise: boolean; requireGoodCredit: boolean };
  bank: {
    requirePilotBank: boolean;
    minCapitalAdequacyRatio: string;
    maxMaBookShareOfTier1: string;
    maxBorrowerShareOfTier1: string;
  };
}
