/**
 * Migrations through Umzug: a database migrated by the earlier hand-written runner (its
 * `schema_migrations` rows) gets only what is new; pending versions are reported for /readyz;
 * several processes migrating one PostgreSQL at once apply each migration once.
 */
import { describe, expect, it } from 'vitest';
import { randomHex } from '../crypto.js';
import { openPglite, openPostgres } from './db.js';
import { MIGRATIONS, migrate, pendingMigrations } from './migrations.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pgUp = await (async () => {
  const probe = openPostgres(`${adminUrl}${adminUrl.includes('?') ? '&' : '?'}connect_timeout=2`);
  try {
    await probe.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await probe.close();
  }
})();

describe('migrations', () => {
  it('keeps the records of the earlier runner and applies only what is new', async () => {
    const db = await openPglite();
    try {
      // What the hand-written runner left behind: the first migrations applied and recorded.
      const old = MIGRATIONS.filter((m) => m.version < 1000);
      await db.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const migration of old) {
        for (const statement of migration.statements) await db.query(statement);
        await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      }
      const newer = MIGRATIONS.filter((m) => m.version >= 1000).map((m) => m.version);
      expect(await pendingMigrations(db)).toEqual(newer);
      expect(await migrate(db)).toEqual(newer);
      expect(await pendingMigrations(db)).toEqual([]);
      expect(await migrate(db)).toEqual([]);
      const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    } finally {
      await db.close();
    }
  }, 60_000);

  it('reports every migration pending on an empty database', async () => {
    const db = await openPglite();
    try {
      expect(await pendingMigrations(db)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await db.close();
    }
  }, 60_000);

  it.runIf(pgUp)('applies each migration once when four processes migrate one PostgreSQL at once', async () => {
    const name = `omni_migrate_${randomHex(6)}`;
    const admin = openPostgres(adminUrl);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const processes = Array.from({ length: 4 }, () => openPostgres(url.toString()));
    try {
      const results = await Promise.all(processes.map((db) => migrate(db)));
      expect(results.flat().sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
      expect(results.filter((applied) => applied.length > 0)).toHaveLength(1);
    } finally {
      await Promise.all(processes.map((db) => db.close()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    }
  }, 60_000);
});
