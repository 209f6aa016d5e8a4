// Signed tree heads and manifests (Ed25519, node:crypto): a signature verifies only for the
// exact content, only with the signer's public key, and only as the kind of message it was made for.
import { generateKeyPairSync } from 'node:crypto';
import {
  AuditSigner,
  keyIdOf,
  publicKeyFromPem,
  verifyHeadSignature,
  verifyManifestSignature,
} from '../../activities/audit-signing';

const signer = new AuditSigner(generateKeyPairSync('ed25519').privateKey);
const other = new AuditSigner(generateKeyPairSync('ed25519').privateKey);
const head = signer.signHead(9, 'ab'.repeat(32), '2026-11-23T00:00:00.000Z');

test('a head verifies with its key, and not once any field or the key changes', () => {
  expect(head.keyId).toBe(keyIdOf(signer.publicKey));
  expect(verifyHeadSignature(head, signer.publicKey)).toBe(true);
  expect(verifyHeadSignature({ ...head, treeSize: 8 }, signer.publicKey)).toBe(false);
  expect(verifyHeadSignature({ ...head, rootHash: 'cd'.repeat(32) }, signer.publicKey)).toBe(false);
  expect(verifyHeadSignature({ ...head, timestamp: '2026-11-24T00:00:00.000Z' }, signer.publicKey)).toBe(false);
  expect(verifyHeadSignature(head, other.publicKey)).toBe(false);
  expect(verifyHeadSignature({ ...head, signature: 'not base64 at all' }, signer.publicKey)).toBe(false);
});

test('a manifest signature covers its canonical content, and is never a head signature', () => {
  const manifest = { workflowId: 'w', files: { 'a.json': '00' } };
  const signature = signer.signManifest(manifest);
  // Key order does not matter (canonical JSON); content does.
  expect(verifyManifestSignature({ files: { 'a.json': '00' }, workflowId: 'w' }, signature, signer.publicKey)).toBe(
    true,
  );
  expect(verifyManifestSignature({ ...manifest, workflowId: 'x' }, signature, signer.publicKey)).toBe(false);
  expect(verifyManifestSignature(manifest, signature, other.publicKey)).toBe(false);
  const { treeSize, rootHash, timestamp } = head;
  expect(verifyManifestSignature({ treeSize, rootHash, timestamp }, head.signature, signer.publicKey)).toBe(false);
});

test('public keys load from a public or a private PEM; other key types are refused', () => {
  expect(keyIdOf(publicKeyFromPem(signer.publicKeyPem()))).toBe(signer.keyId);
  const privatePem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  expect(publicKeyFromPem(privatePem).asymmetricKeyType).toBe('ed25519');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
  expect(() => publicKeyFromPem(rsa.toString())).toThrow(/expected an Ed25519 key, got rsa/);
  expect(() => new AuditSigner(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey)).toThrow(/Ed25519/);
});
