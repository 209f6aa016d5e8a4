// `transferflow audit heads [--export FILE]`: an auditor's own record of the log's signed tree
// heads. Each run fetches the heads signed since the newest one kept, checks every signature with
// the public key (the one the file was started with, or --public-key), and checks the server's
// consistency proof that the log only grew since the kept head. Truncation (the log is now smaller
// than a kept head), a rewritten or forked history (no consistency proof can join the kept head to
// the new one) and a wrong key are refused, and the file is then left as it was.
// `transferflow audit chain --heads FILE` checks the database itself against the same file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { publicKeyFromPem, keyIdOf, verifyHeadSignature, type SignedTreeHead } from '../../activities/audit-signing';
import { verifyConsistency } from '../../activities/merkle';
import { verifierPublicKey } from '../audit-key';
import { apiRequest } from './api-client';

/** The file an auditor keeps. */
export interface KeptHeads {
  publicKey: string;
  keyId: string;
  heads: SignedTreeHead[];
}

export function readKeptHeads(file: string): KeptHeads {
  return JSON.parse(readFileSync(file, 'utf8')) as KeptHeads;
}

interface HeadsAnswer {
  keyId: string | null;
  publicKey: string | null;
  latest: SignedTreeHead | null;
  heads: SignedTreeHead[];
  consistency: { from: number; to: number; proof: string[] } | null;
}

export interface HeadsReport {
  verified: boolean;
  keyId: string;
  kept: number;
  added: number;
  latest: SignedTreeHead | null;
  problems: string[];
}

export async function runAuditHeads(opts: { export?: string; publicKey?: string }): Promise<HeadsReport> {
  if (opts.export && !existsSync(opts.export) && !opts.publicKey)
    process.stderr.write(
      'note: no kept heads yet; trusting the public key the server names (pass --public-key to check it against yours)\n',
    );
  const kept: KeptHeads | null = opts.export && existsSync(opts.export) ? readKeptHeads(opts.export) : null;
  const newest = kept?.heads.at(-1) ?? null;
  // Asking for a fresh head first: the answer then covers everything appended until now.
  await apiRequest('POST', '/v1/audit/heads', undefined).catch(() => undefined);
  const answer = (await apiRequest('GET', `/v1/audit/heads?since=${newest?.treeSize ?? 0}`)) as HeadsAnswer;
  const keyPem =
    kept?.publicKey ??
    (opts.publicKey ? verifierPublicKey(opts.publicKey)?.export({ type: 'spki', format: 'pem' }).toString() : null) ??
    answer.publicKey;
  if (!keyPem) throw new Error('no public key: the server has no audit key and none was given (--public-key)');
  const publicKey = publicKeyFromPem(keyPem);
  const keyId = keyIdOf(publicKey);
  const problems: string[] = [];
  if (opts.publicKey && kept && keyIdOf(verifierPublicKey(opts.publicKey)!) !== keyId)
    problems.push(`--public-key is not the key ${opts.export} was kept with (${keyId})`);
  for (const h of answer.heads)
    if (!verifyHeadSignature(h, publicKey))
      problems.push(`the head of size ${h.treeSize} is not signed by key ${keyId} (signed by ${h.keyId}, or altered)`);
  const latest = answer.latest;
  if (newest && latest) {
    if (latest.treeSize < newest.treeSize)
      problems.push(
        `truncated: a kept head covers ${newest.treeSize} entries, the log's latest head only ${latest.treeSize}`,
      );
    else if (
      !answer.consistency ||
      !verifyConsistency(
        newest.treeSize,
        latest.treeSize,
        answer.consistency.proof.map((h) => Buffer.from(h, 'hex')),
        Buffer.from(newest.rootHash, 'hex'),
        Buffer.from(latest.rootHash, 'hex'),
      )
    )
      problems.push(
        `not consistent: the log at ${latest.treeSize} entries does not extend the kept head of ${newest.treeSize} (rewritten or forked history)`,
      );
  } else if (newest && !latest) problems.push('truncated: the log has no signed head at all, but heads were kept');
  const known = new Set((kept?.heads ?? []).map((h) => h.treeSize));
  const added = problems.length ? [] : answer.heads.filter((h) => !known.has(h.treeSize));
  if (opts.export && problems.length === 0) {
    const heads = [...(kept?.heads ?? []), ...added].sort((a, b) => a.treeSize - b.treeSize);
    const file: KeptHeads = { publicKey: keyPem, keyId, heads };
    writeFileSync(opts.export, `${JSON.stringify(file, null, 2)}\n`);
  }
  return {
    verified: problems.length === 0,
    keyId,
    kept: kept?.heads.length ?? 0,
    added: added.length,
    latest,
    problems,
  };
}
