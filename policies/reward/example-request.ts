import type { RewardInput } from './input-schema';

/** A reward every surface shows as its example: a Zhejiang university's licence fee, split between two inventors. */
export const EXAMPLE_REWARD: RewardInput = {
  asOf: '2026-07-01',
  jurisdiction: { province: '浙江', city: '杭州' },
  unit: { name: 'Zhejiang University', type: 'university', stateEstablished: true, nonProfit: true },
  income: {
    kind: 'licence',
    grossCny: 100000,
    deductions: [
      { item: 'taxes', amountCny: 6000 },
      { item: 'maintenance', amountCny: 1500 },
    ],
    receivedOn: '2026-06-15',
    contractRegistered: true,
  },
  team: [
    { id: 'r-001', name: 'Wang Lei', share: 0.6 },
    { id: 'r-002', name: 'Chen Jing', share: 0.4 },
  ],
};
