// Money is CNY with at most two decimals, compared exactly: decimal arithmetic, never binary
// floating point (0.6 × 123456789.01 = 74074073.406, so 74074073.41 is over the limit).
import DecimalJs from 'decimal.js';

/**
 * decimal.js rounds every product and quotient to `precision` significant digits (20 by default),
 * so a rate of 15 digits times an amount of 14 was rounded once there and again to the fen:
 * 0.123456789012345 × 289586656363.71 = 35751438735.48499… became .485, then .49. With 64 digits
 * every computation on amounts the edge accepts is exact until the one rounding to the fen.
 * A clone, not Decimal.set(): configured where it is made, the same in the workflow bundle as in
 * Node, and unaffected by whatever else imports decimal.js.
 */
export const Decimal = DecimalJs.clone({
  precision: 64,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -64,
  toExpPos: 64,
});
export type Decimal = DecimalJs;
export type DecimalValue = DecimalJs.Value;

export type Money = Decimal;

export function money(value: number | string): Decimal {
  return new Decimal(value);
}

export function hasAtMostTwoDecimals(value: number): boolean {
  return Number.isFinite(value) && new Decimal(value).decimalPlaces() <= 2;
}

/** The largest amount in whole cents that does not exceed value. */
export function floorToCents(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_DOWN);
}

export function formatCny(value: Decimal | number): string {
  const d = new Decimal(value);
  const [int, frac] = d.toFixed(2).split('.');
  return `CNY ${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

export function formatPercent(ratio: Decimal | number | string, places = 2): string {
  return `${new Decimal(ratio).times(100).toDecimalPlaces(places).toString()} %`;
}
