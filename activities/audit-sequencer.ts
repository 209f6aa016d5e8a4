// The sequencer: gives newly appended audit entries their place in the Merkle tree and signs a
// tree head over it. Appenders never wait for it (they only INSERT, concurrently); it runs in
// the API process every TRANSFERFLOW_AUDIT_HEAD_INTERVAL_MS (default 5 s) and whenever an auditor asks
// (POST /v1/audit/heads, and before an export). Two sequencers (two API processes) do not
// interleave: each run takes a *try* lock and skips the round if another holds it, so the lock
// is never on the path of a loan check.
import type { PrismaClient } from '../prisma/generated/client';
import { entryLeafHash } from './audit-leaf';
import type { AuditSigner, SignedTreeHead } from './audit-signing';
import { CompactRange, consistencyProof, inclusionProofs, type Hash } from './merkle';

/** Any fixed number: one sequencer at a time per database. */
export const AUDIT_SEQUENCER_LOCK = 7_236_003;

/** How many entries one round takes at most (one transaction; the next round takes the rest). */
const BATCH = 5000;

/**
 * A quick round looks for unsequenced entries only among the newest: those above the highest
 * sequenced one less this margin, far more than the appends that can be in flight at once (an
 * entry whose transaction commits late has a lower seq than one already sequenced). A full sweep
 * of the log — every TIMER_SWEEP_EVERY-th timed round, and every round an auditor asks for —
 * catches anything later still.
 */
const QUICK_MARGIN = 10_000;
const TIMER_SWEEP_EVERY = 12;

type HeadRow = { treeSize: bigint; rootHash: string; timestamp: Date; keyId: string; signature: string };

export function headFromRow(r: HeadRow): SignedTreeHead {
  return {
    treeSize: Number(r.treeSize),
    rootHash: r.rootHash,
    timestamp: r.timestamp.toISOString(),
    keyId: r.keyId,
    signature: r.signature,
  };
}

/** The stored leaf hashes, in order (size: the first `size` only). */
export async function loadLeafHashes(prisma: PrismaClient, size?: number): Promise<Hash[]> {
  const hashes: Hash[] = [];
  for (let after = -1n; ;) {
    const rows = await prisma.auditLeaf.findMany({
      where: { leafIndex: { gt: after, ...(size !== undefined ? { lt: BigInt(size) } : {}) } },
      orderBy: { leafIndex: 'asc' },
      take: 10_000,
      select: { leafIndex: true, leafHash: true },
    });
    if (rows.length === 0) return hashes;
    for (const r of rows) hashes.push(Buffer.from(r.leafHash, 'hex'));
    after = rows[rows.length - 1].leafIndex;
  }
}

export async function latestHead(prisma: PrismaClient): Promise<SignedTreeHead | null> {
  const row = await prisma.auditTreeHead.findFirst({ orderBy: { treeSize: 'desc' } });
  return row ? headFromRow(row) : null;
}

