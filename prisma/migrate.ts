// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, recorded in
// Prisma's own `_prisma_migrations` table so `prisma migrate deploy` stays interchangeable where
// Prisma's native engine exists. (`prisma migrate deploy` through a driver adapter fails on
// PostgreSQL here: prisma/orm#27403.)
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { SqlSession } from './sql-session';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/** Any fixed number: serialises concurrent migrators on one PostgreSQL (a worker and an API starting together). */
const MIGRATION_LOCK_KEY = 7_236_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

export async function migrate(
  session: SqlSession,
  options: { dir?: string; advisoryLock?: boolean; log?: (line: string) => void } = {},
): Promise<MigrationReport> {
  const log = options.log ?? (() => undefined);
  if (options.advisoryLock) await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await session.exec(CREATE_TABLE);
    const done = await session.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const doneByName = new Map(done.map((r) => [r.migration_name, r.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const m of listMigrations(options.dir)) {
      const recorded = doneByName.get(m.name);
      if (recorded !== undefined) {
        if (recorded !== m.checksum) {
          throw new Error(
            `migration ${m.name} was edited after it was applied (checksum differs): add a new migration instead`,
          );
        }
        report.alreadyApplied.push(m.name);
        continue;
      }
      log(`applying migration ${m.name}`);
      await session.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
      });
      report.applied.push(m.name);
    }
    return report;
  } finally {
    if (options.advisoryLock) await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}

/** The migrations not yet applied, without applying or creating anything: for read-only commands. */
export async function pendingMigrations(session: SqlSession, dir?: string): Promise<string[]> {
  const [table] = await session.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  const done = table?.present
    ? await session.query<{ migration_name: string }>(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
    : [];
  const applied = new Set(done.map((r) => r.migration_name));
  return listMigrations(dir)
    .map((m) => m.name)
    .filter((name) => !applied.has(name));
}
