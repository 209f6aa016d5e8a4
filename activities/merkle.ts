// RFC 6962 (§2.1, as restated in RFC 9162 §2.1) Merkle tree hashing and proofs, pure: no I/O, no
// clock. Leaves hash as SHA-256(0x00 || data) and nodes as SHA-256(0x01 || left || right), so a
// leaf can never pass for a node. The audit log (activities/audit-sequencer.ts) and every
// verifier (audit chain, audit heads, audit replay --dir) use this one implementation.
import { createHash } from 'node:crypto';

export type Hash = Buffer;

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

export function leafHash(data: Uint8Array): Hash {
  return createHash('sha256').update(LEAF).update(data).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** The largest power of two smaller than n (n > 1): where RFC 6962 splits a tree of n leaves. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[lo:hi]) over leaf hashes; `memo` keeps every node computed, for many proofs over one tree. */
function subtreeRoot(leaves: readonly Hash[], lo: number, hi: number, memo?: Map<string, Hash>): Hash {
  const n = hi - lo;
  if (n === 0) return createHash('sha256').digest();
  if (n === 1) return leaves[lo];
  const key = `${lo}:${hi}`;
  const known = memo?.get(key);
  if (known) return known;
  const k = split(n);
  const root = nodeHash(subtreeRoot(leaves, lo, lo + k, memo), subtreeRoot(leaves, lo + k, hi, memo));
  memo?.set(key, root);
  return root;
}

/** The tree head of the first `size` leaves (all of them by default). */
export function rootHash(leaves: readonly Hash[], size = leaves.length): Hash {
  if (size > leaves.length) throw new RangeError(`tree size ${size} > ${leaves.length} leaves`);
  return subtreeRoot(leaves, 0, size);
}

/** PATH(m, D[size]): the audit path proving leaf `index` is in the tree of the first `size` leaves. */
export function inclusionProof(
  leaves: readonly Hash[],
  index: number,
  size = leaves.length,
  memo?: Map<string, Hash>,
): Hash[] {
  if (index < 0 || index >= size || size > leaves.length) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  const path = (m: number, lo: number, hi: number): Hash[] => {
    if (hi - lo <= 1) return [];
    const k = split(hi - lo);
    return m < k
      ? [...path(m, lo, lo + k), subtreeRoot(leaves, lo + k, hi, memo)]
      : [...path(m - k, lo + k, hi), subtreeRoot(leaves, lo, lo + k, memo)];
  };
  return path(index, 0, size);
}

/** Inclusion proofs for many leaves of one tree: the nodes are hashed once for all of them. */
export function inclusionProofs(leaves: readonly Hash[], indices: readonly number[], size = leaves.length): Hash[][] {
  const memo = new Map<string, Hash>();
  return indices.map((i) => inclusionProof(leaves, i, size, memo));
}

/** PROOF(m, D[n]): proves the tree of the first `from` leaves is a prefix of the tree of the first `to`. */
export function consistencyProof(leaves: readonly Hash[], from: number, to = leaves.length): Hash[] {
  if (from < 0 || from > to || to > leaves.length) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  if (from === 0 || from === to) return [];
  const sub = (m: number, lo: number, hi: number, whole: boolean): Hash[] => {
    if (m === hi - lo) return whole ? [] : [subtreeRoot(leaves, lo, hi)];
    const k = split(hi - lo);
    return m <= k
      ? [...sub(m, lo, lo + k, whole), subtreeRoot(leaves, lo + k, hi)]
      : [...sub(m - k, lo + k, hi, false), subtreeRoot(leaves, lo, lo + k)];
  };
  return sub(from, 0, to, true);
}

const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);
// Arithmetic, not bitwise: JavaScript's bit operators stop at 32 bits, tree sizes need not.
const isPowerOfTwo = (n: number) => {
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
};

/** RFC 9162 §2.1.3.2: does `proof` show `leaf` at `index` in the tree of `size` leaves with head `root`? */
export function verifyInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (size1, root1) is a prefix of the tree (size2, root2)? */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Hash[],
  root1: Hash,
  root2: Hash,
): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  // A first tree that is a whole power of two is itself a node of the second: its head starts the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}

/**
 * The tree built leaf by leaf, keeping only the roots of its perfect subtrees (a "compact
 * range": at most log2(n) hashes), so the head of every prefix is at hand in one pass over the
 * leaves. That is how a verifier checks many signed heads against one log without re-hashing it per head.
 */
export class CompactRange {
  private readonly peaks: Array<{ size: number; hash: Hash }> = [];
  size = 0;

  static of(leaves: Iterable<Hash>): CompactRange {
    const range = new CompactRange();
    for (const leaf of leaves) range.append(leaf);
    return range;
  }

  /** An independent copy (O(log n)): append to it, and keep this one if what it was for fails. */
  copy(): CompactRange {
    const range = new CompactRange();
    range.peaks.push(...this.peaks);
    range.size = this.size;
    return range;
  }

  append(leaf: Hash): void {
    let node = { size: 1, hash: leaf };
    while (this.peaks.length && this.peaks[this.peaks.length - 1].size === node.size) {
      const left = this.peaks.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.peaks.push(node);
    this.size++;
  }

  /** MTH of the leaves appended so far: the peaks folded from the right, as RFC 6962 splits. */
  root(): Hash {
    if (this.peaks.length === 0) return createHash('sha256').digest();
    let r = this.peaks[this.peaks.length - 1].hash;
    for (let i = this.peaks.length - 2; i >= 0; i--) r = nodeHash(this.peaks[i].hash, r);
    return r;
  }
}
