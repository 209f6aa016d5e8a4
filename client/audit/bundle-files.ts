// The files of an exported audit bundle, as text: the server hashes exactly these texts into the
// manifest it signs, and `transferflow audit export` writes exactly these texts, so the signed
// manifest vouches for the bytes on disk. Pure: no I/O.
import { createHash } from 'node:crypto';
import type { SignedTreeHead } from '../../activities/audit-signing';

export const MANIFEST = 'manifest.json';
export const PROOFS = 'proofs.json';

/** The parts of a bundle that become files (a plain-JSON copy of them). */
export interface BundleParts {
  runs: Array<{ runId: string; history: unknown }>;
  records: unknown;
  auditLog: unknown[];
  packs: Array<{ ref: string; hash: string; pack: unknown }>;
  verification: unknown;
  proofs: BundleProofs;
  summary: string;
}

/** The signed head the bundle's entries are proven against, and each entry's audit path. */
export interface BundleProofs {
  head: SignedTreeHead | null;
  entries: Array<{ seq: number; leafIndex: number; proof: string[] }>;
}

/** What the server signs: which bundle, which head, and the SHA-256 of every file. */
export interface ManifestBody {
  workflowId: string;
  workflowType: string;
  exportedAt: string;
  packs: Array<{ ref: string; hash: string }>;
  head: SignedTreeHead | null;
  keyId: string | null;
  files: Record<string, string>;
}

/** A manifest as written: the body and its Ed25519 signature (null when the server has no key). */
export type SignedManifest = ManifestBody & { signature: string | null };

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export function bundleFiles(b: BundleParts): Array<{ name: string; text: string }> {
  return [
    ...b.runs.map((r) => ({ name: `history/${r.runId}.json`, text: json(r.history) })),
    { name: 'records.json', text: json(b.records) },
    { name: 'audit-log.json', text: json(b.auditLog) },
    ...b.packs.map((p) => ({ name: `packs/${p.ref}.json`, text: json(p.pack) })),
    { name: 'verification.json', text: json(b.verification) },
    { name: PROOFS, text: json(b.proofs) },
    { name: 'summary.md', text: b.summary },
  ];
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export function fileHashes(b: BundleParts): Record<string, string> {
  return Object.fromEntries(bundleFiles(b).map((f) => [f.name, sha256(f.text)]));
}
