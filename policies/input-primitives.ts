// Field types shared by every mechanism's input schema.
import { z } from 'zod';
import { formatCny, hasAtMostTwoDecimals } from './money';
import { isIsoDate } from './dates';
import { city, cityIssue, cityKey, cityLabel, provinceIssue, provinceKey, provinceLabel } from './gazetteer';

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

/** A language a person is written to in: Chinese (the default) or English. */
export const languageSchema = z.enum(['zh', 'en']);

/**
 * Someone a case tells of its steps who need not sign in to the console: a name, an e-mail
 * address and the language of their mails (Chinese unless told).
 */
export const contactSchema = z
  .object({ name: text().trim().min(1).max(200), email: z.email().max(200), language: languageSchema.optional() })
  .strict();
export type Contact = z.infer<typeof contactSchema>;

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

const fitsPlaceName = (name: string) => name.length >= 1 && name.length <= 64;

/** A city of China by any of its names (policies/gazetteer.ts); an unknown one is refused with suggestions. */
export const cityName = () =>
  text()
    .trim()
    .min(1)
    .max(64)
    .superRefine((name, ctx) => {
      if (!fitsPlaceName(name)) return; // already refused for its length
      const issue = cityIssue(name);
      if (issue) ctx.addIssue({ code: 'custom', message: issue });
    });

/** A province-level division of China by any of its names; an unknown one is refused with suggestions. */
export const provinceName = () =>
  text()
    .trim()
    .min(1)
    .max(64)
    .superRefine((name, ctx) => {
      if (!fitsPlaceName(name)) return; // already refused for its length
      const issue = provinceIssue(name);
      if (issue) ctx.addIssue({ code: 'custom', message: issue });
    });

/** The city is looked up in the province given; a city of another province is refused rather than guessed. */
function checkCityInProvince(j: { province?: string; city?: string }, ctx: z.RefinementCtx): void {
  if (!j.city) return;
  const inProvince = j.province && !provinceIssue(j.province) ? provinceKey(j.province) : undefined;
  const issue = cityIssue(j.city, inProvince);
  if (issue) {
    ctx.addIssue({ code: 'custom', path: ['city'], message: issue });
    return;
  }
  const found = city(cityKey(j.city, inProvince))!;
  if (inProvince && found.province !== inProvince)
    ctx.addIssue({
      code: 'custom',
      path: ['city'],
      message: `${cityLabel(found.key)} is in ${provinceLabel(found.province)}, not ${provinceLabel(inProvince)}`,
    });
}

const placeText = () => text().trim().min(1).max(64);

/** Where a case is: a province, a city, or both ("Taizhou" with 浙江 is 台州). */
export const jurisdictionSchema = () =>
  z
    .object({ province: provinceName().optional(), city: placeText().optional() })
    .strict()
    .superRefine(checkCityInProvince);

/** Where a case is, the province required (rules that differ by province only). */
export const provinceJurisdictionSchema = () =>
  z.object({ province: provinceName(), city: placeText().optional() }).strict().superRefine(checkCityInProvince);
