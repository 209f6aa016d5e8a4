// The folder evidence store: content-addressed, idempotent, and a document altered on disk is refused.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolderEvidenceStore, sha256Of } from '../../client/evidence-store';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-evidence-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a document is stored under its SHA-256, once however often it is uploaded', async () => {
  const store = new FolderEvidenceStore(dir);
  const content = Buffer.from('board minutes 2025-03-10: decided collectively');
  const a = await store.put(content);
  const b = await store.put(content);
  expect(a).toEqual({ sha256: sha256Of(content), size: content.length });
  expect(b).toEqual(a);
  expect(readdirSync(path.join(dir, a.sha256.slice(0, 2)))).toEqual([a.sha256]); // no temporary files left behind
  expect((await store.get(a.sha256))?.toString()).toBe(content.toString());
  expect(await store.has(a.sha256)).toBe(true);
});

test('unknown or malformed hashes are simply absent; an altered file is refused, not served', async () => {
  const store = new FolderEvidenceStore(dir);
  expect(await store.get('0'.repeat(64))).toBeNull();
  expect(await store.has('../../etc/passwd')).toBe(false);
  expect(await store.get('../../etc/passwd')).toBeNull();
  const { sha256 } = await store.put(Buffer.from('exchange notice 2025-117'));
  writeFileSync(path.join(dir, sha256.slice(0, 2), sha256), 'exchange notice 2025-118');
  await expect(store.get(sha256)).rejects.toThrow(/was altered on disk/);
});
