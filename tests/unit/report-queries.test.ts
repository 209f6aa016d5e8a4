// The reports' SQL on both databases the product runs on: the same seeded portfolio gives the
// same tables on PGlite and on PostgreSQL (collation aside: rows are compared as sets), and a few
// figures spelled out, so neither database can drift into summing or grouping differently.
import { REPORTS } from '../../client/console/reports/catalog';
import type { ReportFilters } from '../../client/console/reports/filters';
import type { Cell } from '../../client/console/reports/table';
import { seedReportData } from '../support/report-seed';
import { openTestDatabase, type DatabaseKind } from '../support/test-db';

const NOW = new Date('2026-03-02T04:00:00Z');
const FILTERS: ReportFilters[] = [
  {},
  { from: '2025-01-01', to: '2025-12-31' },
  { jurisdiction: '合肥' },
  { unit: '重庆大学' },
];

type Figures = Record<string, string[]>;

async function figures(kind: DatabaseKind): Promise<Figures> {
  const db = await openTestDatabase(kind);
  try {
    await seedReportData(db.prisma, NOW, ['bank-a', 'bank-b']);
    const out: Figures = {};
    for (const report of REPORTS)
      for (const [i, filters] of FILTERS.entries()) {
        const tables = await report.load({
          prisma: db.prisma,
          filters,
          caller: { id: 't', role: 'tto', scope: null },
          now: NOW,
        });
        for (const t of tables)
          out[`${report.name}/${t.id}/${i}`] = t.rows.map((r: Cell[]) => r.map(String).join('|')).sort();
      }
    const bank = await REPORTS.find((r) => r.name === 'loan-checks')!.load({
      prisma: db.prisma,
      filters: {},
      caller: { id: 'b', role: 'bank', scope: { bankIds: ['bank-b'] } },
      now: NOW,
    });
    out['bank-b'] = bank[0].rows.map((r) => r.map(String).join('|')).sort();
    // Not sorted here: the report's own order, stages as the process runs through them.
    const grants = await REPORTS.find((r) => r.name === 'grants')!.load({
      prisma: db.prisma,
      filters: {},
      caller: { id: 't', role: 'tto', scope: null },
      now: NOW,
    });
    out['grants-in-order'] = grants[0].rows.map((r) => String(r[0]));
    return out;
  } finally {
    await db.destroy();
  }
}

test('PGlite and PostgreSQL give the same figures, to the fen', async () => {
  const pglite = await figures('pglite');
  const postgres = await figures('postgres');
  expect(postgres).toEqual(pglite);
  // Spelled out: fen, not yuan; grace-period dues count as due now; a bank sees its own checks only.
  expect(pglite['payments/per-licensee/0']).toContain('ORG-1|两江传感|12345678|32345678|32345777|48888888');
  expect(pglite['payments/per-licensee/0']).toContain(
    'Shenzhen Optics Ltd.|Shenzhen Optics Ltd.|3000400|3000400|3000400|0',
  );
  expect(pglite['received/by-year/1']).toEqual(['2025|11234567|0|11234567']);
  expect(pglite['bank-b']).toEqual(['approved|1', 'rejected|1']);
  // In process order, not by code (closed < collective-decision < department-review…).
  expect(pglite['grants-in-order']).toEqual([
    'department-review',
    'office-review',
    'publicity',
    'collective-decision',
    'closed',
  ]);
}, 180_000);
