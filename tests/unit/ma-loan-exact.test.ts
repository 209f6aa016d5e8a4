// The ma-loan evaluator computes with scaled integers (policies/exact.ts) instead of decimal.js:
// its decisions must be the same, byte for byte, as the decimal.js evaluator it replaced
// (tests/support/ma-loan-decimal-reference.ts) — every check, limit, number and message — over
// every pack, at the limits and one fen either side, and over many seeded random requests from
// the smallest amounts the edge accepts to the largest.
import DecimalJs from 'decimal.js';
import { evaluateMaLoan } from '../../policies/ma-loan/evaluate';
import { packsFor } from '../../policies/registry';
import { Decimal, formatCny, formatPercent } from '../../policies/money';
import {
  cmp,
  cmpQuotients,
  cny,
  exact,
  minus,
  percent,
  quotient,
  times,
  toNumber,
  toPlaces,
} from '../../policies/exact';
import type { MaLoanEvaluateInput } from '../../policies/ma-loan/input-schema';
import { evaluateMaLoanWithDecimalJs } from '../support/ma-loan-decimal-reference';
import { loanRequest } from '../support/loan-fixtures';

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(20261123);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
/** An amount in fen at a random magnitude, from CNY 0.01 to CNY 10^13. */
const amount = (): number => {
  const digits = 1 + Math.floor(rnd() * 15);
  const fen = Math.max(1, Math.floor(rnd() * 10 ** digits));
  return fen / 100;
};
/** A share in (0, 1], with up to 15 significant digits or a round value. */
const share = (): number =>
  pick([
    () => Math.max(1e-15, Number(rnd().toPrecision(1 + Math.floor(rnd() * 15)))),
    () => pick([0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.6, 0.7, 0.8, 1, 1e-7, 0.199999999999999, 0.0999999]),
  ])();

const packs = packsFor('ma-loan');

/** The same JSON (what the API answers and the history records), key order included. */
function same(input: MaLoanEvaluateInput, strict = false): void {
  for (const pack of packs) {
    const fast = evaluateMaLoan(input, pack, '2026-06-01', []);
    const reference = evaluateMaLoanWithDecimalJs(input, pack, '2026-06-01', []);
    const [f, r] = [JSON.stringify(fast), JSON.stringify(reference)];
    // toBe on the strings is cheap; on a difference, toStrictEqual names the field.
    if (strict || f !== r) expect(fast).toStrictEqual(reference);
    expect(f).toBe(r);
  }
}

describe('the scaled-integer evaluator decides as decimal.js did', () => {
  test.each([0.6, 0.7, 0.8])('at a ratio of %d: exactly at the limit, one fen under and one fen over', (ratio) => {
    for (const price of [0.01, 0.03, 1, 123456789.01, 289586656363.71, 9999999999999.99, 10_000_000_000_000]) {
      const limitFen = new DecimalJs(price).times(ratio).times(100).floor().toNumber();
      for (const fen of [limitFen - 1, limitFen, limitFen + 1].filter((f) => f > 0)) {
        same(loanRequest({ deal: { transactionPriceCny: price }, loan: { amountCny: fen / 100 } }), true);
      }
    }
  });

  test('concentration at its limits, and which limit binds', () => {
    for (const tier1 of [0.01, 1_000_000, 3_333_333.33, 9999999999999.99]) {
      for (const share of [0.1, 0.25, 0.5, 1, 1.000001]) {
        const loan = Math.max(0.01, Math.floor(tier1 * share * 100) / 100);
        same(
          loanRequest({
            bank: { tier1CapitalCny: tier1, outstandingMaLoansCny: Math.floor(tier1 * 10) / 100 },
            acquirer: { maLoansFromBankCny: Math.floor(tier1 * 3) / 100 },
            loan: { amountCny: loan },
          }),
          true,
        );
      }
    }
  });

  test('4 000 seeded random requests over every pack', () => {
    for (let i = 0; i < 4000; i++) {
      const participation = rnd() < 0.5;
      const held = rnd() < 0.4 ? share() * 0.99 : undefined;
      const acquired = Math.min(share(), 1 - (held ?? 0)) || 0.01;
      const input = loanRequest({
        asOf: '2026-06-01',
        bank: {
          pilotBank: pick([true, false, undefined]),
          capitalAdequacyRatio: pick([undefined, 0.1, 0.0999, share()]),
          ...(rnd() < 0.5
            ? {
                tier1CapitalCny: amount(),
                outstandingMaLoansCny: pick([undefined, 0, amount()]),
              }
            : {}),
        },
        acquirer: {
          city: pick(['Chongqing', '重庆市', 'Lanzhou', 'Xiamen', 'Somewhere Else']),
          techEnterprise: rnd() < 0.7,
          goodCredit: pick([true, false, undefined]),
          maLoansFromBankCny: pick([undefined, 0, amount()]),
        },
        deal: {
          transactionPriceCny: amount(),
          type: participation ? 'participation' : 'control',
          stakeAcquired: acquired,
          stakeHeldBefore: held,
        },
        loan: { amountCny: amount(), termYears: pick([1, 5, 7, 7.5, 10, 11]) },
      });
      same(input);
    }
  });
});

