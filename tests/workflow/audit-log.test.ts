// The audit log as a transparency log, on both databases: real appends (concurrent, with a
// retry), real sequencing rounds and real Ed25519 heads; then what someone with full database
// rights (triggers switched off, every stored hash recomputed) can do, and how each is found —
// by the signed heads in the database, and by the heads an auditor kept.
import { generateKeyPairSync } from 'node:crypto';
import { appendAuditEvent, type AuditEventInput } from '../../activities/audit-log';
import { AuditSequencer } from '../../activities/audit-sequencer';
import { AuditSigner, type SignedTreeHead } from '../../activities/audit-signing';
import { verifyAuditLog } from '../../activities/audit-verify';
import { entryLeafHash } from '../../activities/audit-leaf';
import { rootHash } from '../../activities/merkle';
import { contentHash } from '../../policies/canonical-json';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../support/test-db';

const newSigner = () => new AuditSigner(generateKeyPairSync('ed25519').privateKey);

const event = (i: number): AuditEventInput => ({
  eventKey: `case-1#${i}`,
  caseId: 'case-1',
  caseKind: 'test',
  action: `step-${i}`,
  actor: { id: 'u', role: 'tto' },
  at: `2026-01-${String(i).padStart(2, '0')}T00:00:00.000Z`,
  payload: { i },
});

