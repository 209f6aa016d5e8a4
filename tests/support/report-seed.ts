// Case, ledger and loan-check rows for the reports' tests and benchmark, written straight to the
// database in the shapes the workflows' activities write them (activities/case-snapshot.ts,
// deferred-licence-activities.ts, ma-loan-activities.ts): the reports read rows, so rows are what
// they are tested on. Amounts are whole fen written as exact decimals.
import type { PrismaClient, Prisma } from '../../prisma/generated/client';

const DAY = 86_400_000;

/** YYYY-MM-DD of `now` + `days` (UTC day; the reports' today is China's, 8 hours ahead). */
export function dayFrom(now: Date, days: number): string {
  return new Date(now.getTime() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

interface CaseSeed {
  id: string;
  kind: string;
  stage: string;
  pendingRoles?: string[];
  dueAt?: Date | null;
  escalated?: boolean;
  jurisdiction?: string | null;
  input?: Prisma.InputJsonValue;
  view?: Prisma.InputJsonValue;
  createdAt: Date;
}

function caseRow(s: CaseSeed): Prisma.CaseCreateManyInput {
  return {
    id: s.id,
    kind: s.kind,
    workflowId: `${s.kind}/${s.id}`,
    stage: s.stage,
    pendingRoles: s.pendingRoles ?? [],
    dueAt: s.dueAt ?? null,
    escalated: s.escalated ?? false,
    jurisdiction: s.jurisdiction ?? null,
    policyId: `seed-${s.kind}`,
    policyVersion: '1',
    policyHash: 'seed',
    eligibility: 'eligible',
    requestHash: `seed-${s.id}`,
    input: s.input ?? {},
    view: s.view ?? {},
    openedBy: 'tto-1',
    version: 1,
    createdAt: s.createdAt,
    updatedAt: s.createdAt,
  };
}

interface ItemSeed {
  dueInDays: number;
  fen: number | null;
  paidFen?: number;
  status: 'scheduled' | 'due' | 'overdue' | 'paid' | 'defaulted' | 'cancelled';
}

function licenceView(now: Date, items: ItemSeed[], overdueFen: number): Prisma.InputJsonValue {
  return {
    kind: 'deferred-licence',
    schedule: items.map((it, i) => ({
      no: i + 1,
      kind: 'instalment',
      dueOn: dayFrom(now, it.dueInDays),
      periodFrom: null,
      periodTo: null,
      revenueCny: null,
      amountCny: it.fen === null ? null : yuan(it.fen),
      posted: it.status !== 'scheduled',
      paidCny: yuan(it.paidFen ?? 0),
      status: it.status,
      settledOn: null,
      reminded: [],
    })),
    ledger: { dueCny: '0.00', paidCny: '0.00', overdueCny: yuan(overdueFen), balanceCny: '0.00' },
  };
}

/**
 * A small portfolio around `now`: grants in two cities and two units at several stages (some
 * overdue, some claimed), three licences with schedules and ledgers, reviews with determinations,
 * and loan checks of two banks.
 */
export async function seedReportData(prisma: PrismaClient, now: Date, bankIds: [string, string]): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const unitA = { unit: { name: '合肥工业大学' } };
  const unitB = { unit: { name: '重庆大学' } };
  const cases: CaseSeed[] = [
    {
      id: 'rg-1',
      kind: 'rights-grant',
      stage: 'department-review',
      pendingRoles: ['department', 'admin'],
      dueAt: ago(3),
      jurisdiction: '合肥',
      input: unitA,
      createdAt: ago(40),
    },
    {
      id: 'rg-2',
      kind: 'rights-grant',
      stage: 'office-review',
      pendingRoles: ['tto', 'admin'],
      dueAt: ago(1),
      jurisdiction: '合肥',
      input: unitA,
      createdAt: ago(35),
    },
    {
      id: 'rg-3',
      kind: 'rights-grant',
      stage: 'office-review',
      pendingRoles: ['tto', 'admin'],
      dueAt: new Date(now.getTime() + 5 * DAY),
      jurisdiction: '重庆',
      input: unitB,
      createdAt: ago(20),
    },
    {
      id: 'rg-4',
      kind: 'rights-grant',
      stage: 'publicity',
      pendingRoles: ['tto', 'department', 'admin'],
      dueAt: new Date(now.getTime() + 9 * DAY),
      jurisdiction: '重庆',
      input: unitB,
      createdAt: ago(400),
    },
    {
      id: 'rg-5',
      kind: 'rights-grant',
      stage: 'collective-decision',
      pendingRoles: ['committee', 'admin'],
      escalated: true,
      jurisdiction: '合肥',
      input: unitA,
      createdAt: ago(90),
    },
    { id: 'rg-6', kind: 'rights-grant', stage: 'closed', jurisdiction: '合肥', input: unitA, createdAt: ago(500) },
    { id: 'rg-7', kind: 'rights-grant', stage: 'closed', jurisdiction: null, input: unitB, createdAt: ago(10) },
    {
      id: 'lic-1',
      kind: 'deferred-licence',
      stage: 'paying',
      input: { licensee: { id: 'ORG-1', name: '两江传感' }, ...{ reward: unitA } },
      view: licenceView(
        now,
        [
          { dueInDays: -20, fen: 500_000_00, paidFen: 100_000_00, status: 'overdue' },
          { dueInDays: 10, fen: 123_456_78, status: 'scheduled' },
          { dueInDays: 45, fen: 200_000_01, paidFen: 1, status: 'due' },
          { dueInDays: 80, fen: 99, status: 'scheduled' },
          { dueInDays: 120, fen: 777_00, status: 'scheduled' },
        ],
        400_000_00,
      ),
      createdAt: ago(300),
    },
    {
      id: 'lic-2',
      kind: 'deferred-licence',
      stage: 'paying',
      input: { licensee: { name: 'Shenzhen Optics Ltd.' } },
      view: licenceView(
        now,
        [
          { dueInDays: -30, fen: 10_00, status: 'paid', paidFen: 10_00 },
          // Fell due three days ago, still within grace: payable now.
          { dueInDays: -3, fen: 5_00, paidFen: 1_00, status: 'due' },
          { dueInDays: 29, fen: 30_000_00, status: 'scheduled' },
          { dueInDays: 61, fen: null, status: 'scheduled' },
        ],
        0,
      ),
      createdAt: ago(200),
    },
    {
      id: 'lic-3',
      kind: 'deferred-licence',
      stage: 'default',
      input: { licensee: { id: 'ORG-1', name: '两江传感' } },
      view: licenceView(now, [{ dueInDays: -100, fen: 88_888_88, status: 'defaulted' }], 88_888_88),
      createdAt: ago(250),
    },
    {
      id: 'rev-1',
      kind: 'diligence-exemption',
      stage: 'closed',
      jurisdiction: '合肥',
      view: {
        determination: {
          outcomes: [
            { person: 'A', outcome: 'exempt' },
            { person: 'B', outcome: 'partly' },
          ],
        },
      },
      createdAt: ago(60),
    },
    {
      id: 'rev-2',
      kind: 'diligence-exemption',
      stage: 'corrective-actions',
      jurisdiction: '合肥',
      view: { determination: { outcomes: [{ person: 'C', outcome: 'exempt' }] } },
      createdAt: ago(30),
    },
    {
      id: 'rev-3',
      kind: 'diligence-exemption',
      stage: 'evidence-review',
      pendingRoles: ['reviewer'],
      dueAt: ago(2),
      view: { determination: null },
      createdAt: ago(15),
    },
    { id: 'rev-4', kind: 'diligence-exemption', stage: 'declined', view: { determination: null }, createdAt: ago(12) },
  ];
  await prisma.case.createMany({ data: cases.map(caseRow) });
  await prisma.stepClaim.createMany({
    data: [
      { caseId: 'rg-2', stage: 'office-review', holderId: 'tto-1', holderRole: 'tto' },
      { caseId: 'rg-5', stage: 'collective-decision', holderId: 'committee-1', holderRole: 'committee' },
      // A stale claim (the case has left that stage) counts for nobody.
      { caseId: 'rg-1', stage: 'office-review', holderId: 'tto-1', holderRole: 'tto' },
    ],
  });
  const entries: Array<[string, string, number, string]> = [
    ['lic-1', 'payment', 100_000_00, '2025-11-03'],
    ['lic-1', 'payment', 12_345_67, '2025-11-28'],
    ['lic-1', 'due', 500_000_00, '2025-11-01'],
    ['lic-2', 'payment', 10_00, '2026-01-15'],
    ['lic-3', 'guarantee-claim', 44_444_44, '2026-01-20'],
    ['lic-2', 'payment', 1, '2026-02-01'],
    ['lic-1', 'payment', 999_999_99, '2024-12-31'],
  ];
  await prisma.licenceLedgerEntry.createMany({
    data: entries.map(([caseId, kind, fen, on], i) => ({
      entryKey: `seed-${i}`,
      caseId,
      kind,
      amountCny: yuan(fen),
      on,
      actorId: 'seed',
      reference: kind === 'payment' ? `REF-${i}` : null,
    })),
  });
  const checks: Array<[string, string, string, string, number]> = [
    [bankIds[0], 'approved', 'cn-ma-loan-2025', '上海', 5],
    [bankIds[0], 'approved', 'cn-ma-loan-2025', '上海', 50],
    [bankIds[0], 'rejected', 'cn-ma-loan-2015', '合肥', 8],
    [bankIds[1], 'approved', 'cn-ma-loan-2025', '北京', 3],
    [bankIds[1], 'rejected', 'cn-ma-loan-2025', '上海', 1],
  ];
  await prisma.loanCheck.createMany({
    data: checks.map(([bankId, decision, policyId, jurisdiction, days], i) => ({
      id: `${bankId}:seed-${i}`,
      workflowId: `ma-loan/${bankId}/seed-${i}`,
      bankId,
      requestId: `seed-${i}`,
      requestHash: 'seed',
      asOf: dayFrom(now, -days),
      policyId,
      policyVersion: '1',
      policyHash: 'seed',
      decision,
      jurisdiction,
      request: {},
      result: {},
      submittedBy: 'seed',
      createdAt: ago(days),
    })),
  });
}

/**
 * A large portfolio for the benchmark: `cases` case rows (grants, licences with twelve-item
 * schedules, reviews, in a dozen cities and units over three years), `ledgerRows` licence ledger
 * rows and `cases` loan checks, written in batches.
 */
export async function seedReportVolume(
  prisma: PrismaClient,
  now: Date,
  { cases, ledgerRows, prefix = 'vol-' }: { cases: number; ledgerRows: number; prefix?: string },
): Promise<void> {
  const cities = ['合肥', '重庆', '上海', '北京', '深圳', '杭州', '武汉', '成都', '西安', '南京', '苏州', '天津'];
  const units = cities.map((c) => ({ unit: { name: `${c}大学` } }));
  const grantStages = [
    'department-review',
    'office-review',
    'publicity',
    'collective-decision',
    'agreement',
    'watch',
    'closed',
  ];
  const reviewStages = ['acceptance', 'evidence-review', 'determination', 'result', 'closed', 'declined'];
  const outcomes = ['exempt', 'partly', 'not'];
  const licences: string[] = [];
  const batch: Prisma.CaseCreateManyInput[] = [];
  const flush = async () => {
    if (batch.length) await prisma.case.createMany({ data: batch.splice(0) });
  };
  for (let i = 0; i < cases; i++) {
    const id = `${prefix}${i}`;
    const createdAt = new Date(now.getTime() - (i % 1000) * DAY);
    const k = i % 10;
    const open = i % 3 !== 0;
    const base = {
      id,
      createdAt,
      jurisdiction: cities[i % cities.length],
      pendingRoles: open ? ['tto', 'admin'] : [],
      dueAt: open ? new Date(now.getTime() + ((i % 60) - 30) * DAY) : null,
      escalated: open && i % 17 === 0,
    };
    if (k < 4)
      batch.push(
        caseRow({
          ...base,
          kind: 'rights-grant',
          stage: grantStages[i % grantStages.length],
          input: units[i % units.length],
        }),
      );
    else if (k < 7) {
      licences.push(id);
      const items: ItemSeed[] = Array.from({ length: 12 }, (_, n) => ({
        dueInDays: (n - 4) * 30 + (i % 30),
        fen: 1_000_00 + ((i * 7 + n) % 100_000),
        status: n < 3 ? 'paid' : n === 3 ? 'overdue' : 'scheduled',
        paidFen: n < 3 ? 1_000_00 + ((i * 7 + n) % 100_000) : 0,
      }));
      batch.push(
        caseRow({
          ...base,
          kind: 'deferred-licence',
          stage: 'paying',
          input: { licensee: { id: `ORG-${i % 500}`, name: `企业${i % 500}` }, reward: units[i % units.length] },
          view: licenceView(now, items, items[3].fen!),
        }),
      );
    } else
      batch.push(
        caseRow({
          ...base,
          kind: 'diligence-exemption',
          stage: reviewStages[i % reviewStages.length],
          view: { determination: i % 2 ? { outcomes: [{ person: 'P', outcome: outcomes[i % 3] }] } : null },
        }),
      );
    if (batch.length === 1000) await flush();
  }
  await flush();
  const entries: Prisma.LicenceLedgerEntryCreateManyInput[] = [];
  for (let i = 0; i < ledgerRows; i++) {
    entries.push({
      entryKey: `${prefix}e${i}`,
      caseId: licences[i % licences.length],
      kind: i % 3 === 0 ? 'due' : i % 11 === 0 ? 'guarantee-claim' : 'payment',
      amountCny: yuan(1_00 + (i % 1_000_000)),
      on: dayFrom(now, -(i % 1100)),
      actorId: 'bench',
    });
    if (entries.length === 5000) await prisma.licenceLedgerEntry.createMany({ data: entries.splice(0) });
  }
  if (entries.length) await prisma.licenceLedgerEntry.createMany({ data: entries.splice(0) });
  const checks: Prisma.LoanCheckCreateManyInput[] = [];
  for (let i = 0; i < cases; i++) {
    checks.push({
      id: `${prefix}l${i}`,
      workflowId: `ma-loan/${prefix}l${i}`,
      bankId: `bank-${i % 20}`,
      requestId: `${prefix}l${i}`,
      requestHash: 'bench',
      asOf: dayFrom(now, -(i % 1000)),
      policyId: i % 4 ? 'cn-ma-loan-2025' : 'cn-ma-loan-2015',
      policyVersion: '1',
      policyHash: 'bench',
      decision: i % 5 ? 'approved' : 'rejected',
      jurisdiction: cities[i % cities.length],
      request: {},
      result: {},
      submittedBy: 'bench',
      createdAt: new Date(now.getTime() - (i % 1000) * DAY),
    });
    if (checks.length === 2000) await prisma.loanCheck.createMany({ data: checks.splice(0) });
  }
  if (checks.length) await prisma.loanCheck.createMany({ data: checks.splice(0) });
}
