// Where the audit log's signing key comes from: TRANSFERFLOW_AUDIT_KEY or the file
// TRANSFERFLOW_AUDIT_KEY_FILE names — never the database. `transferflow dev` makes one in its
// git-ignored state folder when neither is set, so a fresh clone signs heads out of the box;
// training mode (`transferflow dev --training`) always makes and keeps its own in its own folder.
// Verifiers need only the public key: --public-key, else the public half of the configured key,
// else the dev stack's public key file.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { AuditSigner, publicKeyFromPem } from '../activities/audit-signing';
import { config } from './config';

export const DEV_KEY_FILE = 'audit-signing-key.pem';
export const DEV_PUBLIC_KEY_FILE = 'audit-signing-key.pub.pem';

function configuredPem(): string | undefined {
  const { signingKey, signingKeyFile } = config().audit;
  return signingKey ?? (signingKeyFile ? readFileSync(signingKeyFile, 'utf8') : undefined);
}

/** The configured signer, if a key is configured; a clear error if the key is not an Ed25519 private key. */
export function configuredSigner(): AuditSigner | undefined {
  const pem = configuredPem();
  if (!pem) return undefined;
  try {
    return AuditSigner.fromPem(pem);
  } catch (error) {
    throw new Error(
      `TRANSFERFLOW_AUDIT_KEY(_FILE): expected an Ed25519 private key in PKCS#8 PEM: ${(error as Error).message}`,
    );
  }
}

/** A signer kept in `dir`, and whether it was made now. */
export interface FolderSigner {
  signer: AuditSigner;
  file: string;
  publicFile: string;
  made: boolean;
}

/** The Ed25519 key kept in `dir` (made there on first use, readable by its owner only), its public half beside it. */
function folderSigner(dir: string): FolderSigner {
  const file = path.join(dir, DEV_KEY_FILE);
  const made = !existsSync(file);
  if (made) {
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  const signer = AuditSigner.fromPem(readFileSync(file, 'utf8'));
  const publicFile = path.join(dir, DEV_PUBLIC_KEY_FILE);
  writeFileSync(publicFile, signer.publicKeyPem());
  return { signer, file, publicFile, made };
}

/** The configured signer, or the dev stack's own key in the state folder (made on first use). */
export function devSigner(): { signer: AuditSigner; file: string | null; publicFile?: string; made: boolean } {
  const configured = configuredSigner();
  if (configured) return { signer: configured, file: null, made: false };
  return folderSigner(config().stateDir);
}

/**
 * Training mode's key: always its own, kept in its own data folder (`dir`, .transferflow/training/)
 * and made on its first start — never the configured key nor the dev stack's. Practice heads
 * signed with the office's key would verify as the office's; with a key of their own they cannot.
 */
export function trainingSigner(dir: string): FolderSigner {
  return folderSigner(dir);
}

/** The public key a verifier uses (see the header); undefined when none can be found. */
export function verifierPublicKey(file?: string): KeyObject | undefined {
  if (file) {
    const text = readFileSync(file, 'utf8');
    // A kept heads file names the key it was kept with.
    const pem = text.trimStart().startsWith('{') ? (JSON.parse(text) as { publicKey?: string }).publicKey : text;
    if (!pem) throw new Error(`${file} holds no public key`);
    return publicKeyFromPem(pem);
  }
  const configured = configuredSigner();
  if (configured) return configured.publicKey;
  const dev = path.join(config().stateDir, DEV_PUBLIC_KEY_FILE);
  return existsSync(dev) ? publicKeyFromPem(readFileSync(dev, 'utf8')) : undefined;
}
