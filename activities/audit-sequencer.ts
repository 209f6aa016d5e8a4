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

  /** Sequences what is pending and signs a head over it; the latest head if nothing was pending. Null if another sequencer holds the lock. */
  sequence(): Promise<SignedTreeHead | null> {
    // Concurrent callers in one process queue behind the round in progress, then run their own:
    // an auditor asking right after an append sees it covered.
    const next = (this.running ?? Promise.resolve()).then(() => this.round());
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

  private async round(): Promise<SignedTreeHead | null> {
    for (;;) {
      const result = await this.prisma.$transaction(
        async (tx) => {
          const [{ locked }] = await tx.$queryRawUnsafe<Array<{ locked: boolean }>>(
            `SELECT pg_try_advisory_xact_lock(${AUDIT_SEQUENCER_LOCK}) AS locked`,
          );
          if (!locked) return { head: null, more: false };
          const size = await tx.auditLeaf.count();
          if (size !== this.tree.size) this.tree = CompactRange.of(await loadLeafHashes(tx as PrismaClient));
          // Entries without a leaf, oldest first. An entry whose transaction commits late (a lower
          // seq than one already sequenced) is simply sequenced in a later round.
          const pending = await tx.$queryRawUnsafe<Array<{ seq: bigint }>>(
            `SELECT e.seq FROM "AuditEvent" e LEFT JOIN "AuditLeaf" l ON l."eventSeq" = e.seq
             WHERE l."eventSeq" IS NULL ORDER BY e.seq LIMIT ${BATCH}`,
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
    const timer = setInterval(() => void this.sequence().catch(onError), intervalMs);
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
