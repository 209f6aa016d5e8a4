// Exact decimals as scaled integers (value = units / 10^scale) for evaluators on the hot path.
// The same answers as decimal.js at 64 digits (policies/money.ts) for every amount the edge accepts,
// at a fraction of the cost: decimal.js parses, normalises and allocates digit arrays on every
// operation, and a loan check spent most of its ~12 µs there (README, benchmark). Every rounding is
// done once, on the exact value, half-up or down as named.

export interface Exact {
  readonly units: bigint;
  readonly scale: number;
}

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1] * 10n);
  return POW10[n];
}

function of(units: bigint, scale: number): Exact {
  return { units, scale };
}

export const ZERO: Exact = of(0n, 0);
export const ONE: Exact = of(1n, 0);

/** Below 10^15 a decimal's digits identify one double and the double's shortest form is that decimal. */
const DISTINCT = 1e15;

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

function parse(text: string): Exact {
  const m = NUMBER_TEXT.exec(text);
  if (!m) throw new Error(`not a decimal number: ${text}`);
  const fraction = m[3] ?? '';
  let units = BigInt(m[2] + fraction);
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return of(m[1] ? -units : units, scale);
}

const parsed = new Map<string, Exact>();

/**
 * The exact value decimal.js would read: a number is taken as its shortest decimal form (what
 * `String(n)` prints), so 0.1 is one tenth. Pack parameters arrive as strings; the few distinct ones
 * are parsed once.
 */
export function exact(value: number | string | Exact): Exact {
  if (typeof value === 'object') return value;
  if (typeof value === 'string') {
    let e = parsed.get(value);
    if (!e) {
      e = parse(value);
      if (parsed.size < 10_000) parsed.set(value, e);
    }
    return e;
  }
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  // Fast paths for whole numbers, fen and ratios to 6 places: when c / 10^k reproduces the
  // double exactly and c has at most 15 digits, c·10^-k is the double's shortest decimal form.
  if (Number.isInteger(value) && Math.abs(value) < DISTINCT) return of(BigInt(value), 0);
  const fen = Math.round(value * 100);
  if (Math.abs(fen) < DISTINCT && fen / 100 === value) return of(BigInt(fen), 2);
  const micro = Math.round(value * 1e6);
  if (Math.abs(micro) < DISTINCT && micro / 1e6 === value) return of(BigInt(micro), 6);
  return parse(String(value));
}

function aligned(a: Exact, b: Exact): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  if (a.scale > b.scale) return [a.units, b.units * pow10(a.scale - b.scale), a.scale];
  return [a.units * pow10(b.scale - a.scale), b.units, b.scale];
}

export function cmp(a: Exact, b: Exact): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function plus(a: Exact, b: Exact): Exact {
  const [x, y, scale] = aligned(a, b);
  return of(x + y, scale);
}

export function minus(a: Exact, b: Exact): Exact {
  const [x, y, scale] = aligned(a, b);
  return of(x - y, scale);
}

export function times(a: Exact, b: Exact): Exact {
  return of(a.units * b.units, a.scale + b.scale);
}

/** Sign of a·d − c·b: compares a/b with c/d for positive b and d, without dividing. */
export function cmpQuotients(a: Exact, b: Exact, c: Exact, d: Exact): -1 | 0 | 1 {
  return cmp(times(a, d), times(c, b));
}

