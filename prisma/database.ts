// Opens the domain database: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite
// (Postgres compiled to WASM) in a local data folder. One schema and one migration history
// serve both. PGlite is single-process: the process that opens it owns the folder.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client';
import { migrate, pendingMigrations, type MigrationReport } from './migrate';
import { lockFolder } from '../client/folder-lock';
import { config } from '../client/config';
import { pgSession, pgliteSession, type SqlSession } from './sql-session';

export type { PrismaClient };

export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** Where the data lives, without credentials, for messages. */
  location: string;
  migrate(log?: (line: string) => void): Promise<MigrationReport>;
  /** Migrations not applied yet; reads only (read-only commands check this instead of migrating). */
  pendingMigrations(): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; default DATABASE_URL. Unset: PGlite. */
  url?: string;
  /** PGlite data folder; default TRANSFERFLOW_DATA_DIR or .transferflow/pglite. */
  dataDir?: string;
}

export function defaultDataDir(): string {
  return config().database.dataDir;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? config().database.url;
  return url ? openPostgres(url) : openPglite(options.dataDir ?? defaultDataDir());
}

async function openPostgres(url: string): Promise<Database> {
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: config().database.poolSize }),
  });
  const withClient = async <T>(fn: (s: SqlSession) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(pgSession(client));
    } finally {
      await client.end();
    }
  };
  return {
    prisma,
    kind: 'postgres',
    location: redactUrl(url),
    migrate: (log) => withClient((s) => migrate(s, { advisoryLock: true, log })),
    pendingMigrations: () => withClient((s) => pendingMigrations(s)),
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    close: () => prisma.$disconnect(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  // PGlite has no lock of its own: a second process on the folder would write it too.
  const lock = lockFolder(path.resolve(dataDir), `the PGlite folder ${dataDir}`);
  let pglite: PGlite;
  try {
    pglite = new PGlite(dataDir);
    await pglite.waitReady;
  } catch (error) {
    lock.release();
    throw error;
  }
  // The adapter is typed against an older @prisma/driver-adapter-utils; the runtime protocol is
  // the same (checked by the test suite), so only the type is bridged here.
  const adapter = new PrismaPGlite(pglite) as unknown as PrismaPg;
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind: 'pglite',
    location: dataDir,
    migrate: (log) => migrate(pgliteSession(pglite), { log }),
    pendingMigrations: () => pendingMigrations(pgliteSession(pglite)),
    ping: async () => {
      await pglite.query('SELECT 1');
    },
    close: async () => {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        lock.release();
      }
    },
  };
}
