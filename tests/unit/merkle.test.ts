// The Merkle tree against RFC 6962's published test vectors (the leaves and heads every CT
// implementation checks), then every inclusion and consistency proof for trees of 1–40 leaves:
// each verifies, and each altered proof, leaf, size or head does not.
import {
  CompactRange,
  consistencyProof,
  inclusionProof,
  inclusionProofs,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from '../../activities/merkle';

const hex = (h: Hash) => h.toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');

const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f']
  .map(unhex)
  .map(leafHash);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

test('leaf and node hashes carry the 0x00 and 0x01 prefixes', () => {
  expect(hex(leafHash(Buffer.alloc(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  expect(hex(nodeHash(CT_LEAVES[0], CT_LEAVES[1]))).toBe(CT_ROOTS[2]);
  // Without the prefixes the same bytes would give another hash: a leaf cannot pose as a node.
  expect(hex(leafHash(Buffer.concat([CT_LEAVES[0], CT_LEAVES[1]])))).not.toBe(CT_ROOTS[2]);
});

test('the tree heads of RFC 6962 test vectors, sizes 0–8', () => {
  for (let n = 0; n <= 8; n++) expect(hex(rootHash(CT_LEAVES, n))).toBe(CT_ROOTS[n]);
});

test('the published inclusion and consistency proofs', () => {
  expect(inclusionProof(CT_LEAVES, 0, 8).map(hex)).toEqual([
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ]);
  expect(inclusionProof(CT_LEAVES, 5, 8).map(hex)).toEqual([
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]);
  expect(consistencyProof(CT_LEAVES, 1, 8).map(hex)).toEqual(inclusionProof(CT_LEAVES, 0, 8).map(hex));
  expect(consistencyProof(CT_LEAVES, 6, 8).map(hex)).toEqual([
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]);
  expect(consistencyProof(CT_LEAVES, 2, 5).map(hex)).toEqual([
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  ]);
});

const MANY = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
const flip = (h: Hash) => {
  const c = Buffer.from(h);
  c[0] ^= 1;
  return c;
};

test('every inclusion proof verifies, in every tree size 1–40, and an altered one does not', () => {
  for (let size = 1; size <= MANY.length; size++) {
    const root = rootHash(MANY, size);
    for (let i = 0; i < size; i++) {
      const proof = inclusionProof(MANY, i, size);
      expect(verifyInclusion(MANY[i], i, size, proof, root)).toBe(true);
      expect(verifyInclusion(flip(MANY[i]), i, size, proof, root)).toBe(false);
      expect(verifyInclusion(MANY[i], i, size, proof, flip(root))).toBe(false);
      if (size > 1) {
        expect(verifyInclusion(MANY[i], (i + 1) % size, size, proof, root)).toBe(false);
        expect(verifyInclusion(MANY[i], i, size, [...proof.slice(0, -1), flip(proof.at(-1)!)], root)).toBe(false);
        expect(verifyInclusion(MANY[i], i, size, proof.slice(1), root)).toBe(false);
      }
    }
    expect(verifyInclusion(MANY[0], size, size, [], root)).toBe(false);
    // Many proofs sharing one memo of nodes are the same proofs.
    const all = Array.from({ length: size }, (_, i) => i);
    expect(inclusionProofs(MANY, all, size).map((p) => p.map(hex))).toEqual(
      all.map((i) => inclusionProof(MANY, i, size).map(hex)),
    );
  }
});

test('every consistency proof verifies, for every pair of sizes up to 40, and an altered one does not', () => {
  for (let to = 1; to <= MANY.length; to++) {
    const root2 = rootHash(MANY, to);
    for (let from = 1; from <= to; from++) {
      const root1 = rootHash(MANY, from);
      const proof = consistencyProof(MANY, from, to);
      expect(verifyConsistency(from, to, proof, root1, root2)).toBe(true);
      expect(verifyConsistency(from, to, proof, flip(root1), root2)).toBe(false);
      expect(verifyConsistency(from, to, proof, root1, flip(root2))).toBe(false);
      if (proof.length) {
        expect(verifyConsistency(from, to, [flip(proof[0]), ...proof.slice(1)], root1, root2)).toBe(false);
        expect(verifyConsistency(from, to, proof.slice(0, -1), root1, root2)).toBe(false);
      }
    }
  }
  // A rewritten history: the same size-5 prefix with another third leaf is not consistent with the first.
  const forked = [...MANY.slice(0, 2), leafHash(Buffer.from('forged')), ...MANY.slice(3, 9)];
  expect(verifyConsistency(5, 9, consistencyProof(forked, 5, 9), rootHash(MANY, 5), rootHash(forked, 9))).toBe(false);
});

test('the compact range gives the same head as the full tree at every size', () => {
  const range = new CompactRange();
  expect(hex(range.root())).toBe(CT_ROOTS[0]);
  for (let n = 1; n <= MANY.length; n++) {
    range.append(MANY[n - 1]);
    expect(hex(range.root())).toBe(hex(rootHash(MANY, n)));
  }
  const ct = new CompactRange();
  CT_LEAVES.forEach((l, i) => {
    ct.append(l);
    expect(hex(ct.root())).toBe(CT_ROOTS[i + 1]);
  });
});

test('a copy of a compact range grows on its own: the original keeps its head (a failed sequencer round)', () => {
  const range = CompactRange.of(MANY.slice(0, 13));
  expect(hex(range.root())).toBe(hex(rootHash(MANY, 13)));
  const copy = range.copy();
  for (const leaf of MANY.slice(13, 29)) copy.append(leaf);
  expect(copy.size).toBe(29);
  expect(hex(copy.root())).toBe(hex(rootHash(MANY, 29)));
  expect(range.size).toBe(13);
  expect(hex(range.root())).toBe(hex(rootHash(MANY, 13)));
  range.append(MANY[13]);
  expect(hex(range.root())).toBe(hex(rootHash(MANY, 14)));
  expect(hex(copy.root())).toBe(hex(rootHash(MANY, 29)));
});
