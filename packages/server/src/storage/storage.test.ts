import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomHex } from '../crypto.js';
import { openPglite, openPostgres, type Db } from './db.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { storageSuite } from './storage.suite.js';

let lite: Db;
beforeAll(async () => {
  lite = await openPglite();
  await migrate(lite);
});
afterAll(() => lite?.close());
storageSuite('PGlite', () => lite);

/**
 * PostgreSQL: `TEST_DATABASE_URL` (any database on the server) or 127.0.0.1:5432 as `postgres`.
 * Each run creates and drops its own database. Skipped when unreachable, except in CI.
 */
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
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  });
  storageSuite('PostgreSQL', () => db);
});

/** Upgrading a database that holds data from before a migration (PostgreSQL, the production path). */
describe.runIf(pgUp)('PostgreSQL upgrade to several providers (migration 200)', () => {
  const name = `omni_upgrade_${randomHex(6)}`;
  let admin: Db;
  let db: Db;
  beforeAll(async () => {
    admin = openPostgres(adminUrl);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    db = openPostgres(url.toString());
  });
  afterAll(async () => {
    await db?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  });

  it('backfills providers of merchants, sessions and attempts from their single provider', async () => {
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
