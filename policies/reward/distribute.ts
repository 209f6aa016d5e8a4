// Splitting a pool among the team exactly (CONTRACT.md `reward`): each part rounded down to the
// unit (the fen, or a whole share), then what is left handed out one unit at a time to the largest
// fractional remainders, ties to the earlier person. Nothing is lost or made up: the parts always
// add up to the pool. Pure and exact (decimal.js), safe in workflow code.
import { Decimal } from '../money';

export interface Part {
  /** Whole units (fen or shares). */
  units: Decimal;
}

/**
 * Splits `poolUnits` (a whole number of fen or shares) by `shares` (each 0–1). When the shares add
 * up to slightly less than 1 (within the team-split tolerance) more than one unit per person may be
 * left: the hand-out goes round the same order again.
 */
export function largestRemainder(poolUnits: Decimal, shares: readonly number[]): Decimal[] {
  const exact = shares.map((s) => poolUnits.times(s));
  const parts = exact.map((x) => x.floor());
  let left = poolUnits.minus(parts.reduce((a, b) => a.plus(b), new Decimal(0)));
  if (left.isNeg()) throw new Error('the shares add up to more than the pool');
  // Largest remainder first; ties to the earlier person (a stable order by index).
  const order = exact
    .map((x, i) => ({ i, rem: x.minus(parts[i]) }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i)
    .map((o) => o.i);
  for (let k = 0; left.gt(0); k = (k + 1) % order.length) {
    parts[order[k]] = parts[order[k]].plus(1);
    left = left.minus(1);
  }
  return parts;
}

/** CNY to whole fen and back. */
export const toFen = (cny: Decimal): Decimal => cny.times(100);
export const fromFen = (fen: Decimal): Decimal => fen.dividedBy(100);

/** Half-up to the fen (the pool; the taxable half). */
export const halfUpFen = (cny: Decimal): Decimal => cny.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