describe.each(['pglite', 'postgres'] as DatabaseKind[])('on %s', (kind) => {
  let db: TestDatabase;
  let signer: AuditSigner;
  let kept: SignedTreeHead[];
  const append = (i: number) => db.prisma.$transaction((tx) => appendAuditEvent(tx, event(i)));

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    signer = newSigner();
    const sequencer = new AuditSequencer(db.prisma, signer);
    for (let i = 1; i <= 5; i++) {
      await append(i);
      if (i === 3) await append(3); // a retried activity
    }
    await sequencer.sequence();
    // Appended concurrently (no lock between them), the same event twice among them.
    await Promise.all([6, 7, 8, 9, 9].map(append));
    await sequencer.sequence();
    // What an auditor keeps (`transferflow audit heads --export`).
    kept = (await db.prisma.auditTreeHead.findMany({ orderBy: { treeSize: 'asc' } })).map((h) => ({
      ...h,
      treeSize: Number(h.treeSize),
      timestamp: h.timestamp.toISOString(),
    }));
  });
  afterEach(async () => {
    await db.destroy();
  });

  const verify = (opts: { kept?: SignedTreeHead[]; signer?: AuditSigner } = {}) =>
    verifyAuditLog(db.prisma, { publicKey: (opts.signer ?? signer).publicKey, kept: opts.kept });
  const kinds = async (opts: Parameters<typeof verify>[0] = {}) => (await verify(opts)).problems.map((p) => p.kind);

  const tamper = async (...sql: string[]) => {
    // What an attacker with database rights would do: switch the append-only triggers off first.
    await db.prisma.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"');
    await db.prisma.$executeRawUnsafe('ALTER TABLE "AuditLeaf" DISABLE TRIGGER "AuditLeaf_append_only"');
    await db.prisma.$executeRawUnsafe('ALTER TABLE "AuditTreeHead" DISABLE TRIGGER "AuditTreeHead_append_only"');
    for (const s of sql) await db.prisma.$executeRawUnsafe(s);
  };

  /** The attacker's own recomputation: every leaf hash again from the (edited) entries, in the order given. */
  const recomputeLeaves = async (order: 'seq' | { insertAt: number; seq: bigint }) => {
    const events = await db.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    let ordered = events;
    if (order !== 'seq') {
      const forged = events.find((e) => e.seq === order.seq)!;
      ordered = events.filter((e) => e.seq !== order.seq);
      ordered.splice(order.insertAt, 0, forged);
    }
    await tamper('DELETE FROM "AuditLeaf"');
    await db.prisma.auditLeaf.createMany({
      data: ordered.map((e, i) => ({
        leafIndex: BigInt(i),
        eventSeq: e.seq,
        leafHash: entryLeafHash(e).toString('hex'),
      })),
    });
    return ordered.map((e) => entryLeafHash(e));
  };

  test('concurrent appends and a retry: every entry sequenced once, every head signed and consistent', async () => {
    const report = await verify({ kept });
    expect(report).toMatchObject({ verified: true, entries: 9, sequenced: 9, pending: 0, heads: 2, keptHeads: 2 });
    expect(report.latestHead).toMatchObject({ treeSize: 9, keyId: signer.keyId });
    expect(kept.map((h) => h.treeSize)).toEqual([5, 9]);
    // A new entry waits for the next round, and is then covered.
    await append(10);
    expect(await verify()).toMatchObject({ verified: true, pending: 1, sequenced: 9 });
    await new AuditSequencer(db.prisma, signer).sequence();
    expect(await verify({ kept })).toMatchObject({ verified: true, pending: 0, sequenced: 10, heads: 3 });
  });

  test('a quick round looks among the newest entries only; a full sweep catches a straggler far below', async () => {
    // An entry whose transaction committed very late: its seq is far below the highest sequenced
    // one (further than the quick round's margin), as no real append gets — the full sweep's case.
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" ("seq", "eventKey", "caseId", "caseKind", "action", "actorId", "actorRole", "at", "payloadHash", "payload")
       VALUES (-20000, 'late#1', 'case-2', 'test', 'late', 'u', 'tto', '2026-02-01T00:00:00', '${contentHash({ late: 1 })}', '{"late":1}')`,
    );
    await append(10);
    const sequencer = new AuditSequencer(db.prisma, signer);
    await sequencer.sequence({ quick: true });
    expect(await verify()).toMatchObject({ verified: true, sequenced: 10, pending: 1 });
    await sequencer.sequence();
    expect(await verify({ kept })).toMatchObject({ verified: true, sequenced: 11, pending: 0 });
  });

  test('an edited entry with every hash recomputed is found: the signed roots no longer match', async () => {
    const newPayload = { i: 99 };
    await tamper(
      `UPDATE "AuditEvent" SET "actorId" = 'someone-else', payload = '${JSON.stringify(newPayload)}', "payloadHash" = '${contentHash(newPayload)}' WHERE "eventKey" = 'case-1#3'`,
    );
    await recomputeLeaves('seq');
    const report = await verify({ kept });
    expect(report.verified).toBe(false);
    // Entry and leaf agree now; only the signatures over the old roots give it away — every head from size 3 on.
    expect(report.problems.map((p) => [p.kind, p.treeSize])).toEqual([
      ['rewritten', 5],
      ['rewritten', 5],
      ['rewritten', 9],
      ['rewritten', 9],
    ]);
  });

  test('an edited entry with its heads re-signed by another key is found by the key and by the kept heads', async () => {
    await tamper(`UPDATE "AuditEvent" SET "actorId" = 'someone-else' WHERE "eventKey" = 'case-1#2'`);
    const leaves = await recomputeLeaves('seq');
    const forger = newSigner();
    await tamper('DELETE FROM "AuditTreeHead"');
    const forged = forger.signHead(9, rootHash(leaves).toString('hex'), new Date().toISOString());
    await db.prisma.auditTreeHead.create({
      data: { ...forged, treeSize: 9n, timestamp: new Date(forged.timestamp) },
    });
    expect(await kinds()).toEqual(['bad-signature']);
    expect(await kinds({ kept })).toEqual(['bad-signature', 'rewritten', 'rewritten']);
  });

  test('an entry edited without recomputing is named at its leaf', async () => {
    await tamper(`UPDATE "AuditEvent" SET "actorId" = 'someone-else' WHERE "eventKey" = 'case-1#2'`);
    expect((await verify()).problems[0]).toMatchObject({ kind: 'entry-edited', eventKey: 'case-1#2', leafIndex: 1 });
    await tamper(`UPDATE "AuditEvent" SET payload = '{"i": 7}' WHERE "eventKey" = 'case-1#4'`);
    expect((await verify()).problems[1]).toMatchObject({ kind: 'payload-edited', eventKey: 'case-1#4' });
  });

  test('dropped newest entries are found by a stored head, and — with every trace removed — by the kept heads', async () => {
    await tamper(
      `DELETE FROM "AuditLeaf" WHERE "leafIndex" >= 5`,
      `DELETE FROM "AuditEvent" WHERE seq NOT IN (SELECT "eventSeq" FROM "AuditLeaf")`,
    );
    expect(await kinds()).toEqual(['truncated']);
    await tamper(`DELETE FROM "AuditTreeHead" WHERE "treeSize" > 5`);
    // The database alone is now a consistent log of 5 entries: only what the auditor kept shows the loss.
    expect(await verify()).toMatchObject({ verified: true, entries: 5, sequenced: 5 });
    const report = await verify({ kept });
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'truncated', treeSize: 9, message: expect.stringMatching(/only 5/) }),
    ]);
  });

  test('an inserted entry is found, even with the leaves rebuilt around it', async () => {
    await tamper(
      `INSERT INTO "AuditEvent" ("eventKey", "caseId", "caseKind", action, "actorId", "actorRole", at, "payloadHash", payload)
       VALUES ('case-1#2b', 'case-1', 'test', 'forged', 'u', 'tto', '2026-01-02T12:00:00Z', '${contentHash({ i: 2.5 })}', '{"i": 2.5}')`,
    );
    const forged = (await db.prisma.auditEvent.findUnique({ where: { eventKey: 'case-1#2b' } }))!;
    await recomputeLeaves({ insertAt: 2, seq: forged.seq });
    expect(await kinds({ kept })).toEqual(Array(4).fill('rewritten'));
  });

  test('a forked history: a kept head and the database’s head of the same size, both signed, disagree', async () => {
    const otherView = signer.signHead(5, 'ab'.repeat(32), new Date().toISOString());
    expect(await verify({ kept: [otherView] })).toMatchObject({
      verified: false,
      problems: [expect.objectContaining({ kind: 'forked', treeSize: 5 })],
    });
  });

  test('a wrong public key verifies no head', async () => {
    const report = await verify({ kept, signer: newSigner() });
    expect(report.verified).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(Array(4).fill('bad-signature'));
    expect(await verifyAuditLog(db.prisma, {})).toMatchObject({
      verified: false,
      problems: [{ kind: 'no-public-key' }],
    });
  });

  test('without tampering, the triggers refuse edits to entries, leaves and heads outright', async () => {
    await expect(db.prisma.auditEvent.updateMany({ data: { actorId: 'x' } })).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.prisma.auditLeaf.deleteMany({})).rejects.toThrow(/AuditLeaf is append-only: DELETE refused/);
    await expect(db.prisma.auditTreeHead.updateMany({ data: { rootHash: 'x' } })).rejects.toThrow(
      /AuditTreeHead is append-only: UPDATE refused/,
    );
    expect((await verify({ kept })).verified).toBe(true);
  });
});
