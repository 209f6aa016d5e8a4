// The console's inbox and step claims on both databases: what each role and scope sees, the order
// (escalated, then soonest due), the filters and pages; claim, a second person refused with the
// holder's name, release, bulk claim, and each claim and release on the case's audit log.
import type { Caller } from '../../client/api/auth';
import { inboxQuerySchema, readInbox } from '../../client/console/inbox';
import { claimStep, claimSteps, releaseStep } from '../../client/console/step-claims';
import { CaseConflictError } from '../../client/case-conflict';
import { HttpError } from '../../client/api/http-error';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/test-db';
import { busyOffice, insertCaseRows } from '../support/case-rows';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

const tto: Caller = { id: 'tto-1', role: 'tto', scope: null };
const tto2: Caller = { id: 'tto-2', role: 'tto', scope: null };
const department: Caller = { id: 'dept-1', role: 'department', scope: null };
const committee: Caller = { id: 'com-1', role: 'committee', scope: null };
const licensee: Caller = { id: 'lic-1', role: 'licensee', scope: { licenseeId: 'Acme Sensors' } };
const bank: Caller = { id: 'bank-1', role: 'bank', scope: { bankIds: ['icbc'] } };
const admin: Caller = { id: 'admin-1', role: 'admin', scope: null };

const q = (query: Record<string, string> = {}) => inboxQuerySchema.parse(query);

