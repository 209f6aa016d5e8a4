// The loan checks whose histories form the replay gate: one per pack and per kind of outcome.
import type { MaLoanInput } from '../../policies/ma-loan/input-schema';
import { loanRequest } from '../support/loan-fixtures';

export const REPRESENTATIVE_LOANS: Record<string, MaLoanInput> = {
  'ma-loan-pilot-approved': loanRequest({
    requestId: 'replay-pilot-approved',
    loan: { amountCny: 80_000_000, termYears: 10 },
  }),
  'ma-loan-pilot-one-cent-over': loanRequest({
    requestId: 'replay-pilot-over',
    deal: { transactionPriceCny: 123_456_789.01 },
    loan: { amountCny: 98_765_431.21, termYears: 10 },
  }),
  'ma-loan-pilot-2026-assumed-continuation': loanRequest({
    requestId: 'replay-pilot-2026',
    asOf: '2026-02-01',
    acquirer: { city: 'Hefei' },
  }),
  'ma-loan-guideline-2015-non-pilot-city': loanRequest({ requestId: 'replay-2015', acquirer: { city: '兰州市' } }),
  'ma-loan-measures-2025-participation': loanRequest({
    requestId: 'replay-participation',
    asOf: '2026-03-01',
    acquirer: { techEnterprise: false },
    deal: { type: 'participation', stakeAcquired: 0.05, stakeHeldBefore: 0.25 },
    loan: { amountCny: 6_000_000, termYears: 7 },
  }),
  'ma-loan-concentration-over': loanRequest({
    requestId: 'replay-concentration',
    bank: { tier1CapitalCny: 1_000_000_000, capitalAdequacyRatio: 0.12, outstandingMaLoansCny: 100_000_000 },
    acquirer: { maLoansFromBankCny: 10_000_000 },
  }),
};
