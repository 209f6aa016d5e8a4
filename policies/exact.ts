// Exact decimals as scaled integers (value = units / 10^scale) for evaluators on the hot path.
// The same answers as decimal.js at 64 digits (policies/money.ts) for every amount the edge accepts,
// at a fraction of the cost: decimal.js parses, normalises and allocates digit arrays on every
// operation, and a loan check spent most of its time there (README, benchmark). Units are plain
// numbers while they are safe integers (fen, ratios: nearly always) and BigInt beyond; every
// rounding is done once, on the exact value, half-up or down as named.

/** A safe integer as a number (|n| < 2^53), any larger one as a BigInt. */
type Units = number | bigint;

export interface Exact {
  readonly units: Units;
  readonly scale: number;
}

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1] * 10n);
  return POW10[n];
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Keeps the invariant: a BigInt that fits becomes a number. */
function units(u: bigint): Units {
  return u <= SAFE && u >= -SAFE ? Number(u) : u;
}

const big = (u: Units): bigint => (typeof u === 'bigint' ? u : BigInt(u));

function of(u: Units, scale: number): Exact {
  return { units: u, scale };
}

export const ZERO: Exact = of(0, 0);
export const ONE: Exact = of(1, 0);

// A float product or sum of safe integers is exact exactly when it is itself a safe integer.
function mul(a: Units, b: Units): Units {
  if (typeof a === 'number' && typeof b === 'number') {
    const p = a * b;
    if (Number.isSafeInteger(p)) return p === 0 ? 0 : p;
  }
  return units(big(a) * big(b));
}

function add(a: Units, b: Units): Units {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (Number.isSafeInteger(s)) return s;
  }
  return units(big(a) + big(b));
}

function negate(a: Units): Units {
  return typeof a === 'number' ? (a === 0 ? 0 : -a) : units(-a);
}

function times10(u: Units, k: number): Units {
  return k === 0 ? u : k <= 15 ? mul(u, 10 ** k) : mul(u, pow10(k));
}

/** Below 10^15 a decimal's digits identify one double and the double's shortest form is that decimal. */
const DISTINCT = 1e15;

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

function parse(text: string): Exact {
  const m = NUMBER_TEXT.exec(text);
  if (!m) throw new Error(`not a decimal number: ${text}`);
  const fraction = m[3] ?? '';
  let u = BigInt(m[2] + fraction);
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    u *= pow10(-scale);
    scale = 0;
  }
  return of(units(m[1] ? -u : u), scale);
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
  if (Number.isInteger(value) && Math.abs(value) < DISTINCT) return of(value === 0 ? 0 : value, 0);
  const fen = Math.round(value * 100);
  if (Math.abs(fen) < DISTINCT && fen / 100 === value) return of(fen, 2);
  const micro = Math.round(value * 1e6);
  if (Math.abs(micro) < DISTINCT && micro / 1e6 === value) return of(micro, 6);
  return parse(String(value));
}

/** Both units at the larger scale. */
function aligned(a: Exact, b: Exact): [Units, Units, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  if (a.scale > b.scale) return [a.units, times10(b.units, a.scale - b.scale), a.scale];
  return [times10(a.units, b.scale - a.scale), b.units, b.scale];
}

export function cmp(a: Exact, b: Exact): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  // Mixed number/BigInt comparisons are exact in JavaScript.
  return x < y ? -1 : x > y ? 1 : 0;
}

export function plus(a: Exact, b: Exact): Exact {
  const [x, y, scale] = aligned(a, b);
  return of(add(x, y), scale);
}

export function minus(a: Exact, b: Exact): Exact {
  const [x, y, scale] = aligned(a, b);
  return of(add(x, negate(y)), scale);
}

export function times(a: Exact, b: Exact): Exact {
  return of(mul(a.units, b.units), a.scale + b.scale);
}

/** Sign of a·d − c·b: compares a/b with c/d for positive b and d, without dividing. */
export function cmpQuotients(a: Exact, b: Exact, c: Exact, d: Exact): -1 | 0 | 1 {
  return cmp(times(a, d), times(c, b));
}

/**
 * n / d for n ≥ 0 and d > 0 with n + d a safe integer, as quotient and remainder: the float
 * quotient may be one off, the remainder tells (q·d stays exact, being within d of n).
 */
function divMod(n: number, d: number): [number, number] {
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  return [q, r];
}