/** Integer division rounded half away from zero (decimal.js ROUND_HALF_UP) or toward zero (ROUND_DOWN). */
function divideRounded(n: bigint, d: bigint, mode: 'half-up' | 'down'): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const negative = n < 0n;
  const m = negative ? -n : n;
  let q = m / d;
  if (mode === 'half-up' && (m % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/** a / b to `places` decimals, half-up: decimal.js's `a.div(b).toDecimalPlaces(places)` for amounts below 10^57. */
export function quotient(a: Exact, b: Exact, places: number): Exact {
  if (b.units === 0n) throw new Error('division by zero');
  // a/b = (a.units · 10^(b.scale − a.scale)) / b.units; scaled by 10^places.
  const shift = places + b.scale - a.scale;
  const n = shift >= 0 ? a.units * pow10(shift) : a.units;
  const d = shift >= 0 ? b.units : b.units * pow10(-shift);
  return of(divideRounded(n, d, 'half-up'), places);
}

export function toPlaces(a: Exact, places: number, mode: 'half-up' | 'down'): Exact {
  if (a.scale <= places) return a;
  const u = small(a);
  if (u === u && a.scale - places <= 22) {
    // Safe integers divide exactly enough: the remainder decides the rounding.
    const d = 10 ** (a.scale - places);
    const m = Math.abs(u);
    let q = Math.floor(m / d);
    let r = m - q * d;
    // m / d was rounded: correct q by one if it landed on the wrong side (q·d stays exact here).
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
    if (mode === 'half-up' && 2 * r >= d) q += 1;
    return of(BigInt(u < 0 ? -q : q), places);
  }
  return of(divideRounded(a.units, pow10(a.scale - places), mode), places);
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The units as a double when they are one exactly (the common case: fen and ratios), else NaN. */
function small(a: Exact): number {
  return a.units <= SAFE && a.units >= -SAFE ? Number(a.units) : NaN;
}

/** decimal.js's toString for values in plain range: no exponent, no trailing fractional zeros. */
export function toText(a: Exact): string {
  let scale = a.scale;
  let u = small(a);
  if (u === u) {
    while (scale > 0 && u % 10 === 0) {
      u /= 10;
      scale--;
    }
    return fixedText(String(Math.abs(u)), u < 0, scale);
  }
  let units = a.units;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return fixedText((units < 0n ? -units : units).toString(), units < 0n, scale);
}

function fixedText(digits: string, negative: boolean, scale: number): string {
  const sign = negative ? '-' : '';
  if (scale === 0) return sign + digits;
  const padded = digits.length > scale ? digits : '0'.repeat(scale - digits.length + 1) + digits;
  return `${sign}${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}

/** The nearest double, as decimal.js's toNumber gives it. */
export function toNumber(a: Exact): number {
  const u = small(a);
  // Both operands exact doubles: IEEE division rounds the exact quotient once, as parsing would.
  if (u === u && a.scale <= 22) return u / 10 ** a.scale;
  const units = a.units < 0n ? -a.units : a.units;
  return Number(fixedText(units.toString(), a.units < 0n, a.scale));
}

function grouped(int: string): string {
  if (int.length <= 3) return int;
  let out = int.slice(0, int.length % 3 || 3);
  for (let i = out.length; i < int.length; i += 3) out += `,${int.slice(i, i + 3)}`;
  return out;
}

/** "CNY 1,234.50": money.ts's formatCny, without decimal.js. */
export function cny(a: Exact): string {
  const rounded = toPlaces(a, 2, 'half-up');
  let digits: string;
  let negative: boolean;
  const u = small(rounded) * 10 ** (2 - rounded.scale);
  if (Number.isSafeInteger(u)) {
    negative = u < 0;
    digits = String(Math.abs(u));
  } else {
    const units = rounded.units * pow10(2 - rounded.scale);
    negative = units < 0n;
    digits = (negative ? -units : units).toString();
  }
  if (digits.length < 3) digits = digits.padStart(3, '0');
  return `CNY ${negative ? '-' : ''}${grouped(digits.slice(0, -2))}.${digits.slice(-2)}`;
}

/** "12.35 %": money.ts's formatPercent (two places, half-up), without decimal.js. */
export function percent(a: Exact | number | string): string {
  const e = exact(a);
  // × 100 is two places less of scale.
  const hundredfold = e.scale >= 2 ? of(e.units, e.scale - 2) : of(e.units * pow10(2 - e.scale), 0);
  return `${toText(toPlaces(hundredfold, 2, 'half-up'))} %`;
}
