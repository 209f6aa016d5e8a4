// The audit log's hash chain: each entry's hash covers its content and the hash of the entry
// before it. Editing, removing or inserting an entry breaks the chain exactly there, even for
// someone able to switch off the append-only trigger.
import type { PrismaClient } from '../prisma/generated/client';
import { contentHash } from '../policies/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

/** Serialises appenders on one database, so the chain has one order: the order of `seq`. */
export const AUDIT_CHAIN_LOCK = 7_236_002;

export interface ChainedFields {
  eventKey: string;
  caseId: string;
  caseKind: string;
  action: string;
  actorId: string;
  actorRole: string;
  at: Date;
  payloadHash: string;
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  return contentHash({
    prevHash,
    eventKey: e.eventKey,
    caseId: e.caseId,
    caseKind: e.caseKind,
    action: e.action,
    actorId: e.actorId,
    actorRole: e.actorRole,
    at: e.at.toISOString(),
    payloadHash: e.payloadHash,
  });
}

export interface ChainReport {
  verified: boolean;
  entries: number;
  /** Entries written before the chain existed (no hash): listed, not verifiable. */
  unchained: number;
  /** The first entry where the chain does not hold, and why. */
  firstBroken: { seq: number; eventKey: string; reason: string } | null;
}

export async function verifyAuditChain(
  prisma: PrismaClient,
  onProgress?: (checked: number) => void,
): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let entries = 0;
  let unchained = 0;
  let after = -1n;
  for (;;) {
    const batch = await prisma.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: 1000,
    });
    if (batch.length === 0) break;
    for (const e of batch) {
      entries++;
      if (e.hash === '' && prevHash === GENESIS_HASH && entries === unchained + 1) {
        unchained++;
        continue;
      }
      const broken = (reason: string): ChainReport => ({
        verified: false,
        entries,
        unchained,
        firstBroken: { seq: Number(e.seq), eventKey: e.eventKey, reason },
      });
      if (contentHash(e.payload) !== e.payloadHash)
        return broken('payload edited: it no longer matches its payloadHash');
      if (e.prevHash !== prevHash)
        return broken(
          'link broken: prevHash is not the previous entry’s hash (an entry was removed, inserted or reordered)',
        );
      if (entryHash(prevHash, e) !== e.hash) return broken('entry edited: its fields no longer match its hash');
      prevHash = e.hash;
    }
    after = batch[batch.length - 1].seq;
    onProgress?.(entries);
  }
  return { verified: true, entries, unchained, firstBroken: null };
}
