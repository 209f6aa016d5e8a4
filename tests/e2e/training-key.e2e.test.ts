// `transferflow dev --training` as an office would start it, with the office's own audit key
// configured (TRANSFERFLOW_AUDIT_KEY): training signs with a key of its own, made in
// .transferflow/training/ on its first start, and its heads name that key, not the office's.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditSigner, keyIdOf, publicKeyFromPem } from '../../activities/audit-signing';
import { freePort } from '../support/free-port';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';

const BIN = path.join(__dirname, '..', '..', 'bin', 'transferflow.js');
const AUDITOR_KEY = 'training-key-auditor-0123456789abcdef';
const BANK_KEY = 'training-key-bank-0123456789abcdef';
const state = mkdtempSync(path.join(os.tmpdir(), 'tf-training-key-e2e-'));
const officePem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let child: ChildProcess | undefined;
let exited: Promise<number | null>;
let output = '';

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(state, { recursive: true, force: true });
}, 60_000);

test('training makes its own key on first start and signs with it, not with the configured key', async () => {
  const env = {
    ...(process.env as Record<string, string>),
    NODE_OPTIONS: '',
    DATABASE_URL: '',
    TEMPORAL_ADDRESS: '',
    TRANSFERFLOW_STATE_DIR: state,
    TRANSFERFLOW_AUDIT_KEY: officePem,
    TRANSFERFLOW_API_KEYS: JSON.stringify([
      { name: 'auditor', role: 'auditor', key: AUDITOR_KEY },
      { name: 'bank', role: 'bank', key: BANK_KEY, bankIds: [EXAMPLE_LOAN_REQUEST.bank.id] },
    ]),
    PORT: String(await freePort()),
    TRANSFERFLOW_MAIL_PORT: String(await freePort()),
    TRANSFERFLOW_MAIL_UI_PORT: String(await freePort()),
  };
  child = spawn(process.execPath, [BIN, 'dev', '--training'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
  const apiUrl = await new Promise<string>((resolve, reject) => {
    const onData = (c: Buffer) => {
      output += c.toString();
      const m = /API\s+(http:\/\/[\d.:]+)\/v1/.exec(output);
      if (m) resolve(m[1]);
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`transferflow dev --training exited (${code}):\n${output}`)));
  });

  const keyFile = path.join(state, 'training', 'audit-signing-key.pem');
  expect(output).toContain(`audit signing key (training only): ${keyFile} (made now)`);
  const training = AuditSigner.fromPem(readFileSync(keyFile, 'utf8'));
  const office = AuditSigner.fromPem(officePem);
  expect(training.keyId).not.toBe(office.keyId);
  expect(
    keyIdOf(publicKeyFromPem(readFileSync(path.join(state, 'training', 'audit-signing-key.pub.pem'), 'utf8'))),
  ).toBe(training.keyId);
  // Nothing of training's in the office's own state folder.
  expect(existsSync(path.join(state, 'audit-signing-key.pem'))).toBe(false);

  // A practice loan check puts an entry in the log, and a head is signed over it.
  const check = await fetch(`${apiUrl}/v1/loan-checks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BANK_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(EXAMPLE_LOAN_REQUEST),
  });
  expect(check.status).toBe(200);
  const auth = { authorization: `Bearer ${AUDITOR_KEY}` };
  const signed = await fetch(`${apiUrl}/v1/audit/heads`, { method: 'POST', headers: auth });
  expect(signed.status).toBe(200);
  const heads = (await (await fetch(`${apiUrl}/v1/audit/heads`, { headers: auth })).json()) as {
    keyId: string;
    heads: Array<{ keyId: string }>;
  };
  expect(heads.keyId).toBe(training.keyId);
  expect(heads.heads.length).toBeGreaterThan(0);
  for (const head of heads.heads) expect(head.keyId).toBe(training.keyId);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 180_000);
