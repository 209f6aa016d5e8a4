// Real databases for tests: PGlite in a fresh temporary folder, or a fresh database on the
// PostgreSQL server that tests/support/global-setup.ts started (TEST_DATABASE_URL).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../prisma/database';

export type DatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase extends Database {
  /** Closes and deletes the data. */
  destroy(): Promise<void>;
  /** A URL other processes can use (PostgreSQL only). */
  url?: string;
}

export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL');
  return url;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-pglite-'));
    const db = await openDatabase({ dataDir: dir, url: '' });
    await db.migrate();
    return {
      ...db,
      destroy: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new Client({ connectionString: postgresUrl() });
  const name = `tf_test_${randomBytes(6).toString('hex')}`;
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(postgresUrl());
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = await openDatabase({ url });
  await db.migrate();
  return {
    ...db,
    url,
    destroy: async () => {
      await db.close();
      const c = new Client({ connectionString: postgresUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Closes a test database to every connection (ending the open ones), or opens it again: the fault tests' outage. */
export async function allowConnections(url: string, allowed: boolean): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: postgresUrl() });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS ${allowed}`);
    if (!allowed)
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
  } finally {
    await admin.end();
  }
}
