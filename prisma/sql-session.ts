// A minimal raw-SQL session over either database, for what Prisma's client does not do here:
// applying migrations (see migrate.ts) and health checks.
import { Client } from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';

export interface SqlSession {
  /** Runs a script of one or more statements (no parameters). */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
}

export function pgliteSession(db: PGlite | Transaction): SqlSession {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params?: unknown[]) {
      return (await db.query<T>(sql, params)).rows;
    },
    async transaction(fn) {
      if (!('transaction' in db)) throw new Error('nested transactions are not supported');
      return db.transaction((tx) => fn(pgliteSession(tx)));
    },
  };
}

export function pgSession(client: Client): SqlSession {
  const session: SqlSession = {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        const result = await fn(session);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
  };
  return session;
}
