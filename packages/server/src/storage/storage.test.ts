import { describe, expect, it } from 'vitest';
import { postgresReachable, usePglite, usePostgres } from '../test/databases.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { storageSuite } from './storage.suite.js';

/** PGlite, and PostgreSQL (a database of its own, created and dropped; see `test/databases.ts`). */
storageSuite('PGlite', usePglite());

describe.runIf(postgresReachable)('PostgreSQL', () => {
  storageSuite('PostgreSQL', usePostgres());
});

/** Upgrading a database that holds data from before a migration (PostgreSQL, the production path). */
describe.runIf(postgresReachable)('PostgreSQL upgrade to several providers (migration 200)', () => {
  const getDb = usePostgres('omni_upgrade', { migrate: false });

  it('backfills providers of merchants, sessions and attempts from their single provider', async () => {
    const db = getDb();
    await db.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const migration of MIGRATIONS.filter((m) => m.version < 200)) {
      for (const statement of migration.statements) await db.query(statement);
      await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await db.query(`INSERT INTO merchants (id, name, publishable_key, secret_key_hash, provider_id) VALUES ('mer_1', 'Old', 'pk_test_old', 'h', 'stripe')`);
    await db.query(
      `INSERT INTO checkout_sessions (id, merchant_id, client_secret_hash, status, livemode, currency, country, channel, line_items,
         shipping_options, provider_id, expires_at)
       VALUES ('cs_1', 'mer_1', 'h', 'processing', false, 'EUR', 'DE', 'web', '[]', '[]', 'stripe', now())`,
    );
    await db.query(
      `INSERT INTO confirm_attempts (session_id, attempt, idempotency_key, request_hash, provider_idempotency_key, payment_method)
       VALUES ('cs_1', 1, 'k', 'h', 'cs_1:confirm:1', 'pm_1')`,
    );
    expect(await migrate(db)).toEqual(MIGRATIONS.filter((m) => m.version >= 200).map((m) => m.version));
    const { rows } = await db.query(
      `SELECT m.providers AS merchant, s.providers AS session, a.provider_id AS attempt
       FROM merchants m JOIN checkout_sessions s ON s.merchant_id = m.id JOIN confirm_attempts a ON a.session_id = s.id`,
    );
    expect(rows).toEqual([{ merchant: ['stripe'], session: ['stripe'], attempt: 'stripe' }]);
  });
});