describe('exact arithmetic matches decimal.js at 64 digits', () => {
  test('formatting, quotients and conversions over seeded random values', () => {
    for (let i = 0; i < 3000; i++) {
      const a = amount();
      const b = amount();
      const s = share();
      expect(cny(exact(a))).toBe(formatCny(a));
      expect(percent(s)).toBe(formatPercent(s));
      expect(percent(String(s))).toBe(formatPercent(String(s)));
      const q = new Decimal(a).div(b).toDecimalPlaces(6);
      expect(toNumber(quotient(exact(a), exact(b), 6))).toBe(q.toNumber());
      expect(percent(quotient(exact(a), exact(b), 6))).toBe(formatPercent(q));
      expect(toNumber(toPlaces(exact(a * s), 2, 'down'))).toBe(new Decimal(a * s).toDecimalPlaces(2, 1).toNumber());
      expect(cny(toPlaces(exact(a * s), 2, 'half-up'))).toBe(formatCny(new Decimal(a * s)));
      const [c, d] = [share(), share()];
      expect(cmpQuotients(exact(a), exact(c), exact(b), exact(d))).toBe(
        new Decimal(a).div(c).cmp(new Decimal(b).div(d)),
      );
    }
  });

  test('at the extremes, where units outgrow 2^53 and the arithmetic moves to BigInt', () => {
    const extremes = [0.01, 0.07, 1, 899999999999.99, 900000000000.01, 9007199254740.99, 9999999999999.99, 1e13];
    const shares = ['0.6', '0.123456789012345', '1', '0.0000001'];
    for (const a of extremes) {
      for (const b of extremes) {
        const q = new Decimal(a).div(b).toDecimalPlaces(6);
        expect(percent(quotient(exact(a), exact(b), 6))).toBe(formatPercent(q));
        expect(toNumber(quotient(exact(a), exact(b), 6))).toBe(q.toNumber());
        for (const s of shares) {
          const product = new Decimal(a).times(s);
          expect(cny(toPlaces(times(exact(a), exact(s)), 2, 'down'))).toBe(formatCny(product.toDecimalPlaces(2, 1)));
          expect(cmp(exact(b), times(exact(a), exact(s)))).toBe(new Decimal(b).cmp(product));
          expect(toNumber(minus(exact(b), times(exact(a), exact(s))))).toBe(new Decimal(b).minus(product).toNumber());
        }
      }
    }
  });

  test('numbers are read as their shortest decimal form, as decimal.js reads them', () => {
    for (const n of [0.1, 0.3, 1e-7, 1.5e-10, 123456789.01, 1e21, 5e-324, 0.1 + 0.2, 9007199254740993, -2.5]) {
      expect(toNumber(exact(n))).toBe(new Decimal(n).toNumber());
      expect(percent(n)).toBe(formatPercent(n));
    }
    expect(cny(exact(-1234.5))).toBe(formatCny(-1234.5));
    expect(() => exact(Number.NaN)).toThrow();
  });
});
