/**
 * The indexes migrations build outside their transaction (`Migration.indexes`, migrations.ts): on
 * PGlite in the migration's transaction, on PostgreSQL with `CREATE INDEX CONCURRENTLY` after the
 * migration's statements have committed. Checked here: the indexes of 2200 and 2300 are the ones
 * their in-transaction statements built (same names, same definitions: `INSERT … ON CONFLICT`
 * relies on 2300's); a migration stopped between its steps runs again; on PostgreSQL writes to the
 * table go on while its index is built, an INVALID leftover is dropped and built again, a failed
 * build fails the migration with an error naming the index, a migrator of an earlier release
 * (waiting for the lock inside a transaction) gets through and the build runs again, and several
 * migrators started at once all finish with each index built once (no deadlock between the build
 * and the migration lock).
 */
import { describe, expect, it } from 'vitest';
import { randomHex } from '../crypto.js';
import { postgresReachable, usePostgres } from '../test/databases.js';
import { openPglite, openPostgres, type Db, type Queryable } from './db.js';
import { MIGRATIONS, migrate, pendingMigrations } from './migrations.js';

/** What the in-transaction statements of 2200 and 2300 built (`pg_get_indexdef`, PostgreSQL 15). */
const BUILT_BEFORE: Record<string, string> = {
  orders_merchant_page_idx: 'CREATE INDEX orders_merchant_page_idx ON public.orders USING btree (merchant_id, created_at, id)',
  merchant_events_merchant_page_idx:
    'CREATE INDEX merchant_events_merchant_page_idx ON public.merchant_events USING btree (merchant_id, created_at, id)',
  merchant_events_type_page_idx:
    'CREATE INDEX merchant_events_type_page_idx ON public.merchant_events USING btree (merchant_id, type, created_at, id)',
  checkout_sessions_idempotency_idx:
    'CREATE UNIQUE INDEX checkout_sessions_idempotency_idx ON public.checkout_sessions USING btree (merchant_id, idempotency_key) WHERE (idempotency_key IS NOT NULL)',
};
/** The indexes 2200's replace. */
const REPLACED = ['orders_merchant_idx', 'merchant_events_merchant_idx'];

