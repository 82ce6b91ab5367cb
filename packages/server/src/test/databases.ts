/**
 * Runs a suite on PGlite and on PostgreSQL (a database of its own, created and dropped), like the
 * storage suite. PostgreSQL: `TEST_DATABASE_URL` or 127.0.0.1:5432 as `postgres`; skipped when
 * unreachable, except in CI.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { randomHex } from '../crypto.js';
import { openPglite, openPostgres, type Db } from '../storage/db.js';
import { migrate } from '../storage/migrations.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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

const pgUp = await reachable(adminUrl);
if (!pgUp && process.env.CI === 'true') {
  throw new Error(`PostgreSQL is required in CI but ${new URL(adminUrl).host} did not answer`);
}

/** `suite(name, getDb)` once per database; `getDb()` is valid inside tests and hooks. */
export function onEachDatabase(suite: (name: string, getDb: () => Db) => void): void {
  describe('PGlite', () => {
    let lite: Db;
    beforeAll(async () => {
      lite = await openPglite();
      await migrate(lite);
    });
    afterAll(() => lite?.close());
    suite('PGlite', () => lite);
  });

  describe.runIf(pgUp)('PostgreSQL', () => {
    const name = `omni_test_${randomHex(6)}`;
    let admin: Db;
    let db: Db;
    beforeAll(async () => {
      admin = openPostgres(adminUrl);
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      db = openPostgres(url.toString());
      await migrate(db);
    });
    afterAll(async () => {
      await db?.close();
      await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin?.close();
    });
    suite('PostgreSQL', () => db);
  });
}
