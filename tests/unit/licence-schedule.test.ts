// The licence's money arithmetic: instalments that sum to the fee, royalties rounded half-up to
// the fen, due dates anchored on the start (month ends, leap years), allocation oldest first.
import {
  allocate,
  buildSchedule,
  instalmentAmounts,
  royaltyAmount,
  totals,
} from '../../policies/deferred-licence/schedule';

test.each([
  ['100000', 3, ['33333.33', '33333.33', '33333.34']],
  ['0.05', 2, ['0.02', '0.03']],
  ['300000', 3, ['100000.00', '100000.00', '100000.00']],
  ['1000.01', 1, ['1000.01']],
  [
    '99999999999.99',
    7,
    [
      '14285714285.71',
      '14285714285.71',
      '14285714285.71',
      '14285714285.71',
      '14285714285.71',
      '14285714285.71',
      '14285714285.73',
    ],
  ],
])('fee %s in %i instalments → %j (each rounded down, the last takes the remainder)', (fee, n, expected) => {
  expect(instalmentAmounts(fee, n)).toEqual(expected);
});

test.each([
  [0.035, '30000.01', '1050.00'], // 1050.00035
  [0.035, '30000.15', '1050.01'], // 1050.00525
  [0.03, '0.50', '0.02'], // 0.015 → half up
  [0.03, '0.49', '0.01'], // 0.0147
  [0.1, '0', '0.00'],
])('royalty %d × %s = %s (half-up to the fen)', (rate, revenue, expected) => {
  expect(royaltyAmount(rate, revenue)).toBe(expected);
});

test('monthly instalments from 31 January keep to month ends without drifting; leap years', () => {
  const s = buildSchedule({ feeCny: 4000, instalments: 4, intervalMonths: 1 }, '2028-01-31', 1, 30);
  expect(s.map((i) => i.dueOn)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']);
  const yearly = buildSchedule({ feeCny: 3, instalments: 3, intervalMonths: 12 }, '2028-02-29', 1, 30);
  expect(yearly.map((i) => i.dueOn)).toEqual(['2028-02-29', '2029-02-28', '2030-02-28']);
});

test('royalty periods are due a stated number of days after they end', () => {
  const s = buildSchedule({ royaltyRate: 0.05, periodMonths: 6, periods: 2 }, '2026-08-31', 5, 30);
  expect(s.map((i) => [i.no, i.periodFrom, i.periodTo, i.dueOn])).toEqual([
    [5, '2026-08-31', '2027-02-28', '2027-03-30'],
    [6, '2027-02-28', '2027-08-31', '2027-09-30'],
  ]);
});

test('payments settle posted items oldest first; an advance stays as credit until the next falls due', () => {
  const s = buildSchedule({ feeCny: 300, instalments: 3, intervalMonths: 1 }, '2026-01-15', 1, 30);
  s[0].posted = true;
  s[0].status = 'overdue';
  s[1].posted = true;
  s[1].status = 'due';
  expect(allocate(s, '150', '2026-02-20').map((i) => i.no)).toEqual([1]);
  expect(s.map((i) => [i.paidCny, i.status])).toEqual([
    ['100.00', 'paid'],
    ['50.00', 'due'],
    ['0.00', 'scheduled'],
  ]);
  expect(totals(s, '150')).toEqual({ dueCny: '200.00', paidCny: '150.00', overdueCny: '0.00', balanceCny: '50.00' });
  expect(allocate(s, '350', '2026-02-21').map((i) => i.no)).toEqual([2]);
  expect(totals(s, '350')).toEqual({ dueCny: '200.00', paidCny: '350.00', overdueCny: '0.00', balanceCny: '-150.00' });
  s[2].posted = true;
  expect(allocate(s, '350', '2026-03-15').map((i) => i.no)).toEqual([3]); // the credit settles it
});
