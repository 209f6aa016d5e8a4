// What a printed document carries and what its hash covers. Every document is made from one
// record — the document's kind, the case id, the pack that decided (id, version and the pack's own
// SHA-256) and the facts printed — and the SHA-256 printed on it is the hash of that record's
// canonical JSON (keys sorted, no spaces: policies/canonical-json.ts), which the console also
// serves as the document's `.json`. An auditor recomputes it with
// `curl …/publicity.json | sha256sum` and compares it with the hash on the paper; the record has
// no print time in it, so the same case prints the same hash every time.
import { canonicalJson } from '../../../policies/canonical-json';
import { createHash } from 'node:crypto';

export interface DocumentRecord {
  /** Which document: 'ma-loan-opinion', 'rights-grant-publicity'. */
  document: string;
  /** The record's layout, raised when its fields change (an old hash stays checkable against its version). */
  format: 1;
  caseId: string;
  pack: { id: string; version: string; hash: string; title: string };
  facts: Record<string, unknown>;
}

/**
 * A document about many cases (the due list): no one case or pack decided it, so it carries the
 * day and scope it was drawn up for instead, and lists each case (with its pack) in its facts.
 */
export interface ListRecord {
  document: string;
  format: 1;
  /** What the list covers (e.g. its date and horizon): the same inputs give the same record and hash. */
  listOf: Record<string, string | number>;
  facts: Record<string, unknown>;
}

export interface HashedRecord<R extends DocumentRecord | ListRecord = DocumentRecord> {
  record: R;
  /** The exact bytes the hash covers. */
  json: string;
  sha256: string;
}

export function hashRecord<R extends DocumentRecord | ListRecord>(record: R): HashedRecord<R> {
  const json = canonicalJson(record);
  return { record, json, sha256: createHash('sha256').update(json, 'utf8').digest('hex') };
}
