// Field types shared by every mechanism's input schema.
import { z } from 'zod';
import { formatCny, hasAtMostTwoDecimals } from './money';
import { isIsoDate } from './dates';

/**
 * The largest amount accepted as a JSON number. A double tells neighbouring fen apart only up to
 * 2^53 fen (about CNY 90 trillion); beyond it 12345678901234567.89 arrives as 12345678901234568
 * and would pass as a whole amount. CNY 10 trillion (10^15 fen) is safely inside, and above any
 * amount the office handles; larger ones are refused, naming the field, rather than changed.
 */
export const MAX_JSON_CNY = 1e13;

const cny = (what: string) =>
  z
    .number({ error: `${what} must be a number (CNY)` })
    .refine(
      (n) => !Number.isFinite(n) || Math.abs(n) <= MAX_JSON_CNY,
      `${what} must be at most ${formatCny(MAX_JSON_CNY)}: a JSON number holds no larger amount exactly to the fen`,
    )
    .refine(hasAtMostTwoDecimals, 'CNY amounts have at most 2 decimals')
    .meta({ multipleOf: 0.01 });
export const positiveCny = (what: string) => cny(what).refine((n) => n > 0, `${what} must be greater than 0`);
export const nonNegativeCny = (what: string) => cny(what).refine((n) => n >= 0, `${what} must not be negative`);
/** Text the database can store: PostgreSQL refuses the NUL character in text and JSON. */
export const text = () => z.string().refine((s) => !s.includes('\u0000'), 'must not contain the NUL character');

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, 'must be a calendar date YYYY-MM-DD')
  .meta({ format: 'date' });

/** Licence money is stored as DECIMAL(18,2): amounts above a trillion CNY are refused at the edge, not by the database. */
export const MAX_LEDGER_CNY = 1e12;
export const ledgerCny = (what: string, positive: boolean) =>
  (positive ? positiveCny(what) : nonNegativeCny(what)).refine(
    (n) => n <= MAX_LEDGER_CNY,
    `${what} must be at most CNY 1,000,000,000,000`,
  );
