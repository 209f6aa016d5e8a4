// Checks an exported bundle offline with only the log's public key: the manifest's signature,
// every file against the manifest's SHA-256, the signed tree head, and each audit entry's
// inclusion proof against that head. Editing a file and its manifest together breaks the
// signature; a wrong key verifies nothing; an edited entry no longer hashes into the signed root.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../../policies/canonical-json';
import { entryLeafHash, payloadMatches, type LeafFields } from '../../activities/audit-leaf';
import { keyIdOf, verifyHeadSignature, verifyManifestSignature } from '../../activities/audit-signing';
import { verifyInclusion } from '../../activities/merkle';
import { MANIFEST, PROOFS, sha256, type BundleProofs, type SignedManifest } from './bundle-files';

export interface BundleCheck {
  /** Files that no longer match the manifest (or are missing). */
  tampered: string[];
  /** Everything else that does not hold: signature, head, proofs. */
  problems: string[];
  /** The history files the manifest lists. */
  histories: string[];
}

function readJson<T>(dir: string, name: string): T {
  return JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as T;
}

export function checkBundle(dir: string, publicKey: KeyObject | undefined): BundleCheck {
  const { signature, ...body } = readJson<SignedManifest>(dir, MANIFEST);
  const problems: string[] = [];
  if (!publicKey) problems.push("no public key to check the manifest with: give --public-key <the log's public key>");
  else if (!signature) problems.push('the manifest is not signed (exported by a server without an audit signing key)');
  else if (!verifyManifestSignature(body, signature, publicKey))
    problems.push(
      `the manifest's signature does not verify with key ${keyIdOf(publicKey)}: the manifest was edited, or signed by another key`,
    );
  const tampered = Object.entries(body.files ?? {})
    .filter(([name, sha]) => {
      try {
        return sha256(readFileSync(path.join(dir, name))) !== sha;
      } catch {
        return true;
      }
    })
    .map(([name]) => name);
  if (body.files?.[PROOFS] && !tampered.includes(PROOFS) && !tampered.includes('audit-log.json'))
    problems.push(...checkProofs(dir, body, publicKey));
  return {
    tampered,
    problems,
    histories: Object.keys(body.files ?? {})
      .filter((f) => f.startsWith('history/'))
      .sort(),
  };
}

function checkProofs(dir: string, manifest: Omit<SignedManifest, 'signature'>, publicKey?: KeyObject): string[] {
  const problems: string[] = [];
  const { head, entries } = readJson<BundleProofs>(dir, PROOFS);
  const log = readJson<Array<LeafFields & { payload: unknown; seq: number }>>(dir, 'audit-log.json');
  if (!head) return log.length ? ['no signed tree head covers this case’s audit entries'] : [];
  if (canonicalJson(head) !== canonicalJson(manifest.head))
    problems.push('proofs.json names another head than the manifest');
  if (publicKey && !verifyHeadSignature(head, publicKey))
    problems.push(`the tree head of size ${head.treeSize} is not signed by key ${keyIdOf(publicKey)}`);
  const root = Buffer.from(head.rootHash, 'hex');
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  for (const e of log) {
    const p = bySeq.get(e.seq);
    if (!payloadMatches(e)) problems.push(`audit entry ${e.eventKey}: payload edited (no longer its payloadHash)`);
    else if (!p) problems.push(`audit entry ${e.eventKey}: no inclusion proof (not under the signed head)`);
    else if (
      !verifyInclusion(
        entryLeafHash(e),
        p.leafIndex,
        head.treeSize,
        p.proof.map((h) => Buffer.from(h, 'hex')),
        root,
      )
    )
      problems.push(`audit entry ${e.eventKey}: not in the signed tree head (edited, or its proof is wrong)`);
  }
  return problems;
}
