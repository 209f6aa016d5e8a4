// Money is CNY with at most two decimals, compared exactly: decimal arithmetic, never binary
// floating point (0.6 × 123456789.01 = 74074073.406, so 74074073.41 is over the limit).
import Decimal from 'decimal.js';

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
