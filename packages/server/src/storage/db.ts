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

/**
 * A transaction's statements. `last` sends the transaction's final write with COMMIT right behind
 * it (one round trip for both on PostgreSQL) and answers once both are done; statements after it
 * run on their own, outside the transaction (reads only). Wrappers that pass on `query` alone
 * lose only the round trip: `commitWith` falls back to `query`, and the transaction commits as usual.
 */
export interface Transaction extends Queryable {
  last?<T>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
}

/** `tx.last` where the transaction offers it, else `tx.query` (committed when the transaction's function resolves). */
export const commitWith = <T>(tx: Transaction, sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }> =>
  tx.last ? tx.last<T>(sql, params) : tx.query<T>(sql, params);

export interface Db extends Queryable {
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws (unless it
   * committed with `tx.last`). Statements sent without waiting for each other (`Promise.all`) go
   * to PostgreSQL together and run in the order they were sent.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `task` while holding the lock named `key`: tasks with the same key run one at a time, in
   * every process on the database (a PostgreSQL advisory lock; PGlite is one process, so an
   * in-process lock is enough there). For work outside the database, such as a provider call.
   */
  lock<T>(key: string, task: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on a connection of its own, outside any transaction: each statement commits on its
   * own unless `fn` sends BEGIN and COMMIT itself, and session state (a session-level advisory lock,
   * a `SET`) lasts until `fn` settles; the connection is then closed, never handed to another caller.
   * For statements that cannot run in a transaction block (`CREATE INDEX CONCURRENTLY`, the
   * migrations' index builds: migrations.ts). PostgreSQL only: PGlite is one connection, and a `Db`
   * without `session` gets the in-transaction path of those callers.
   */
  session?<T>(fn: (connection: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A per-key mutex in this process: calls with the same key run one after another, in order. */
export function processLock(): Db['lock'] {
  const tails = new Map<string, Promise<unknown>>();
  return function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}

/**
 * Statements sent in one synchronous run leave in one socket write. pg writes each statement on its
 * own (it corks and uncorks its socket around every one), so BEGIN, the statements sent together
 * and COMMIT were a system call and a loopback packet each. `batch()` before a statement corks the
 * connection's socket until the current run ends (a microtask). Where pg's socket cannot be reached
 * (another driver version), it does nothing and statements go out one by one, as before.
 */
function writeBatcher(client: pg.PoolClient): () => void {
  const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  if (typeof stream?.cork !== 'function' || typeof stream.uncork !== 'function') return () => undefined;
  let corked = false;
  return () => {
    if (corked) return;
    corked = true;
    stream.cork!();
    queueMicrotask(() => {
      corked = false;
      stream.uncork!();
    });
  };
}

/** Connections per process (`DATABASE_POOL_SIZE`, default 10): instances × pool must stay below the server's `max_connections`. */
export const DEFAULT_POOL_SIZE = 10;

/** Statement names for prepared statements: one per distinct parameterised SQL text, at most this many. */
const MAX_PREPARED = 500;

/** PGlite in `dataDir`, or in memory when `dataDir` is undefined; `loadDataDir` starts it from a `dumpDataDir()` snapshot. */
export interface PgliteDb extends Db {
  /** The data directory as an uncompressed tarball, for `openPglite(undefined, { loadDataDir })`. */
  dump(): Promise<Blob>;
}

export async function openPglite(dataDir?: string, options: { readonly loadDataDir?: Blob } = {}): Promise<PgliteDb> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  return {
    query: (sql, params) => lite.query(sql, params ? [...params] : []),
    transaction: (fn) => lite.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params ? [...params] : []) })),
    lock: processLock(),
    close: () => lite.close(),
    dump: () => lite.dumpDataDir('none'),
  };
}

export interface PostgresOptions {
  /** Pool size (default `DATABASE_POOL_SIZE` or 10). */
  readonly poolSize?: number;
}

/**
 * A `pg` pool; each transaction gets a dedicated client with BEGIN/COMMIT. Parameterised
 * statements are prepared once per connection (named after their SQL text), so the hot queries
 * skip parsing and planning on the server after their first use on a connection.
 */
export function openPostgres(connectionString: string, options: PostgresOptions = {}): Db {
  const max = options.poolSize ?? (Number(process.env.DATABASE_POOL_SIZE) || DEFAULT_POOL_SIZE);
  // Pipeline mode: a statement sent while the connection waits for another's answer goes out at
  // once instead of waiting its turn in pg's queue (PostgreSQL still runs them one after another,
  // in order). A transaction's BEGIN travels with its first statement, `last` with its COMMIT.
  const pool = new (loadPg().Pool)({ connectionString, max, pipeline: true });
  // An idle connection the server drops (restart, failover) is discarded by the pool; the next query opens a new one.
  pool.on('error', () => undefined);
  const names = new Map<string, string>();
  const nameOf = (sql: string): string | undefined => {
    let name = names.get(sql);
    if (!name && names.size < MAX_PREPARED) names.set(sql, (name = `omni_${names.size}`));
    return name;
  };
  const query = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    const name = params?.length ? nameOf(sql) : undefined;
    const result = name ? await client.query({ name, text: sql, values: [...params!] }) : await client.query(sql, params ? [...params] : []);
    return { rows: result.rows as T[] };
  };
  return {
    query: (sql, params) => query(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      const batch = writeBatcher(client);
      // After `last`: committed (later reads run on their own), or failed (nothing more may run).
      let ended: 'committed' | 'failed' | null = null;
      // Not awaited: the first statement follows BEGIN on the wire (in the same write), and answers only once BEGIN has.
      batch();
      const begun = client.query('BEGIN');
      begun.catch(() => undefined);
      const send = async <T>(sql: string, params?: readonly unknown[]) => {
        if (ended === 'failed') throw new Error('This transaction failed in its last statement and was rolled back');
        if (ended === 'committed') return query<T>(client, sql, params);
        batch();
        const [, answer] = await Promise.all([begun, query<T>(client, sql, params)]);
        return answer;
      };
      try {
        const result = await fn({
          query: send,
          async last<T>(sql: string, params?: readonly unknown[]) {
            if (ended) throw new Error('This transaction has ended already');
            try {
              // PostgreSQL answers COMMIT in a failed transaction with a rollback, not an error: the
              // statement's own error is what says it failed.
              const [answer] = await Promise.all([send<T>(sql, params), client.query('COMMIT')]);
              ended = 'committed';
              return answer;
            } catch (error) {
              ended = 'failed';
              throw error;
            }
          },
        });
        if (!ended) {
          batch();
          await Promise.all([begun, client.query('COMMIT')]);
        }
        else if (ended === 'failed') throw new Error('This transaction failed in its last statement and was rolled back');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async lock(key, task) {
      // A session-level advisory lock on a connection of its own: held across the task (which may
      // call a provider), released on unlock or when the connection drops.
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
        try {
          return await task();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => {
            broken = true;
          });
        }
      } finally {
        // A connection whose unlock failed may still hold the lock: close it rather than reuse it.
        client.release(broken);
      }
    },
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn({ query: (sql, params) => query(client, sql, params) });
      } finally {
        // Closed rather than reused: whatever the session left behind (a lock, a setting, a
        // transaction cut short by an error) goes with it.
        client.release(true);
      }
    },
    close: () => pool.end(),
  };
}
