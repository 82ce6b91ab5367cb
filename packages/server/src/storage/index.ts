import { resolve } from 'node:path';
import { openPglite, openPostgres, type Db } from './db.js';
import { migrate } from './migrations.js';
import { storageFromDb, type Sealer, type Storage } from './storage.js';

export * from './storage.js';
export { migrate, MIGRATIONS, pendingMigrations } from './migrations.js';
export { openPglite, openPostgres, type Db, type Queryable } from './db.js';

export interface StorageOptions {
  /** PostgreSQL connection string; when set, PGlite is not used. */
  readonly databaseUrl?: string;
  /** PGlite data directory; `null` keeps the database in memory (tests). Default `.omni-data/pglite`. */
  readonly dataDir?: string | null;
  /** Seals contact and address columns (docs/security.md R32); see `identity/vault.ts`. */
  readonly vault?: Sealer;
}

/** Opens the database named by `options` (or the environment). Does not migrate. */
export async function openDb(options: StorageOptions = {}): Promise<Db> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  if (options.dataDir === null) return openPglite();
  return openPglite(resolve(options.dataDir ?? process.env.OMNI_DATA_DIR ?? '.omni-data/pglite'));
}

/** Opens the database, applies pending migrations and returns the storage with its `Db`. */
export async function createStorage(options: StorageOptions = {}): Promise<{ storage: Storage; db: Db }> {
  const db = await openDb(options);
  await migrate(db);
  return { storage: storageFromDb(db, { vault: options.vault }), db };
}
