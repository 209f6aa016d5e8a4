// Issue 17's goals, each judged within one run of `npm run bench` (ratios to the no-op workflow
// measured alongside, so a loaded machine slows both sides alike). A bench line that adds a goal
// adds one entry here.
import type { LoadResult } from './load';

export interface Goal {
  goal: string;
  measured: string;
  /** null: not measured in this run (e.g. the PostgreSQL memory goal on PGlite). */
  met: boolean | null;
}

export interface GoalInputs {
  database: 'pglite' | 'postgres';
  loanCeiling: number;
  noopCeiling: number;
  loans: LoadResult;
  noops: LoadResult;
  decideMaLoan: number;
  licencesOpenedPerSecond: number;
  licences: number;
  rssAfterMiB: number;
  verifyPerSecond: number;
  barePerSecond: number;
}

/** Fell behind: finished fewer than 95 % of the offered requests per second, or any failed. */
export function fellBehind(r: LoadResult): boolean {
  return r.failed > 0 || r.achievedPerSecond < 0.95 * r.offeredPerSecond;
}

export function goals(m: GoalInputs): Goal[] {
  const closed = m.loanCeiling / m.noopCeiling;
  const p99 = m.loans.p99Ms / m.noops.p99Ms;
  const replay = m.verifyPerSecond / m.barePerSecond;
  const memoryMeasured = m.database === 'postgres' && m.licences >= 10_000;
  return [
    {
      goal: 'loan checks via API, closed loop ≥ 70 % of no-op',
      measured: `${(100 * closed).toFixed(1)} %`,
      met: closed >= 0.7,
    },
    {
      goal: `p99 at ${m.loans.offeredPerSecond}/s ≤ 1.5 × no-op p99, not behind`,
      measured: `${p99.toFixed(2)} ×${fellBehind(m.loans) ? ', fell behind' : ''}`,
      met: p99 <= 1.5 && !fellBehind(m.loans),
    },
    {
      goal: 'decideMaLoan ≥ 500 000/s',
      measured: `${(m.decideMaLoan / 1000).toFixed(0)} k/s`,
      met: m.decideMaLoan >= 500_000,
    },
    {
      goal: 'licences opened by one worker ≥ 100/s',
      measured: `${m.licencesOpenedPerSecond.toFixed(0)}/s`,
      met: m.licencesOpenedPerSecond >= 100,
    },
    {
      goal: '10 000 sleeping licences on PostgreSQL ≤ 1.5 GiB RSS',
      measured: memoryMeasured
        ? `${(m.rssAfterMiB / 1024).toFixed(2)} GiB`
        : `not measured (${m.licences} licences on ${m.database})`,
      met: memoryMeasured ? m.rssAfterMiB <= 1.5 * 1024 : null,
    },
    {
      goal: 'audit replay within 10 % of bare replay',
      measured: `${(100 * replay).toFixed(0)} % of bare`,
      met: replay >= 0.9,
    },
  ];
}

export function formatGoals(list: Goal[]): string {
  const width = Math.max(...list.map((g) => g.goal.length));
  return list
    .map(
      (g) => `  ${g.goal.padEnd(width)}  ${g.measured.padEnd(40)}  ${g.met === null ? '—' : g.met ? 'met' : 'NOT met'}`,
    )
    .join('\n');
}
