// Where evidence documents live. A document is addressed by the SHA-256 of its content: findings
// cite { name, sha256 }, and anyone can check a file against the hash. The store is pluggable;
// the default keeps files in a folder (TRANSFERFLOW_EVIDENCE_DIR, default .transferflow/evidence).
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { config, type Config } from './config';

export interface StoredEvidence {
  sha256: string;
  size: number;
}

export interface EvidenceStore {
  /** Where documents are kept, for messages. */
  readonly location: string;
  put(content: Buffer): Promise<StoredEvidence>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

export const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Of(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Files named by their hash under two-letter folders; written to a temporary name, then renamed, so a reader never sees half a file. */
export class FolderEvidenceStore implements EvidenceStore {
  constructor(readonly location: string) {}

  private file(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.location, sha256.slice(0, 2), sha256);
  }

  async put(content: Buffer): Promise<StoredEvidence> {
    const sha256 = sha256Of(content);
    const file = this.file(sha256);
    if (!(await this.has(sha256))) {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, content, { flag: 'wx' });
      await rename(tmp, file);
    }
    return { sha256, size: content.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!SHA256.test(sha256)) return null;
    try {
      const content = await readFile(this.file(sha256));
      // A file edited on disk no longer matches its name: refuse it rather than serve it as evidence.
      if (sha256Of(content) !== sha256) throw new Error(`evidence ${sha256} in ${this.location} was altered on disk`);
      return content;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    return stat(this.file(sha256)).then(
      () => true,
      () => false,
    );
  }
}

/** The folder store the configuration names (TRANSFERFLOW_EVIDENCE_DIR, default <state dir>/evidence). */
export function evidenceStoreFromEnv(cfg: Pick<Config, 'evidenceDir'> = config()): EvidenceStore {
  return new FolderEvidenceStore(cfg.evidenceDir);
}
