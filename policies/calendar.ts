// The official working-day calendar (docs: DOMAIN.md §6): weekends and public holidays are days
// off, make-up working days (调休) on a weekend are working days, per the State Council's notice of
// each year. Pure data and arithmetic, no clock: safe inside workflows. A year with no published
// notice is counted on weekends alone, and the answer says it rests on that assumption.
import { CALENDAR_YEARS } from './calendar-years';
import { addDays } from './dates';

/** One year of the calendar as published (policies/calendar/holidays-<year>.json). */
export interface CalendarYear {
  year: number;
  issuer: string;
  notices: Array<{ title: string; documentNumber?: string; date?: string; url: string }>;
  confidence: string;
  generatedFrom: string;
  /** Public holidays (days off), date → name. */
  holidays: Record<string, string>;
  /** Make-up working days (调休), date → the holiday they make up for. */
  makeUpWorkingDays: Record<string, string>;
}

export interface WorkingDayResult {
  date: string;
  /** True when a day of a year without a published notice was counted (on weekends only). */
  assumed: boolean;
}

const BY_YEAR = new Map(CALENDAR_YEARS.map((y) => [y.year, y]));

/** The years whose holidays are published, ascending. */
export function knownYears(): number[] {
  return [...BY_YEAR.keys()].sort((a, b) => a - b);
}

/** The published year a date falls in, if its notice is known. */
export function calendarYear(year: number): CalendarYear | undefined {
  return BY_YEAR.get(year);
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** Whether date (YYYY-MM-DD) is a working day; in an unpublished year, whether it is Monday to Friday. */
export function isWorkingDay(date: string): boolean {
  const year = BY_YEAR.get(yearOf(date));
  if (year?.makeUpWorkingDays[date]) return true;
  if (year?.holidays[date]) return false;
  return !isWeekend(date);
}

/**
 * The n-th working day after `from` (counting starts the next day; n = 0 is `from` itself).
 * `assumed` is true when any day counted lies in a year without a published notice.
 */
export function addWorkingDays(from: string, days: number): WorkingDayResult {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, not ${days}`);
  let date = from;
  let left = days;
  let assumed = false;
  while (left > 0) {
    date = addDays(date, 1);
    if (!BY_YEAR.has(yearOf(date))) assumed = true;
    if (isWorkingDay(date)) left--;
  }
  return { date, assumed };
}
