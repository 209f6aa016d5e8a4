// The working-day calendar against the State Council's notices (typed here from the notices
// themselves, not from the package the data files are generated from), and the package
// cross-checked day by day over every year it knows.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as chineseDays from 'chinese-days';
import { addWorkingDays, calendarYear, isWorkingDay, knownYears } from '../../policies/calendar';
import { addDays } from '../../policies/dates';

interface Notice {
  /** [first, last] day off, inclusive. */
  holidays: Array<[string, string]>;
  makeUpWorkingDays: string[];
}

const NOTICES: Record<number, Notice> = {
  // 国办发明电〔2024〕12号
  2025: {
    holidays: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    makeUpWorkingDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  // 国办发明电〔2025〕7号 (2025-11-04)
  2026: {
    holidays: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    makeUpWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) days.push(d);
  return days;
}

const weekday = (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

describe.each(Object.entries(NOTICES))('the %s notice', (year, notice) => {
  const off = (date: string) => notice.holidays.some(([from, to]) => date >= from && date <= to);

  test('every day of the year is a working day exactly when the notice makes it one', () => {
    const wrong = daysOf(Number(year)).filter(
      (d) => isWorkingDay(d) !== (notice.makeUpWorkingDays.includes(d) || (weekday(d) && !off(d))),
    );
    expect(wrong).toEqual([]);
  });

  test('the data file lists exactly the notice’s make-up working days and cites it as confirmed', () => {
    const data = calendarYear(Number(year))!;
    expect(Object.keys(data.makeUpWorkingDays)).toEqual(notice.makeUpWorkingDays.slice().sort());
    expect(data.confidence).toBe('confirmed');
    expect(data.notices[0].documentNumber).toMatch(/^国办发明电〔\d{4}〕\d+号$/);
  });
});

describe('addWorkingDays', () => {
  test.each([
    // The National Day holiday of 2025 (10-01 to 10-08) with its make-up Sunday 09-28 and Saturday 10-11.
    ['2025-09-26', 1, '2025-09-28'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-09-26', 15, '2025-10-23'],
    // Spring Festival 2025: 01-28 to 02-04 off, Saturday 02-08 worked.
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-02-07', 1, '2025-02-08'],
    // Across New Year 2025 → 2026: 2026-01-01 to 01-03 off, Sunday 01-04 worked.
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-31', 2, '2026-01-05'],
    // Spring Festival 2026 with two make-up Saturdays.
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-27', 1, '2026-02-28'],
    // An ordinary week: from a Friday the next working day is Monday.
    ['2025-03-07', 1, '2025-03-10'],
    ['2025-03-07', 0, '2025-03-07'],
  ])('%s + %i working days = %s', (from, days, date) => {
    expect(addWorkingDays(from, days)).toEqual({ date, assumed: false });
  });

  test('a year without a published notice is counted on weekends only, and says so', () => {
    const last = Math.max(...knownYears());
    const crossed = addWorkingDays(`${last}-12-31`, 1);
    let firstWeekday = `${last + 1}-01-01`;
    while (!weekday(firstWeekday)) firstWeekday = addDays(firstWeekday, 1);
    expect(crossed).toEqual({ date: firstWeekday, assumed: true });
    expect(addWorkingDays(`${last}-12-25`, 10).assumed).toBe(true);
    expect(addWorkingDays('2026-12-18', 3)).toEqual({ date: '2026-12-23', assumed: false });
    expect(addWorkingDays('2099-06-05', 1)).toEqual({ date: '2099-06-08', assumed: true });
    // Before the first known year too.
    expect(addWorkingDays('2003-12-30', 1)).toEqual({ date: '2003-12-31', assumed: true });
  });

  test('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('the data files', () => {
  test('cover every year from 2004 without a gap', () => {
    const years = knownYears();
    expect(years[0]).toBe(2004);
    expect(years).toEqual(years.map((_, i) => 2004 + i));
    expect(years).toContain(2026);
  });

  test('hold only dates of their own year, none both a holiday and a make-up day, every one with its notice', () => {
    for (const year of knownYears()) {
      const data = calendarYear(year)!;
      const dates = [...Object.keys(data.holidays), ...Object.keys(data.makeUpWorkingDays)];
      expect(dates.filter((d) => !d.startsWith(`${year}-`))).toEqual([]);
      expect(Object.keys(data.holidays).filter((d) => data.makeUpWorkingDays[d])).toEqual([]);
      expect(data.notices.length).toBeGreaterThan(0);
      for (const n of data.notices) expect(n.url).toMatch(/^https?:\/\//);
    }
  });

  test('agree day by day with chinese-days over every year it knows', () => {
    const wrong: string[] = [];
    for (const year of knownYears())
      for (const d of daysOf(year)) if (isWorkingDay(d) !== chineseDays.isWorkday(d)) wrong.push(d);
    expect(wrong).toEqual([]);
  });

  test('are what scripts/calendar-data.ts generates from the installed chinese-days', () => {
    const root = join(__dirname, '..', '..');
    const out = execFileSync(process.execPath, ['-r', './scripts/register.js', 'scripts/calendar-data.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toMatch(/match chinese-days@/);
  });
});
