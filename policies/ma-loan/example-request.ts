import type { MaLoanInput } from './input-schema';

/** A loan check every surface shows as its example: the dev banner, the OpenAPI document, the README. */
export const EXAMPLE_LOAN_REQUEST: MaLoanInput = {
  requestId: 'demo-1',
  asOf: '2025-06-01',
  bank: { id: 'cq-bank' },
  acquirer: { name: 'Yuzhong Robotics', city: '重庆', techEnterprise: true },
  target: { name: 'Liangjiang Sensors' },
  deal: { transactionPriceCny: 100000000, type: 'control', stakeAcquired: 0.6 },
  loan: { amountCny: 80000000, termYears: 10 },
};
