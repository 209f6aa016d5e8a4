// The whole service on real parts for end-to-end tests: the Temporal CLI dev server, a real
// database (PGlite or PostgreSQL), the worker and the HTTP API on a free port.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { ApiKeys } from '../../client/api/auth';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';
import { EXAMPLE_LOAN_REQUEST } from '../../policies/ma-loan/example-request';
import { AuditSigner } from '../../activities/audit-signing';
import { FolderEvidenceStore } from '../../client/evidence-store';
import { startStack, type Stack } from '../../client/stack';
import type { SmtpSettings } from '../../client/notices/sender';
import { devServerEnv } from './temporal-env';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './test-db';

export const KEYS = {
  bank: 'test-bank-key-0123456789',
  otherBank: 'test-other-bank-key-0123456789',
  auditor: 'test-auditor-key-0123456789',
  tto: 'test-tto-key-0123456789',
  admin: 'test-admin-key-0123456789',
  department: 'test-department-key-0123456789',
  committee: 'test-committee-key-0123456789',
  licensee: 'test-licensee-key-0123456789',
  otherLicensee: 'test-other-licensee-key-0123456789',
  reviewer: 'test-reviewer-key-0123456789',
};

/** The organisation the test licensee key acts for: the README example licence's licensee (it names no id). */
export const LICENSEE_ORG = EXAMPLE_LICENCE.licensee.name;

/** Scoped like the dev stack's keys: the bank key acts for the README's bank, the licensee key for its licensee. */
export const testKeys = () =>
  new ApiKeys([
    { name: 'bank-ops', role: 'bank', key: KEYS.bank, bankIds: [EXAMPLE_LOAN_REQUEST.bank.id] },
    { name: 'other-bank-ops', role: 'bank', key: KEYS.otherBank, bankIds: ['other-bank'] },
    { name: 'auditor-1', role: 'auditor', key: KEYS.auditor },
    { name: 'tto-1', role: 'tto', key: KEYS.tto },
    { name: 'admin-1', role: 'admin', key: KEYS.admin },
    { name: 'department-1', role: 'department', key: KEYS.department },
    { name: 'committee-1', role: 'committee', key: KEYS.committee },
    { name: 'liangjiang-sensors', role: 'licensee', key: KEYS.licensee, licenseeId: LICENSEE_ORG },
    { name: 'other-licensee', role: 'licensee', key: KEYS.otherLicensee, licenseeId: 'Other Licensee Ltd.' },
    { name: 'reviewer-1', role: 'reviewer', key: KEYS.reviewer },
  ]);

export interface E2E {
  evidenceDir: string;
  /** The audit log's signer: each test stack makes its own key. */
  auditSigner: AuditSigner;
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  stack: Stack;
  call(
    method: string,
    path: string,
    key?: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startE2E(
  kind: DatabaseKind,
  options: { syncTimeoutMs?: number; handlerTimeoutMs?: number; smtp?: SmtpSettings & { intervalMs?: number } } = {},
): Promise<E2E> {
  const [env, db] = await Promise.all([devServerEnv(), openTestDatabase(kind)]);
  const evidenceDir = mkdtempSync(path.join(os.tmpdir(), 'tf-evidence-'));
  const auditSigner = new AuditSigner(generateKeyPairSync('ed25519').privateKey);
  const stack = await startStack({
    auditSigner,
    temporal: { address: env.address, namespace: 'default' },
    database: db,
    keys: testKeys(),
    port: 0,
    syncTimeoutMs: options.syncTimeoutMs,
    handlerTimeoutMs: options.handlerTimeoutMs,
    evidence: new FolderEvidenceStore(evidenceDir),
    // No mail server unless the test starts one: notices then wait in the outbox.
    smtp: options.smtp ?? { host: undefined, port: 25, tls: false, from: 'test' },
  });
  return {
    evidenceDir,
    auditSigner,
    env,
    db,
    stack,
    async call(method, path, key, body) {
      const res = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async close() {
      await stack.stop();
      await env.teardown();
      await db.destroy();
      rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}

/** Starts the stack once for the enclosing describe block (or file) and stops it after. */
export function useE2E(kind: DatabaseKind): () => E2E {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2E(kind);
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });
  return () => {
    if (!e2e) throw new Error('the stack did not start: see the beforeAll error above');
    return e2e;
  };
}
