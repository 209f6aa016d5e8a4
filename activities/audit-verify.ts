// Verifies the audit log in the database as a transparency log (what `transferflow audit chain`
// and GET /v1/audit/chain report): every sequenced entry still hashes to its leaf; every signed
// tree head in the database, and every head an auditor kept, carries a valid signature by the
// log's public key and matches the Merkle root of that many leaves recomputed from the entries.
// That finds an edited entry even with every stored hash recomputed (the signed roots cannot be
// recomputed without the private key), an inserted or removed entry (the roots move), dropped
// newest entries (a signed or kept head is larger than the log) and a forked history (a kept
// head disagrees with the log at the same size).
import type { KeyObject } from 'node:crypto';
import type { PrismaClient } from '../prisma/generated/client';
import { entryLeafHash, payloadMatches } from './audit-leaf';
import { keyIdOf, verifyHeadSignature, type SignedTreeHead } from './audit-signing';
import { headFromRow } from './audit-sequencer';
import { CompactRange } from './merkle';

export type ProblemKind =
  | 'payload-edited'
  | 'entry-edited'
  | 'entry-removed'
  | 'leaf-order'
  | 'bad-signature'
  | 'truncated'
  | 'rewritten'
  | 'forked'
  | 'no-public-key';

export interface LogProblem {
  kind: ProblemKind;
  message: string;
  leafIndex?: number;
  eventKey?: string;
  treeSize?: number;
}

export interface LogReport {
  verified: boolean;
  /** Rows in the log. */
  entries: number;
  /** Entries with a place in the Merkle tree. */
  sequenced: number;
  /** Entries appended since the last sequencing round: not yet covered by a signed head. */
  pending: number;
  /** Signed heads in the database, and heads the auditor brought (kept). */
  heads: number;
  keptHeads: number;
  latestHead: SignedTreeHead | null;
  /** SHA-256 of the public key the signatures were checked with. */
  keyId: string | null;
  /** The first problems found (at most 50), in log order. */
  problems: LogProblem[];
}

const MAX_PROBLEMS = 50;

export async function verifyAuditLog(
  prisma: PrismaClient,
  opts: { publicKey?: KeyObject; kept?: readonly SignedTreeHead[]; onProgress?: (checked: number) => void } = {},
): Promise<LogReport> {
  const problems: LogProblem[] = [];
  const problem = (p: LogProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const keyId = opts.publicKey ? keyIdOf(opts.publicKey) : null;
  if (!opts.publicKey)
    problem({ kind: 'no-public-key', message: 'no public key to check the signed heads with (give --public-key)' });

  // Heads before leaves: leaves only grow, so a head larger than the leaves read after it is a truncation.
  const stored = (await prisma.auditTreeHead.findMany({ orderBy: { treeSize: 'asc' } })).map(headFromRow);
  const kept = [...(opts.kept ?? [])].sort((a, b) => a.treeSize - b.treeSize);
  const checkSignature = (h: SignedTreeHead, whose: string) => {
    if (opts.publicKey && !verifyHeadSignature(h, opts.publicKey))
      problem({
        kind: 'bad-signature',
        treeSize: h.treeSize,
        message: `${whose} head of size ${h.treeSize} is not signed by key ${keyId} (signed by ${h.keyId}, or altered)`,
      });
  };
  stored.forEach((h) => checkSignature(h, 'the stored'));
  kept.forEach((h) => checkSignature(h, 'the kept'));

  // One pass over the leaves in order, recomputing each from its entry, checking every head on the way.
  const checkpoints = [...stored.map((h) => ({ h, kept: false })), ...kept.map((h) => ({ h, kept: true }))].sort(
    (a, b) => a.h.treeSize - b.h.treeSize,
  );
  let next = 0;
  const range = new CompactRange();
  const checkHeadsAt = () => {
    while (next < checkpoints.length && checkpoints[next].h.treeSize === range.size) {
      const { h, kept: isKept } = checkpoints[next++];
      if (range.root().toString('hex') === h.rootHash) continue;
      // A fork needs two heads the key really signed; a forged stored head is already a bad signature.
      const rival =
        isKept &&
        opts.publicKey &&
        stored.find(
          (s) => s.treeSize === h.treeSize && s.rootHash !== h.rootHash && verifyHeadSignature(s, opts.publicKey!),
        );
      problem({
        kind: rival ? 'forked' : 'rewritten',
        treeSize: h.treeSize,
        message: rival
          ? `forked history: the kept head and the database's head of size ${h.treeSize} are both signed and disagree`
          : `the ${isKept ? 'kept' : 'stored'} signed head of size ${h.treeSize} does not match the log's first ${h.treeSize} entries: they were edited, inserted, removed or reordered`,
      });
    }
  };
  checkHeadsAt();
  for (let after = -1n; ;) {
    const leaves = await prisma.auditLeaf.findMany({
      where: { leafIndex: { gt: after } },
      orderBy: { leafIndex: 'asc' },
      take: 2000,
    });
    if (leaves.length === 0) break;
    const events = new Map(
      (await prisma.auditEvent.findMany({ where: { seq: { in: leaves.map((l) => l.eventSeq) } } })).map((e) => [
        e.seq,
        e,
      ]),
    );
    for (const leaf of leaves) {
      const index = range.size;
      const e = events.get(leaf.eventSeq);
      if (Number(leaf.leafIndex) !== index)
        problem({
          kind: 'leaf-order',
          leafIndex: index,
          message: `leaf ${index} is missing: the next is numbered ${leaf.leafIndex}`,
        });
      if (!e) {
        problem({
          kind: 'entry-removed',
          leafIndex: index,
          message: `leaf ${index}'s entry (seq ${leaf.eventSeq}) is gone from the log`,
        });
        range.append(Buffer.from(leaf.leafHash, 'hex'));
      } else {
        const recomputed = entryLeafHash(e);
        if (!payloadMatches(e))
          problem({
            kind: 'payload-edited',
            leafIndex: index,
            eventKey: e.eventKey,
            message: 'payload edited: it no longer matches its payloadHash',
          });
        else if (recomputed.toString('hex') !== leaf.leafHash)
          problem({
            kind: 'entry-edited',
            leafIndex: index,
            eventKey: e.eventKey,
            message: 'entry edited: its fields no longer match its leaf hash',
          });
        range.append(recomputed);
      }
      checkHeadsAt();
    }
    after = leaves[leaves.length - 1].leafIndex;
    opts.onProgress?.(range.size);
  }
  for (const { h, kept: isKept } of checkpoints.slice(next))
    problem({
      kind: 'truncated',
      treeSize: h.treeSize,
      message: `${isKept ? 'a kept' : 'a stored'} signed head covers ${h.treeSize} entries but the log has only ${range.size}: the newest entries were dropped`,
    });

  const entries = await prisma.auditEvent.count();
  const [{ pending }] = await prisma.$queryRawUnsafe<Array<{ pending: bigint | number }>>(
    `SELECT count(*) AS pending FROM "AuditEvent" e LEFT JOIN "AuditLeaf" l ON l."eventSeq" = e.seq WHERE l."eventSeq" IS NULL`,
  );
  return {
    verified: problems.length === 0,
    entries,
    sequenced: range.size,
    pending: Number(pending),
    heads: stored.length,
    keptHeads: kept.length,
    latestHead: stored.at(-1) ?? null,
    keyId,
    problems,
  };
}
