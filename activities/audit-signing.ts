// Signed tree heads and signed bundle manifests: Ed25519 through node:crypto. The private key
// comes from the environment or a key file (client/audit-key.ts), never from the database, so
// someone who can rewrite the database still cannot sign a head for a rewritten log. Each kind
// of message is prefixed with its own label, so a signature over one can never be replayed as the other.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../policies/canonical-json';

/** A tree head as it is signed, stored, exported and kept by auditors. */
export interface SignedTreeHead {
  treeSize: number;
  /** MTH of the first treeSize leaves, hex. */
  rootHash: string;
  timestamp: string;
  /** SHA-256 of the public key (SPKI DER), hex: which key signed. */
  keyId: string;
  /** Ed25519 over headMessage(), base64. */
  signature: string;
}

const HEAD_LABEL = 'transferflow audit tree head v1\n';
const MANIFEST_LABEL = 'transferflow audit bundle manifest v1\n';

function headMessage(h: Pick<SignedTreeHead, 'treeSize' | 'rootHash' | 'timestamp'>): Buffer {
  return Buffer.from(
    HEAD_LABEL + canonicalJson({ treeSize: h.treeSize, rootHash: h.rootHash, timestamp: h.timestamp }),
  );
}

function manifestMessage(manifest: unknown): Buffer {
  return Buffer.from(MANIFEST_LABEL + canonicalJson(manifest));
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** A public key from PEM text: a public key, or the public half of a private key. */
export function publicKeyFromPem(pem: string): KeyObject {
  const key = /PRIVATE KEY/.test(pem) ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

export class AuditSigner {
  readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519')
      throw new Error(`the audit signing key must be Ed25519, got ${privateKey.asymmetricKeyType}`);
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  static fromPem(pem: string): AuditSigner {
    return new AuditSigner(createPrivateKey(pem));
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  signHead(treeSize: number, rootHash: string, timestamp: string): SignedTreeHead {
    const signature = sign(null, headMessage({ treeSize, rootHash, timestamp }), this.privateKey).toString('base64');
    return { treeSize, rootHash, timestamp, keyId: this.keyId, signature };
  }

  signManifest(manifest: unknown): string {
    return sign(null, manifestMessage(manifest), this.privateKey).toString('base64');
  }
}

export function verifyHeadSignature(h: SignedTreeHead, publicKey: KeyObject): boolean {
  try {
    return verify(null, headMessage(h), publicKey, Buffer.from(h.signature, 'base64'));
  } catch {
    return false;
  }
}

export function verifyManifestSignature(manifest: unknown, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, manifestMessage(manifest), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