/** n / d rounded to an integer, half away from zero (decimal.js ROUND_HALF_UP) or toward zero (ROUND_DOWN). */
function divideRounded(n: Units, d: Units, mode: 'half-up' | 'down'): Units {
  if (typeof n === 'number' && typeof d === 'number' && Math.abs(n) + Math.abs(d) <= Number.MAX_SAFE_INTEGER) {
    const [q, r] = divMod(Math.abs(n), Math.abs(d));
    const rounded = mode === 'half-up' && 2 * r >= Math.abs(d) ? q + 1 : q;
    return n < 0 !== d < 0 && rounded !== 0 ? -rounded : rounded;
  }
  let [bn, bd] = [big(n), big(d)];
  if (bd < 0n) [bn, bd] = [-bn, -bd];
  const m = bn < 0n ? -bn : bn;
  let q = m / bd;
  if (mode === 'half-up' && (m % bd) * 2n >= bd) q += 1n;
  return units(bn < 0n ? -q : q);
}

/**
 * a / b to `places` decimals, half-up, for a ≥ 0 and b > 0 below 9·10^14 units: long division in
 * floats, one decimal at a time, so no intermediate outgrows 2^53 (10·b does not). Null when out
 * of its range.
 */
function quotientOfSafe(a: Exact, b: Exact, places: number): Exact | null {
  const n = a.units;
  const d = b.units;
  if (typeof n !== 'number' || typeof d !== 'number' || n < 0 || d <= 0 || d > 9e14) return null;
  // a/b = (n / d) · 10^(b.scale − a.scale); to `places` decimals is (n / d) at scale places + b.scale − a.scale.
  const digits = places + b.scale - a.scale;
  if (digits < 0 || digits > 15) return null;
  let [q, r] = divMod(n, d);
  for (let i = 0; i < digits; i++) {
    const [digit, rest] = divMod(r * 10, d);
    q = q * 10 + digit;
    r = rest;
    if (!Number.isSafeInteger(q)) return null;
  }
  if (2 * r >= d) q += 1;
  return Number.isSafeInteger(q) ? of(q, places) : null;
}

/** a / b to `places` decimals, half-up: decimal.js's `a.div(b).toDecimalPlaces(places)` for amounts below 10^57. */
export function quotient(a: Exact, b: Exact, places: number): Exact {
  if (b.units === 0 || b.units === 0n) throw new Error('division by zero');
  const fast = quotientOfSafe(a, b, places);
  if (fast) return fast;
  // a/b = (a.units · 10^(b.scale − a.scale)) / b.units; scaled by 10^places.
  const shift = places + b.scale - a.scale;
  const n = shift >= 0 ? big(a.units) * pow10(shift) : big(a.units);
  const d = shift >= 0 ? big(b.units) : big(b.units) * pow10(-shift);
  return of(divideRounded(n, d, 'half-up'), places);
}

export function toPlaces(a: Exact, places: number, mode: 'half-up' | 'down'): Exact {
  if (a.scale <= places) return a;
  const k = a.scale - places;
  return of(divideRounded(a.units, k <= 15 ? 10 ** k : pow10(k), mode), places);
}

function digitsOf(u: Units): string {
  return typeof u === 'number' ? String(Math.abs(u)) : (u < 0n ? -u : u).toString();
}

/** decimal.js's toString for values in plain range: no exponent, no trailing fractional zeros. */
export function toText(a: Exact): string {
  let { units: u, scale } = a;
  if (typeof u === 'number') {
    while (scale > 0 && u % 10 === 0) {
      u /= 10;
      scale--;
    }
  } else {
    while (scale > 0 && u % 10n === 0n) {
      u /= 10n;
      scale--;
    }
  }
  return fixedText(digitsOf(u), u < 0, scale);
}

function fixedText(digits: string, negative: boolean, scale: number): string {
  const sign = negative ? '-' : '';
  if (scale === 0) return sign + digits;
  const padded = digits.length > scale ? digits : '0'.repeat(scale - digits.length + 1) + digits;
  return `${sign}${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}

/** The nearest double, as decimal.js's toNumber gives it. */
export function toNumber(a: Exact): number {
  // Both operands exact doubles: IEEE division rounds the exact quotient once, as parsing would.
  if (typeof a.units === 'number' && a.scale <= 22) return a.units / 10 ** a.scale;
  return Number(fixedText(digitsOf(a.units), a.units < 0, a.scale));
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
  const fen = times10(rounded.units, 2 - rounded.scale);
  let digits = digitsOf(fen);
  if (digits.length < 3) digits = digits.padStart(3, '0');
  return `CNY ${fen < 0 ? '-' : ''}${grouped(digits.slice(0, -2))}.${digits.slice(-2)}`;
}

/** "12.35 %": money.ts's formatPercent (two places, half-up), without decimal.js. */
export function percent(a: Exact | number | string): string {
  const e = exact(a);
  // × 100 is two places less of scale.
  const hundredfold = e.scale >= 2 ? of(e.units, e.scale - 2) : of(times10(e.units, 2 - e.scale), 0);
  return `${toText(toPlaces(hundredfold, 2, 'half-up'))} %`;
}
