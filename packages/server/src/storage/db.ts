/**
 * The smallest database surface the storage needs, with two drivers that run the same SQL:
 * PGlite (embedded PostgreSQL in WASM) and `pg` (a real PostgreSQL server).
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/** Loaded only when PostgreSQL is used, so PGlite-only processes never load `pg`. */
const loadPg = () => createRequire(import.meta.url)('pg') as typeof pg;

export interface Queryable {
  query<T>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PGlite in `dataDir`, or in memory when `dataDir` is undefined. */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  return {
    query: (sql, params) => lite.query(sql, params ? [...params] : []),
    transaction: (fn) => lite.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params ? [...params] : []) })),
    close: () => lite.close(),
  };
}

/** A `pg` pool; each transaction gets a dedicated client with BEGIN/COMMIT. */
export function openPostgres(connectionString: string): Db {
  const pool = new (loadPg().Pool)({ connectionString, max: 10 });
  // An idle connection the server drops (restart, failover) is discarded by the pool; the next query opens a new one.
  pool.on('error', () => undefined);
  const query = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    const result = await client.query(sql, params ? [...params] : []);
    return { rows: result.rows as T[] };
  };
  return {
    query: (sql, params) => query(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => query(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
