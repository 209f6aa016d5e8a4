// What one audit entry contributes to the Merkle tree: its fields (the payload by its hash) as
// canonical JSON, hashed as an RFC 6962 leaf. The database, the sequencer and the offline bundle
// check all derive a leaf from here, so an edited field or payload changes the leaf hash.
import { canonicalJson, contentHash } from '../policies/canonical-json';
import { leafHash, type Hash } from './merkle';

export interface LeafFields {
  seq: bigint | number | string;
  eventKey: string;
  caseId: string;
  caseKind: string;
  action: string;
  actorId: string;
  actorRole: string;
  at: Date | string;
  payloadHash: string;
}

export function entryLeafHash(e: LeafFields): Hash {
  const data = canonicalJson({
    seq: String(e.seq),
    eventKey: e.eventKey,
    caseId: e.caseId,
    caseKind: e.caseKind,
    action: e.action,
    actorId: e.actorId,
    actorRole: e.actorRole,
    at: typeof e.at === 'string' ? e.at : e.at.toISOString(),
    payloadHash: e.payloadHash,
  });
  return leafHash(Buffer.from(data, 'utf8'));
}

/** Does the payload still match the hash the leaf covers? */
export function payloadMatches(e: { payload: unknown; payloadHash: string }): boolean {
  return contentHash(e.payload) === e.payloadHash;
}
