import { resolve } from 'node:path';
import { openPglite, openPostgres, type Db } from './db.js';
import { migrate } from './migrations.js';
import { storageFromDb, type Sealer, type Storage } from './storage.js';

export * from './storage.js';
export { migrate, MIGRATIONS, pendingMigrations } from './migrations.js';
export { commitWith, openPglite, openPostgres, processLock, DEFAULT_POOL_SIZE, type Db, type Queryable, type Transaction } from './db.js';
export { createSweeper, sweep, SWEEPER_DEFAULTS, type Sweeper, type SweeperOptions, type SweepResult } from './sweeper.js';
export { MERCHANT_CACHE_MS } from './merchant-cache.js';
export { DEFAULT_PAGE_LIMIT, keysetPage, MAX_PAGE_LIMIT, type Page, type PageRequest, type PageResult } from './pages.js';

export interface StorageOptions {
  /** PostgreSQL connection string; when set, PGlite is not used. */
  readonly databaseUrl?: string;
  /** PGlite data directory; `null` keeps the database in memory (tests). Default `.omni-data/pglite`. */
  readonly dataDir?: string | null;
  /**
   * Seals contact and address columns, stored confirm responses and the client secrets kept for
   * repeated session creates (docs/security.md R32); see `identity/vault.ts`. Without one they are
   * stored as they are (tests, an embedding without OMNI_DATA_KEYS); `serve` always has one.
   */
  readonly vault?: Sealer;
  /** PostgreSQL connections per process (default `DATABASE_POOL_SIZE` or 10). */
  readonly poolSize?: number;
  /** How long a merchant looked up by key is trusted in memory (default 5 s; 0 turns the cache off). */
  readonly merchantCacheMs?: number;
}

/** Opens the database named by `options` (or the environment). Does not migrate. */
export async function openDb(options: StorageOptions = {}): Promise<Db> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return openPostgres(url, options.poolSize ? { poolSize: options.poolSize } : {});
  if (options.dataDir === null) return openPglite();
  return openPglite(resolve(options.dataDir ?? process.env.OMNI_DATA_DIR ?? '.omni-data/pglite'));
}

/** Opens the database, applies pending migrations and returns the storage with its `Db`. */
export async function createStorage(options: StorageOptions = {}): Promise<{ storage: Storage; db: Db }> {
  const db = await openDb(options);
  await migrate(db);
  const merchantCache = options.merchantCacheMs !== undefined ? { ttlMs: options.merchantCacheMs } : {};
  return { storage: storageFromDb(db, { vault: options.vault, merchantCache }), db };
}