describe.each(['pglite', 'postgres'] as DatabaseKind[])('on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await insertCaseRows(
      db.prisma,
      [
        { id: 'rg-late', kind: 'rights-grant', stage: 'office-review', pendingRoles: ['tto'], dueAt: at(-2) },
        { id: 'rg-soon', kind: 'rights-grant', stage: 'office-review', pendingRoles: ['tto'], dueAt: at(3) },
        { id: 'rg-dept', kind: 'rights-grant', stage: 'department-review', pendingRoles: ['department'], dueAt: at(5) },
        {
          id: 'rg-escalated',
          kind: 'rights-grant',
          stage: 'department-review',
          pendingRoles: ['department', 'tto'],
          dueAt: null,
          escalated: true,
        },
        {
          id: 'lic-acme',
          kind: 'deferred-licence',
          stage: 'contract',
          pendingRoles: ['tto', 'licensee'],
          dueAt: at(9),
          licenseeId: 'Acme Sensors',
        },
        {
          id: 'lic-other',
          kind: 'deferred-licence',
          stage: 'contract',
          pendingRoles: ['tto', 'licensee'],
          dueAt: at(1),
          licenseeId: 'Other Ltd',
        },
        {
          id: 'lic-paying',
          kind: 'deferred-licence',
          stage: 'paying',
          pendingRoles: [],
          dueAt: null,
          licenseeId: 'Acme Sensors',
        },
        {
          id: 'rv-det',
          kind: 'diligence-exemption',
          stage: 'determination',
          pendingRoles: ['committee'],
          dueAt: at(4),
        },
        { id: 'rg-closed', kind: 'rights-grant', stage: 'closed', pendingRoles: ['tto'], dueAt: at(-30) },
      ],
      NOW,
    );
  });
  afterAll(() => db?.destroy());

  test('each role sees the open steps waiting for it: escalated first, then soonest due; final stages never', async () => {
    const inbox = await readInbox(db.prisma, tto, q(), NOW);
    expect(inbox.items.map((i) => i.caseId)).toEqual(['rg-escalated', 'rg-late', 'lic-other', 'rg-soon', 'lic-acme']);
    expect(inbox.total).toBe(5);
    expect(inbox.items[0]).toMatchObject({ escalated: true, overdue: true, dueAt: null });
    expect(inbox.items[1]).toMatchObject({ escalated: false, overdue: true, title: 'Patent rg-late' });
    expect(inbox.items[2]).toMatchObject({ overdue: false, title: 'licence to Other Ltd' });
    expect((await readInbox(db.prisma, department, q(), NOW)).items.map((i) => i.caseId)).toEqual([
      'rg-escalated',
      'rg-dept',
    ]);
    expect((await readInbox(db.prisma, committee, q(), NOW)).items.map((i) => i.caseId)).toEqual(['rv-det']);
  });

  test('scope: a licensee sees its own licences only; a bank has no case steps; admin oversees all', async () => {
    expect((await readInbox(db.prisma, licensee, q(), NOW)).items.map((i) => i.caseId)).toEqual(['lic-acme']);
    expect((await readInbox(db.prisma, bank, q(), NOW)).total).toBe(0);
    expect((await readInbox(db.prisma, admin, q(), NOW)).total).toBe(7);
  });

  test('filters: kind, stage, overdue; pages', async () => {
    const ids = async (query: Record<string, string>) =>
      (await readInbox(db.prisma, tto, q(query), NOW)).items.map((i) => i.caseId);
    expect(await ids({ kind: 'deferred-licence' })).toEqual(['lic-other', 'lic-acme']);
    expect(await ids({ stage: 'office-review' })).toEqual(['rg-late', 'rg-soon']);
    expect(await ids({ overdue: 'on' })).toEqual(['rg-escalated', 'rg-late']);
    expect(await ids({ kind: '', stage: '' })).toHaveLength(5);
    const page2 = await readInbox(db.prisma, tto, q({ pageSize: '5', page: '2' }), NOW);
    expect(page2).toMatchObject({ total: 5, pages: 1, page: 2, items: [] });
    expect(() => q({ kind: 'ma-loan' })).toThrow();
    expect(() => q({ sort: 'x' })).toThrow();
  });

  test('claim, a second officer refused with the holder named, "assigned to me", release, all on the audit log', async () => {
    expect(await claimStep(db.prisma, tto, 'rg-late', NOW)).toBe('claimed');
    expect(await claimStep(db.prisma, tto, 'rg-late', NOW)).toBe('held');
    const refused = await claimStep(db.prisma, tto2, 'rg-late', NOW).catch((e) => e);
    expect(refused).toBeInstanceOf(CaseConflictError);
    expect(refused).toMatchObject({ code: 'claimed', message: expect.stringContaining('claimed by tto-1 (tto)') });
    await expect(releaseStep(db.prisma, tto2, 'rg-late', NOW)).rejects.toMatchObject({ code: 'claimed' });

    const mine = await readInbox(db.prisma, tto, q({ mine: 'on' }), NOW);
    expect(mine.items.map((i) => i.caseId)).toEqual(['rg-late']);
    expect(mine.items[0].claim).toMatchObject({ holderId: 'tto-1', holderRole: 'tto' });
    expect((await readInbox(db.prisma, tto2, q({ mine: 'on' }), NOW)).total).toBe(0);
    const all = await readInbox(db.prisma, tto2, q(), NOW);
    expect(all.items.find((i) => i.caseId === 'rg-late')?.claim?.holderId).toBe('tto-1');

    await releaseStep(db.prisma, tto, 'rg-late', at(1));
    expect((await readInbox(db.prisma, tto, q({ mine: 'on' }), NOW)).total).toBe(0);
    await expect(releaseStep(db.prisma, tto, 'rg-late', at(1))).rejects.toMatchObject({ code: 'invalid-state' });
    expect(await claimStep(db.prisma, tto2, 'rg-late', at(2))).toBe('claimed');

    const log = await db.prisma.auditEvent.findMany({
      where: { caseId: 'rights-grant/rg-late' },
      orderBy: { seq: 'asc' },
    });
    expect(log.map((e) => [e.action, e.actorId, e.actorRole])).toEqual([
      ['rights-grant.step-claimed', 'tto-1', 'tto'],
      ['rights-grant.step-released', 'tto-1', 'tto'],
      ['rights-grant.step-claimed', 'tto-2', 'tto'],
    ]);
    await releaseStep(db.prisma, admin, 'rg-late', at(3)); // an admin frees a colleague's step
    expect(await db.prisma.stepClaim.count({ where: { caseId: 'rg-late' } })).toBe(0);
  });

  test('who may claim: the roles of the step, in scope; nothing on a step that is not open', async () => {
    await expect(claimStep(db.prisma, department, 'rg-soon', NOW)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(claimStep(db.prisma, licensee, 'lic-other', NOW)).rejects.toBeInstanceOf(HttpError);
    await expect(claimStep(db.prisma, tto, 'lic-paying', NOW)).rejects.toMatchObject({ code: 'invalid-state' });
    await expect(claimStep(db.prisma, tto, 'no-such-case', NOW)).rejects.toMatchObject({ statusCode: 404 });
    expect(await db.prisma.stepClaim.count({ where: { caseId: { in: ['rg-soon', 'lic-other', 'lic-paying'] } } })).toBe(
      0,
    );
  });

  test('bulk claim: each step on its own, one held by someone else does not stop the rest', async () => {
    await claimStep(db.prisma, tto2, 'lic-acme', NOW);
    const results = await claimSteps(db.prisma, tto, ['rg-soon', 'lic-acme', 'lic-other', 'rg-soon'], NOW);
    expect(results).toEqual([
      { caseId: 'rg-soon', outcome: 'claimed' },
      { caseId: 'lic-acme', outcome: 'refused', message: expect.stringContaining('tto-2') },
      { caseId: 'lic-other', outcome: 'claimed' },
    ]);
  });

  test('10 000 open cases: the inbox reads a page and its count from the indexes', async () => {
    await insertCaseRows(db.prisma, busyOffice(10_000, NOW), NOW);
    const inbox = await readInbox(db.prisma, committee, q({ pageSize: '50' }), NOW);
    expect(inbox.items).toHaveLength(50);
    expect(inbox.total).toBeGreaterThan(2_800);
    // Escalated first, then by due date.
    const due = inbox.items.filter((i) => !i.escalated).map((i) => i.dueAt!);
    expect(due).toEqual([...due].sort());
  });
});
