// The audit log's hash chain on both databases: intact after real appends (with a retry), and
// each kind of tampering — an edited payload, an edited field, a removed entry — named at the
// first broken link.
import { appendAuditEvent } from '../../activities/audit-log';
import { verifyAuditChain } from '../../activities/audit-chain';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/test-db';

describe.each(['pglite', 'postgres'] as DatabaseKind[])('on %s', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
    for (let i = 1; i <= 5; i++) {
      const event = {
        eventKey: `case-1#${i}`,
        caseId: 'case-1',
        caseKind: 'test',
        action: `step-${i}`,
        actor: { id: 'u', role: 'tto' },
        at: `2026-01-0${i}T00:00:00.000Z`,
        payload: { i },
      };
      await db.prisma.$transaction((tx) => appendAuditEvent(tx, event));
      if (i === 3) await db.prisma.$transaction((tx) => appendAuditEvent(tx, event)); // a retried activity
    }
  });
  afterEach(async () => {
    await db.destroy();
  });

  test('real appends form an intact chain, and a retry adds nothing', async () => {
    expect(await verifyAuditChain(db.prisma)).toEqual({ verified: true, entries: 5, unchained: 0, firstBroken: null });
  });

  const tamper = async (sql: string) => {
    // What an attacker with database rights would do: switch the append-only trigger off first.
    await db.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"');
    await db.prisma.$executeRawUnsafe(sql);
  };

  test('an edited payload is found', async () => {
    await tamper(`UPDATE "AuditEvent" SET payload = '{"i": 99}' WHERE "eventKey" = 'case-1#3'`);
    expect((await verifyAuditChain(db.prisma)).firstBroken).toMatchObject({
      eventKey: 'case-1#3',
      reason: expect.stringMatching(/^payload edited/),
    });
  });

  test('an edited actor is found', async () => {
    await tamper(`UPDATE "AuditEvent" SET "actorId" = 'someone-else' WHERE "eventKey" = 'case-1#2'`);
    expect((await verifyAuditChain(db.prisma)).firstBroken).toMatchObject({
      eventKey: 'case-1#2',
      reason: expect.stringMatching(/^entry edited/),
    });
  });

  test('a removed entry is found at the next one', async () => {
    await tamper(`DELETE FROM "AuditEvent" WHERE "eventKey" = 'case-1#4'`);
    expect((await verifyAuditChain(db.prisma)).firstBroken).toMatchObject({
      eventKey: 'case-1#5',
      reason: expect.stringMatching(/^link broken/),
    });
  });

  test('without tampering, the trigger refuses edits outright', async () => {
    await expect(db.prisma.auditEvent.updateMany({ data: { actorId: 'x' } })).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only: DELETE refused/);
    expect((await verifyAuditChain(db.prisma)).verified).toBe(true);
  });
});
