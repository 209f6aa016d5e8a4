// Money at its bounds: computations that round to the fen round once (decimal.js at 64 digits, not
// its default 20), and amounts a JSON number cannot carry to the fen are refused, naming the field.
import DecimalJs from 'decimal.js';
import { Decimal, floorToCents } from '../../policies/money';
import { royaltyAmount, instalmentAmounts, totals, buildSchedule } from '../../policies/deferred-licence/schedule';
import { ledgerCny, MAX_JSON_CNY, nonNegativeCny, positiveCny } from '../../policies/input-primitives';
import { maLoanInputSchema } from '../../policies/ma-loan/input-schema';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';

test.each([
  // 0.123456789012345 × 289586656363.71 = 35751438735.4849999999999…: at 20 digits it became .485, then .49.
  [0.123456789012345, '289586656363.71', '35751438735.48'],
  [0.123456789012345, 289586656363.71, '35751438735.48'],
  [0.05, '999999999999.99', '50000000000.00'],
  [0.123456789012345, '999999999999.99', '123456789012.34'],
  [0.000000000000005, '999999999999.99', '0.00'],
])('royalty %s × %s rounds once, half-up, to %s', (rate, revenue, expected) => {
  expect(royaltyAmount(rate, revenue)).toBe(expected);
});

test('the default decimal.js (20 digits) double-rounds the same royalty: the configuration is what fixes it', () => {
  const twice = new DecimalJs('0.123456789012345').times('289586656363.71').toDecimalPlaces(2, DecimalJs.ROUND_HALF_UP);
  expect(twice.toFixed(2)).toBe('35751438735.49');
  expect(Decimal.precision).toBeGreaterThanOrEqual(40);
});

test('a quotient keeps every digit an amount needs: instalments of the largest fee sum to the fee exactly', () => {
  const parts = instalmentAmounts('999999999999.99', 7);
  expect(parts.reduce((s, p) => s.plus(p), new Decimal(0)).toFixed(2)).toBe('999999999999.99');
  expect(parts[0]).toBe('142857142857.14');
  expect(floorToCents(new Decimal('9999999999999.99').times('0.6')).toFixed(2)).toBe('5999999999999.99');
  const schedule = buildSchedule({ feeCny: 999999999999.99, instalments: 3, intervalMonths: 12 }, '2027-01-01', 1, 30);
  for (const i of schedule) i.posted = true;
  expect(totals(schedule, '0.01').balanceCny).toBe('999999999999.98');
});

const issue = (
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: Array<{ message: string }> } } },
  v: unknown,
) => schema.safeParse(v).error?.issues[0]?.message ?? null;

test.each([
  [
    positiveCny('transactionPriceCny'),
    12345678901234567.89,
    /transactionPriceCny must be at most CNY 10,000,000,000,000.00/,
  ],
  [
    nonNegativeCny('annualRevenueCny'),
    1e21,
    /annualRevenueCny must be at most CNY 10,000,000,000,000.00: a JSON number/,
  ],
  [nonNegativeCny('annualRevenueCny'), -1e16, /annualRevenueCny must be at most/],
  [positiveCny('amountCny'), MAX_JSON_CNY, null],
  [positiveCny('amountCny'), 9999999999999.99, null],
  [positiveCny('amountCny'), 0.001, /at most 2 decimals/],
  [ledgerCny('amountCny', false), 1e12 + 0.01, /amountCny must be at most CNY 1,000,000,000,000/],
  [ledgerCny('amountCny', false), 289586656363.71, null],
])('%#: %s → %s', (schema, value, expected) => {
  const message = issue(schema, value);
  if (expected === null) expect(message).toBeNull();
  else expect(message).toMatch(expected);
});

test('an M&A loan priced beyond what a JSON number holds is refused, naming the field', () => {
  const body = structuredClone(EXAMPLE_LOAN_REQUEST) as { deal: { transactionPriceCny: number } };
  body.deal.transactionPriceCny = 2e16;
  const result = maLoanInputSchema.safeParse(body);
  expect(result.success).toBe(false);
  expect(result.error!.issues[0]).toMatchObject({ path: ['deal', 'transactionPriceCny'] });
});
