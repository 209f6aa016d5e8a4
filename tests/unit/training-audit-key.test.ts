// Training mode signs its audit heads with a key of its own, made in its own folder on its first
// start and kept there — never the key the office configured (TRANSFERFLOW_AUDIT_KEY) nor the dev
// stack's, so a practice head can never verify as one of the office's.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyIdOf, publicKeyFromPem } from '../../activities/audit-signing';

const state = mkdtempSync(path.join(os.tmpdir(), 'tf-training-key-'));
const officeKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
afterAll(() => rmSync(state, { recursive: true, force: true }));

/** The audit-key module with a fresh configuration read from `env` (config() parses process.env once). */
async function auditKeyWith(env: Record<string, string | undefined>): Promise<typeof import('../../client/audit-key')> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    let mod!: typeof import('../../client/audit-key');
    await jest.isolateModulesAsync(async () => {
      mod = await import('../../client/audit-key');
      mod.configuredSigner(); // reads the configuration now, while env is set
    });
    return mod;
  } finally {
    process.env = saved;
  }
}

test('made on the first start in the training folder, kept after; not the office key', async () => {
  const keys = await auditKeyWith({ TRANSFERFLOW_STATE_DIR: state, TRANSFERFLOW_AUDIT_KEY: officeKey });
  const office = keys.devSigner();
  expect(office.file).toBeNull(); // the configured key, as before
  const dir = path.join(state, 'training');
  const first = keys.trainingSigner(dir);
  expect(first.made).toBe(true);
  expect(first.file).toBe(path.join(dir, 'audit-signing-key.pem'));
  expect(statSync(first.file).mode & 0o777).toBe(0o600);
  expect(first.signer.keyId).not.toBe(office.signer.keyId);
  // Its public half beside it, for whoever verifies a training bundle.
  expect(keyIdOf(publicKeyFromPem(readFileSync(first.publicFile, 'utf8')))).toBe(first.signer.keyId);
  const again = keys.trainingSigner(dir);
  expect(again.made).toBe(false);
  expect(again.signer.keyId).toBe(first.signer.keyId);
});

test('without a configured key: not the dev stack key either', async () => {
  const keys = await auditKeyWith({ TRANSFERFLOW_STATE_DIR: state, TRANSFERFLOW_AUDIT_KEY: undefined });
  const dev = keys.devSigner();
  expect(dev.file).toBe(path.join(state, 'audit-signing-key.pem'));
  const training = keys.trainingSigner(path.join(state, 'training'));
  expect(training.signer.keyId).not.toBe(dev.signer.keyId);
});
