/**
 * The one test-database set-up of the server's tests.
 *
 * - `usePglite()`: an in-memory PGlite, migrated (started from a snapshot: `pglite-snapshot.ts`), for
 *   the enclosing `describe` (or file);
 * - `usePostgres(prefix)`: a PostgreSQL database of its own (`<prefix>_<random>`), created before
 *   and dropped (with its connections) after the enclosing `describe`; migrated unless told not to;
 * - `onEachDatabase(suite)`: a suite once on PGlite and once on PostgreSQL, as the storage suite runs.
 *
 * PostgreSQL is `TEST_DATABASE_URL` (any database of the server: it is used to create and drop the
 * test's own) or 127.0.0.1:5432 as `postgres`. `postgresReachable` is false when it does not
 * answer; suites on it are then skipped, except in CI (`CI=true`), where that is an error.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { randomHex } from '../crypto.js';
import { openPostgres, type Db } from '../storage/db.js';
import { migrate } from '../storage/migrations.js';
import { openMigratedPglite } from './pglite-snapshot.js';

export const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const probe = openPostgres(`${url}${url.includes('?') ? '&' : '?'}connect_timeout=2`);
  try {
    await probe.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await probe.close();
  }
}

export const postgresReachable = await reachable(adminUrl);
if (!postgresReachable && process.env.CI === 'true') {
  throw new Error(`PostgreSQL is required in CI but ${new URL(adminUrl).host} did not answer`);
}

/** A database opened for the enclosing `describe`: valid inside its tests and hooks. */
export interface TestDatabase {
  (): Db;
  /** Its connection string (PostgreSQL only), e.g. for a backend process started by the test. */
  readonly url: () => string;
  /** Its name (PostgreSQL only). */
  readonly databaseName: string;
}

/** An in-memory PGlite, migrated, for the enclosing `describe` (or the file, at the top level). */
export function usePglite(): () => Db {
  let lite: Db | undefined;
  beforeAll(async () => {
    lite = await openMigratedPglite();
  });
  afterAll(() => lite?.close());
  return () => {
    if (!lite) throw new Error('The PGlite database is used outside its describe block');
    return lite;
  };
}

/**
 * A PostgreSQL database of its own for the enclosing `describe`: created in `beforeAll` (and
 * migrated unless `migrate: false`), closed and dropped in `afterAll`. Use it inside
 * `describe.runIf(postgresReachable)`.
 */
export function usePostgres(prefix = 'omni_test', options: { readonly migrate?: boolean } = {}): TestDatabase {
  const name = `${prefix}_${randomHex(6)}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let admin: Db | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    admin = openPostgres(adminUrl);
    await admin.query(`CREATE DATABASE ${name}`);
    db = openPostgres(url.toString());
    if (options.migrate !== false) await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.close();
  });
  const get = () => {
    if (!db) throw new Error(`The PostgreSQL database ${name} is used outside its describe block`);
    return db;
  };
  return Object.assign(get, { url: () => url.toString(), databaseName: name });
}

/** `suite(name, getDb)` once per database; `getDb()` is valid inside tests and hooks. */
export function onEachDatabase(suite: (name: string, getDb: () => Db) => void): void {
  describe('PGlite', () => {
    suite('PGlite', usePglite());
  });
  describe.runIf(postgresReachable)('PostgreSQL', () => {
    suite('PostgreSQL', usePostgres());
  });
}