/** The indexes of `names` that exist: their definition and whether PostgreSQL may use them. */
async function indexes(db: Queryable, names: readonly string[]): Promise<Record<string, { definition: string; valid: boolean }>> {
  const { rows } = await db.query<{ name: string; definition: string; valid: boolean }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid AS valid
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ANY($1::text[])`,
    [[...names]],
  );
  return Object.fromEntries(rows.map((row) => [row.name, { definition: row.definition, valid: row.valid }]));
}

/** Every index of 2200 and 2300 as their in-transaction statements built it, valid; the replaced ones gone. */
async function expectBuiltAsBefore(db: Queryable): Promise<void> {
  const expected = Object.fromEntries(Object.entries(BUILT_BEFORE).map(([name, definition]) => [name, { definition, valid: true }]));
  expect(await indexes(db, [...Object.keys(BUILT_BEFORE), ...REPLACED])).toEqual(expected);
}

const withIndexes = MIGRATIONS.filter((m) => m.indexes?.length || m.dropIndexes?.length);
/** The version before `version` in `MIGRATIONS`. */
const before = (version: number) => MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === version) - 1]!.version;

it('declares the indexes of 2200 and 2300 as built outside their transaction, the names the checks go by', () => {
  expect(withIndexes.map((m) => m.version)).toEqual([2200, 2300]);
  expect(withIndexes.flatMap((m) => m.indexes ?? []).map((index) => index.name)).toEqual(Object.keys(BUILT_BEFORE));
  expect(withIndexes.flatMap((m) => m.dropIndexes ?? [])).toEqual(REPLACED);
});

describe('PGlite', () => {
  it('builds the indexes in the transaction as before, and a migration stopped after its statements runs again', async () => {
    const db = await openPglite();
    try {
      const applied: number[] = [];
      for (const migration of withIndexes) {
        applied.push(...(await migrate(db, { to: before(migration.version) })));
        // Its statements committed, then the process stopped before its index builds.
        await db.transaction(async (tx) => {
          for (const statement of migration.statements) await tx.query(statement);
        });
        expect(await pendingMigrations(db)).toContain(migration.version);
      }
      applied.push(...(await migrate(db)));
      expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
      await expectBuiltAsBefore(db);
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  }, 60_000);
});

/** A transaction held open on its own connection until `end()` (rolled back); `begun` once `statement` has run in it. */
function holdTransaction(url: string, statement: string): { begun: Promise<void>; end: () => Promise<void> } {
  const db = openPostgres(url, { poolSize: 1 });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let begun!: () => void;
  const started = new Promise<void>((resolve) => (begun = resolve));
  const done = db
    .transaction(async (tx) => {
      await tx.query(statement);
      begun();
      await released;
      throw new Error('rolled back');
    })
    .catch(() => undefined);
  let ended: Promise<void> | undefined;
  return {
    begun: Promise.race([started, done.then(() => Promise.reject(new Error(`${statement} failed`)))]),
    end: () => {
      release();
      return (ended ??= done.then(() => db.close()));
    },
  };
}

/** Polls `check` until it answers something (not undefined), at most `ms`. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const answer = await check();
    if (answer !== undefined) return answer;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The backend building (or waiting to build) `index`, once it waits on a lock. */
const builderOf = (db: Queryable, index: string) =>
  waitFor(`the build of ${index}`, async () => {
    const { rows } = await db.query<{ pid: number; query: string }>(
      `SELECT pid, query FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND wait_event_type = 'Lock'
          AND query LIKE 'CREATE %' AND query LIKE '%' || $1 || '%'`,
      [index],
    );
    return rows[0];
  });

const MERCHANT = `INSERT INTO merchants (id, name, publishable_key, secret_key_hash, providers) VALUES ($1, 'Shop', $2, $3, '["mock"]'::jsonb)`;
const SESSION = `INSERT INTO checkout_sessions (id, merchant_id, client_secret_hash, status, livemode, currency, country, channel,
    line_items, shipping_options, provider_id, expires_at, providers)
  VALUES ($1, $2, $3, 'open', false, 'EUR', 'DE', 'web', '[]'::jsonb, '[]'::jsonb, 'mock', now() + interval '1 hour', '["mock"]'::jsonb)`;
const ORDER = `INSERT INTO orders (id, merchant_id, session_id, status, amount, currency, line_items, provider_id, payment_reference, amount_captured)
  VALUES ($1, $2, $3, 'paid', 1000, 'EUR', '[]'::jsonb, 'mock', $4, 1000)`;

/** A merchant and an open session of it. */
async function seed(db: Queryable): Promise<{ merchant: string; session: string }> {
  const merchant = `m_${randomHex(6)}`;
  const session = `cs_${randomHex(6)}`;
  await db.query(MERCHANT, [merchant, `pk_test_${merchant}`, `hash_${merchant}`]);
  await db.query(SESSION, [session, merchant, `secret_${session}`]);
  return { merchant, session };
}

describe.runIf(postgresReachable)('PostgreSQL', () => {
  describe('a build in progress', () => {
    const database = usePostgres('omni_migidx', { migrate: false });

    it('lets writes to the table go on while its index is built, and records the migration only after', async () => {
      const db = database();
      expect(await migrate(db, { to: before(2200) })).toEqual(MIGRATIONS.filter((m) => m.version < 2200).map((m) => m.version));
      const { merchant, session } = await seed(db);
      // A writer of `orders` in the middle of its transaction: a build of an index on `orders`
      // waits for it (plain CREATE INDEX for its SHARE lock, CONCURRENTLY for its first phase).
      const writer = holdTransaction(database.url(), 'LOCK TABLE orders IN ROW EXCLUSIVE MODE');
      await writer.begun;
      const migrating = migrate(db).then(
        (applied) => ({ applied }),
        (error: unknown) => ({ error }),
      );
      try {
        const builder = await builderOf(db, 'orders_merchant_page_idx');
        // A checkout's write meanwhile: under the SHARE lock of a plain CREATE INDEX (or behind its
        // queued request) it would wait for the whole build; here it is through at once.
        await db.transaction(async (tx) => {
          await tx.query(`SET LOCAL lock_timeout = '1s'`);
          await tx.query(ORDER, [`ord_${randomHex(6)}`, merchant, session, `pay_${randomHex(6)}`]);
        });
        const { rows: locks } = await db.query<{ mode: string }>(`SELECT mode FROM pg_locks WHERE pid = $1 AND relation = 'orders'::regclass`, [
          builder.pid,
        ]);
        // CONCURRENTLY's lock, which writes do not conflict with; not the SHARE lock of a plain build.
        expect(locks.map((lock) => lock.mode)).toContain('ShareUpdateExclusiveLock');
        expect(locks.map((lock) => lock.mode)).not.toContain('ShareLock');
        // Not recorded while its indexes are being built.
        expect(await pendingMigrations(db)).toEqual([2200, 2300]);
      } finally {
        await writer.end();
      }
      expect(await migrating).toEqual({ applied: [2200, 2300] });
      await expectBuiltAsBefore(db);
      expect(await pendingMigrations(db)).toEqual([]);
    });
  });

  describe('an INVALID leftover', () => {
    const database = usePostgres('omni_migidx', { migrate: false });

    it('is dropped and the index built again, with its own definition', async () => {
      const db = database();
      await migrate(db, { to: before(2300) });
      // A concurrent build cancelled half-way (here by a statement_timeout while it waits for a
      // writer of the table) leaves its index behind INVALID; this one on other columns, to tell
      // a rebuilt index from a kept one.
      const writer = holdTransaction(database.url(), 'LOCK TABLE checkout_sessions IN ROW EXCLUSIVE MODE');
      await writer.begun;
      try {
        await db.session!(async (connection) => {
          await connection.query(`SET statement_timeout = '200ms'`);
          await expect(
            connection.query('CREATE UNIQUE INDEX CONCURRENTLY checkout_sessions_idempotency_idx ON checkout_sessions (merchant_id, id)'),
          ).rejects.toThrow(/statement timeout/);
        });
      } finally {
        await writer.end();
      }
      expect(await indexes(db, ['checkout_sessions_idempotency_idx'])).toEqual({
        checkout_sessions_idempotency_idx: {
          definition: 'CREATE UNIQUE INDEX checkout_sessions_idempotency_idx ON public.checkout_sessions USING btree (merchant_id, id)',
          valid: false,
        },
      });

      expect(await migrate(db)).toEqual([2300]);
      await expectBuiltAsBefore(db);
    });
  });

  describe('a build that fails', () => {
    const database = usePostgres('omni_migidx');

    it('fails the migration with an error naming the index, records nothing, leaves no INVALID index, and succeeds once the cause is gone', async () => {
      const db = database();
      // 2300's statements committed and its build not done: as a migration stopped in between.
      await db.query('DROP INDEX checkout_sessions_idempotency_idx');
      await db.query('DELETE FROM schema_migrations WHERE version = 2300');
      // Two sessions of one merchant with one key: its unique index cannot be built.
      const { merchant, session } = await seed(db);
      const twin = `cs_${randomHex(6)}`;
      await db.query(SESSION, [twin, merchant, `secret_${twin}`]);
      await db.query(`UPDATE checkout_sessions SET idempotency_key = 'key-1' WHERE id = ANY($1::text[])`, [[session, twin]]);

      const failure = await migrate(db).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure?.message).toMatch(
        /Migration 2300: index checkout_sessions_idempotency_idx on checkout_sessions could not be built \(could not create unique index "checkout_sessions_idempotency_idx": Key \(merchant_id, idempotency_key\)=\(m_\w+, key-1\) is duplicated\.\)\. The migration is not recorded as applied/,
      );
      expect(failure?.message).toContain('docs/backend-operations.md');
      expect(await pendingMigrations(db)).toEqual([2300]);
      expect(await indexes(db, ['checkout_sessions_idempotency_idx'])).toEqual({});

      await db.query('DELETE FROM checkout_sessions WHERE id = $1', [twin]);
      expect(await migrate(db)).toEqual([2300]);
      await expectBuiltAsBefore(db);
    });
  });

  describe('a migration stopped after its build', () => {
    const database = usePostgres('omni_migidx');

    it('is recorded on the next run without building its index again', async () => {
      const db = database();
      const { rows } = await db.query<{ oid: number }>(`SELECT 'checkout_sessions_idempotency_idx'::regclass::oid AS oid`);
      await db.query('DELETE FROM schema_migrations WHERE version = 2300');
      expect(await migrate(db)).toEqual([2300]);
      expect((await db.query<{ oid: number }>(`SELECT 'checkout_sessions_idempotency_idx'::regclass::oid AS oid`)).rows).toEqual(rows);
    });
  });

  describe('a migrator of an earlier release', () => {
    const database = usePostgres('omni_migidx', { migrate: false });

    it('gets the lock when PostgreSQL cancels the build that waits for it, and the build runs again', async () => {
      const db = database();
      await migrate(db, { to: before(2200) });
      // Deadlocks found after 100 ms instead of 1 s (the connections opened from now on).
      await db.query(`ALTER DATABASE ${database.databaseName} SET deadlock_timeout = '100ms'`);
      const writer = holdTransaction(database.url(), 'LOCK TABLE orders IN ROW EXCLUSIVE MODE');
      await writer.begun;
      const migrating = migrate(db).then(
        (applied) => ({ applied }),
        (error: unknown) => ({ error }),
      );
      const earlier = openPostgres(database.url(), { poolSize: 1 });
      try {
        await builderOf(db, 'orders_merchant_page_idx');
        // What `migrate` did before index builds ran CONCURRENTLY: the migration lock (7_411_093)
        // inside its transaction, then the applied versions (all of them, for that release).
        const waited = earlier.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1)', [7_411_093]);
          return (await tx.query<{ version: number }>('SELECT max(version) AS version FROM schema_migrations')).rows[0]!.version;
        });
        waited.catch(() => undefined);
        await waitFor('the earlier migrator to wait for the lock', async () => {
          const { rows } = await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`);
          return rows.length ? true : undefined;
        });
        // Its own deadlock check (100 ms into its wait) passes while the build still waits for the
        // writer: once the writer is gone the build waits for its snapshot, and the build is the one
        // PostgreSQL cancels.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await writer.end();
        expect(await migrating).toEqual({ applied: [2200, 2300] });
        // It had the lock between the two attempts, and saw 2100 as the last migration.
        expect(await waited).toBe(before(2200));
      } finally {
        await writer.end();
        await earlier.close();
      }
      await expectBuiltAsBefore(db);
    });
  });

  describe('several migrators at once', () => {
    const database = usePostgres('omni_migidx', { migrate: false });

    it('all finish, one of them applies each migration, and each index is built once', async () => {
      await migrate(database(), { to: before(2200) });
      const sent: string[][] = [];
      /** A process of its own, recording what its migrator sends. */
      const instance = (): Db => {
        const db = openPostgres(database.url(), { poolSize: 2 });
        const log: string[] = [];
        sent.push(log);
        return {
          ...db,
          session: (fn) =>
            db.session!((connection) =>
              fn({
                query: (sql, params) => {
                  log.push(sql);
                  return connection.query(sql, params);
                },
              }),
            ),
        };
      };
      const instances = Array.from({ length: 4 }, instance);
      // The first build waits for this writer, so the others are certainly waiting for the
      // migration lock while a build is under way: waiting inside a statement, they would hold a
      // snapshot the build then waits for, and the build's connection holds the lock they wait for.
      const writer = holdTransaction(database.url(), 'LOCK TABLE orders IN ROW EXCLUSIVE MODE');
      await writer.begun;
      const results = Promise.all(instances.map((db) => migrate(db)));
      results.catch(() => undefined);
      try {
        await builderOf(database(), 'orders_merchant_page_idx');
        await waitFor('every migrator to ask for the lock', async () =>
          sent.every((log) => log.some((sql) => sql.includes('advisory_lock'))) ? true : undefined,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        await writer.end();
      }
      try {
        const applied = await results;
        expect(applied.flat()).toEqual([2200, 2300]);
        expect(applied.filter((versions) => versions.length > 0)).toHaveLength(1);
        const builds = sent.flat().filter((sql) => /^CREATE (UNIQUE )?INDEX CONCURRENTLY/.test(sql));
        expect(builds.map((sql) => sql.split(' ').find((word) => word.endsWith('_idx')))).toEqual(Object.keys(BUILT_BEFORE));
        await expectBuiltAsBefore(database());
      } finally {
        await Promise.all(instances.map((db) => db.close()));
      }
    });
  });
});
