// The reports' filters, from the page's query string: a date range (days in China, UTC+8), a unit
// and a jurisdiction. Each report says which of them it applies (REPORTS in catalog.ts); the SQL
// conditions here are parameters, never text pasted into the query.
import { z } from 'zod';
import { Prisma } from '../../../prisma/generated/client';
import { isoDateSchema } from '../../../policies/input-primitives';

const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blankIsAbsent, z.string().trim().max(200).optional());

export const reportFiltersSchema = z
  .object({
    from: z.preprocess(blankIsAbsent, isoDateSchema.optional()),
    to: z.preprocess(blankIsAbsent, isoDateSchema.optional()),
    unit: optionalText,
    jurisdiction: optionalText,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'must not be before from' });

export type ReportFilters = z.output<typeof reportFiltersSchema>;

/** The query string of these filters (for download links and the report links), empty ones left out. */
export function filterQuery(f: ReportFilters): string {
  const q = new URLSearchParams();
  for (const key of ['from', 'to', 'unit', 'jurisdiction'] as const) if (f[key]) q.set(key, f[key]);
  return q.toString();
}

/** The first instant of a day in China. */
export function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Today in China as YYYY-MM-DD. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The unit a case row names: a grant's or reward's unit, or the unit a licence's income rewards. */
export const CASE_UNIT = Prisma.sql`COALESCE(c."input"#>>'{unit,name}', c."input"#>>'{reward,unit,name}')`;

/** The conditions on case rows `c` the filters make: opened in the range, the unit, the jurisdiction. */
export function caseConditionList(f: ReportFilters, use: { dates: boolean } = { dates: true }): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (use.dates && f.from) parts.push(Prisma.sql`c."createdAt" >= ${chinaDayStart(f.from)}`);
  if (use.dates && f.to) parts.push(Prisma.sql`c."createdAt" < ${chinaDayStart(nextDay(f.to))}`);
  if (f.unit) parts.push(Prisma.sql`${CASE_UNIT} = ${f.unit}`);
  if (f.jurisdiction) parts.push(Prisma.sql`c."jurisdiction" = ${f.jurisdiction}`);
  return parts;
}

/** Conditions on case rows `c` (AND-ed; TRUE when none): opened in the range, the unit, the jurisdiction. */
export function caseConditions(f: ReportFilters, use: { dates: boolean } = { dates: true }): Prisma.Sql {
  const parts = caseConditionList(f, use);
  return parts.length ? Prisma.join(parts, ' AND ') : Prisma.sql`TRUE`;
}