export class AuditSequencer {
  /**
   * This process's view of the tree — its compact range, so a head costs O(log n) hashes, not a
   * pass over every leaf of a log that only grows — checked against the table's size every round.
   */
  private tree = new CompactRange();
  /** The round in progress (settled: never rejects), so the next one starts after it. */
  private running: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    readonly signer: AuditSigner,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Sequences what is pending and signs a head over it; the latest head if nothing was pending.
   * Null if another sequencer holds the lock. `quick`: look among the newest entries only (the
   * timer's rounds; see QUICK_MARGIN).
   */
  sequence(options: { quick?: boolean } = {}): Promise<SignedTreeHead | null> {
    // Concurrent callers in one process queue behind the round in progress, then run their own:
    // an auditor asking right after an append sees it covered.
    const next = (this.running ?? Promise.resolve()).then(() => this.round(options.quick ?? false));
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.running = settled;
    void settled.then(() => {
      if (this.running === settled) this.running = undefined;
    });
    return next;
  }

  private async round(quick: boolean): Promise<SignedTreeHead | null> {
    for (;;) {
      const result = await this.prisma.$transaction(
        async (tx) => {
          const [{ locked }] = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>(
            `SELECT pg_try_advisory_xact_lock(${AUDIT_SEQUENCER_LOCK}) AS locked`,
          );
          if (!locked) return { head: null, more: false };
          // Both from the indexes (the last leaf, the highest sequenced entry): a count or a scan
          // here grew with the log, inside the transaction every append waits for on PGlite.
          const [{ size, top }] = await tx.$queryRawUnsafe<Array<{ size: bigint; top: bigint }>>(
            `SELECT COALESCE((SELECT max("leafIndex") FROM "AuditLeaf") + 1, 0) AS size,
                    COALESCE((SELECT max("eventSeq") FROM "AuditLeaf"), 0) AS top`,
          );
          if (Number(size) !== this.tree.size) this.tree = CompactRange.of(await loadLeafHashes(tx as PrismaClient));
          // Entries without a leaf, oldest first. An entry whose transaction commits late (a lower
          // seq than one already sequenced) is simply sequenced in a later round.
          const newest = quick ? `e.seq > ${BigInt(top) - BigInt(QUICK_MARGIN)} AND` : '';
          const pending = await tx.$queryRawUnsafe<Array<{ seq: bigint }>>(
            `SELECT e.seq FROM "AuditEvent" e LEFT JOIN "AuditLeaf" l ON l."eventSeq" = e.seq
             WHERE ${newest} l."eventSeq" IS NULL ORDER BY e.seq LIMIT ${BATCH}`,
          );
          const latest = await tx.auditTreeHead.findFirst({ orderBy: { treeSize: 'desc' } });
          if (pending.length === 0 && latest && Number(latest.treeSize) === this.tree.size)
            return { head: headFromRow(latest), more: false };
          const events = await tx.auditEvent.findMany({
            where: { seq: { in: pending.map((p) => p.seq) } },
            orderBy: { seq: 'asc' },
          });
          const added = events.map((e) => entryLeafHash(e));
          await tx.auditLeaf.createMany({
            data: events.map((e, i) => ({
              leafIndex: BigInt(this.tree.size + i),
              eventSeq: e.seq,
              leafHash: added[i].toString('hex'),
            })),
          });
          const tree = this.tree.copy();
          for (const leaf of added) tree.append(leaf);
          const head = this.signer.signHead(tree.size, tree.root().toString('hex'), this.now().toISOString());
          await tx.auditTreeHead.create({
            data: { ...head, treeSize: BigInt(head.treeSize), timestamp: new Date(head.timestamp) },
          });
          this.tree = tree;
          return { head, more: pending.length === BATCH };
        },
        { timeout: 60_000 },
      );
      if (!result.more) return result.head;
    }
  }

  /** Runs a round every `intervalMs` until the returned function is called (0: never). */
  every(intervalMs: number, onError: (e: unknown) => void): () => Promise<void> {
    if (intervalMs <= 0) return async () => {};
    let rounds = 0;
    const timer = setInterval(
      () => void this.sequence({ quick: rounds++ % TIMER_SWEEP_EVERY !== 0 }).catch(onError),
      intervalMs,
    );
    timer.unref();
    return async () => {
      clearInterval(timer);
      await this.running;
    };
  }
}

/** A proof that the head of size `from` is a prefix of the head of size `to`, from the stored leaves. */
export async function consistencyProofFor(prisma: PrismaClient, from: number, to: number): Promise<string[]> {
  const leaves = await loadLeafHashes(prisma, to);
  return consistencyProof(leaves, from, to).map((h) => h.toString('hex'));
}

/** Inclusion proofs for the given entries (by seq) in the tree of `treeSize`; entries not yet sequenced there are absent. */
export async function inclusionProofsFor(
  prisma: PrismaClient,
  seqs: bigint[],
  treeSize: number,
): Promise<Map<bigint, { leafIndex: number; proof: string[] }>> {
  const leaves = await loadLeafHashes(prisma, treeSize);
  const rows = (await prisma.auditLeaf.findMany({ where: { eventSeq: { in: seqs } } })).filter(
    (r) => Number(r.leafIndex) < leaves.length,
  );
  const paths = inclusionProofs(
    leaves,
    rows.map((r) => Number(r.leafIndex)),
  );
  return new Map(
    rows.map((r, i) => [r.eventSeq, { leafIndex: Number(r.leafIndex), proof: paths[i].map((h) => h.toString('hex')) }]),
  );
}
