// Report figures for `npm run bench`: each console report's data (its SQL) and its tables as CSV,
// with 10 000 cases, 100 000 licence ledger rows and 10 000 loan checks in the database — p50 and
// p95 over repeated reads, unfiltered and with a date range and a jurisdiction. The machine's load
// average (1 minute) before and after is printed with them: on a shared machine it explains a p95.
// Runs alone too, on its own PGlite database (or its own database in TEST_DATABASE_URL's server
// with BENCH_DATABASE=postgres):
//   node -r ./scripts/register.js tests/bench/reports.ts [cases ledgerRows]
import os from 'node:os';
import type { PrismaClient } from '../../prisma/generated/client';
import { REPORTS } from '../../client/console/reports/catalog';
import { tableCsv } from '../../client/console/reports/download';
import type { ReportFilters } from '../../client/console/reports/filters';
import { seedReportVolume } from '../support/report-seed';

export interface ReportTiming {
  name: string;
  p50Ms: number;
  p95Ms: number;
  rows: number;
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

export async function reportsBench(
  prisma: PrismaClient,
  say: (line: string) => void,
  sizes = { cases: 10_000, ledgerRows: 100_000 },
  reads = 20,
): Promise<{ timings: ReportTiming[]; cases: number; ledgerRows: number; loanChecks: number; load: [number, number] }> {
  const now = new Date();
  say(`reports: writing ${sizes.cases} cases, ${sizes.ledgerRows} ledger rows and ${sizes.cases} loan checks…`);
  await seedReportVolume(prisma, now, { ...sizes, prefix: `bench-report-${Date.now()}-` });
  const cases = await prisma.case.count();
  const ledgerRows = await prisma.licenceLedgerEntry.count();
  const loanChecks = await prisma.loanCheck.count();
  say(`reports: seeded ${cases} cases, ${ledgerRows} ledger rows, ${loanChecks} loan checks`);
  const loadBefore = os.loadavg()[0];
  const filterSets: ReportFilters[] = [
    {},
    { from: new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10), jurisdiction: '合肥' },
  ];
  const timings: ReportTiming[] = [];
  for (const report of REPORTS) {
    const ms: number[] = [];
    let rows = 0;
    for (let i = 0; i < reads; i++) {
      const filters = filterSets[i % filterSets.length];
      const start = performance.now();
      const tables = await report.load({ prisma, filters, caller: { id: 'bench', role: 'tto', scope: null }, now });
      for (const table of tables) tableCsv('zh', table);
      ms.push(performance.now() - start);
      rows = Math.max(
        rows,
        tables.reduce((n, t) => n + t.rows.length, 0),
      );
    }
    timings.push({ name: report.name, p50Ms: quantile(ms, 0.5), p95Ms: quantile(ms, 0.95), rows });
    say(`reports: ${report.name} p95 ${quantile(ms, 0.95).toFixed(1)} ms`);
  }
  return { timings, cases, ledgerRows, loanChecks, load: [loadBefore, os.loadavg()[0]] };
}

export function formatReportTimings(kind: string, r: Awaited<ReturnType<typeof reportsBench>>): string {
  return [
    ...r.timings.map(
      (t) =>
        `report ${t.name.padEnd(12)} (${kind})  p50 ${t.p50Ms.toFixed(1).padStart(6)} ms  p95 ${t.p95Ms.toFixed(1).padStart(6)} ms  (data + CSV, ${t.rows} rows; ${r.cases} cases, ${r.ledgerRows} ledger rows)`,
    ),
    `reports seeded (${kind})           ${r.cases} cases, ${r.ledgerRows} ledger rows, ${r.loanChecks} loan checks; load average ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} on ${os.cpus().length} cores`,
  ].join('\n');
}

if (require.main === module) {
  void (async () => {
    const { openTestDatabase } = await import('../support/test-db');
    const db = await openTestDatabase(process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'pglite');
    try {
      const [cases = 10_000, ledgerRows = 100_000] = process.argv.slice(2).map(Number);
      const result = await reportsBench(db.prisma, (line) => process.stderr.write(`bench: ${line}\n`), {
        cases,
        ledgerRows,
      });
      console.log(formatReportTimings(db.kind, result));
    } finally {
      await db.destroy();
    }
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
