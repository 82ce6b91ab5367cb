import type { Umzug, UmzugStorage } from 'umzug';
import type { Db, Queryable } from './db.js';
import { buildConcurrently, createIndex, inTransaction, type Migration } from './migration-steps.js';
import { HARDENING_MIGRATIONS } from './migrations-600.js';
import { CAPTURE_MIGRATIONS } from './migrations-capture.js';
import { MERCHANT_MIGRATIONS } from './migrations-merchant.js';
import { OMNICHANNEL_MIGRATIONS } from './migrations-1600.js';
import { GIFT_CARD_MIGRATIONS } from './migrations-1800.js';
import { NOTIFY_MIGRATIONS } from './migrations-1900.js';
import { TENDER_MIGRATIONS } from './migrations-2100.js';
import { LINK_SEND_MIGRATIONS } from './migrations-1650.js';
import { LINK_PAGE_MIGRATIONS } from './migrations-2000.js';
import { CHANNEL_MIGRATIONS } from './migrations-2050.js';
import { RESUME_MIGRATIONS } from './migrations-2060.js';
import { ORDER_LIFECYCLE_MIGRATIONS } from './migrations-orders.js';
import { PAGE_MIGRATIONS } from './migrations-2200.js';
import { SESSION_KEY_MIGRATIONS } from './migrations-2300.js';

export { IndexBuildError, type IndexBuild, type Migration } from './migration-steps.js';

/**
 * Versioned migrations, applied in order by Umzug (see `migrate`) and recorded in `schema_migrations`. Each is a list of
 * single statements in PostgreSQL 15 SQL, and the indexes it builds outside its transaction
 * (`Migration`). Never edit a released migration: add a new one. (2200 and 2300 were changed once,
 * to build their indexes with `indexes`: the same indexes under the same names, so a database that
 * applied them before is as it would be now.)
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'merchants, checkout sessions, confirm attempts, orders',
    statements: [
      `CREATE TABLE merchants (
        id text PRIMARY KEY,
        name text NOT NULL,
        publishable_key text NOT NULL UNIQUE,
        secret_key_hash text NOT NULL UNIQUE,
        allowed_origins jsonb NOT NULL DEFAULT '[]'::jsonb,
        provider_id text NOT NULL DEFAULT 'mock',
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE checkout_sessions (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        client_secret_hash text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('open', 'processing', 'requires_action', 'complete')),
        livemode boolean NOT NULL,
        currency text NOT NULL,
        country text NOT NULL,
        locale text,
        channel text NOT NULL,
        line_items jsonb NOT NULL,
        shipping_options jsonb NOT NULL,
        selected_shipping_option_id text,
        contact jsonb,
        shipping_address jsonb,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        provider_id text NOT NULL,
        next_action jsonb,
        last_payment_error jsonb,
        confirm_attempts integer NOT NULL DEFAULT 0,
        order_id text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE confirm_attempts (
        session_id text NOT NULL REFERENCES checkout_sessions(id),
        attempt integer NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        provider_idempotency_key text NOT NULL UNIQUE,
        payment_method text NOT NULL,
        payment_reference text,
        response_status integer,
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, attempt),
        UNIQUE (session_id, idempotency_key)
      )`,
      `CREATE TABLE orders (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        session_id text NOT NULL UNIQUE REFERENCES checkout_sessions(id),
        status text NOT NULL,
        amount bigint NOT NULL,
        currency text NOT NULL,
        line_items jsonb NOT NULL,
        shipping_option jsonb,
        contact jsonb,
        shipping_address jsonb,
        provider_id text NOT NULL,
        payment_reference text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX orders_merchant_idx ON orders (merchant_id, created_at)`,
    ],
  },
  {
    version: 100,
    name: 'transactional outbox for notifications',
    statements: [
      // One row per business message; `dedupe_key` makes enqueueing idempotent (a replayed webhook
      // or a retried transaction enqueues nothing new). Payloads hold references, never secrets.
      `CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        dedupe_key text NOT NULL UNIQUE,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        template text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE status = 'pending'`,
    ],
  },
  {
    version: 101,
    name: 'shopper identity network: shoppers, consents, one-time codes, passkeys, devices, tokens, saved methods, rate limits',
    statements: [
      // Personal data lives only in *_sealed columns (AES-256-GCM, key outside the database);
      // email and phone are found through keyed hashes.
      `CREATE TABLE shoppers (
        id text PRIMARY KEY,
        email_hash text NOT NULL UNIQUE,
        phone_hash text UNIQUE,
        email_sealed text NOT NULL,
        phone_sealed text,
        profile_sealed text NOT NULL,
        provider_customers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE shopper_consents (
        shopper_id text NOT NULL REFERENCES shoppers(id) ON DELETE CASCADE,
        merchant_id text NOT NULL REFERENCES merchants(id),
        kind text NOT NULL CHECK (kind IN ('save', 'share')),
        text_version text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (shopper_id, merchant_id)
      )`,
      `CREATE TABLE session_save_intents (
        session_id text PRIMARY KEY REFERENCES checkout_sessions(id),
        planned_shopper_id text NOT NULL,
        text_version text NOT NULL,
        phone_sealed text,
        customer text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE otp_challenges (
        id text PRIMARY KEY,
        identity_hash text NOT NULL,
        shopper_id text REFERENCES shoppers(id) ON DELETE CASCADE,
        merchant_id text NOT NULL REFERENCES merchants(id),
        session_id text NOT NULL,
        purpose text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX otp_challenges_identity_idx ON otp_challenges (identity_hash, created_at)`,
      `CREATE TABLE shopper_tokens (
        token_hash text PRIMARY KEY,
        shopper_id text NOT NULL REFERENCES shoppers(id) ON DELETE CASCADE,
        merchant_id text NOT NULL REFERENCES merchants(id),
        session_id text NOT NULL,
        origin text NOT NULL,
        assurance text NOT NULL,
        verified_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      `CREATE TABLE remembered_devices (
        id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        shopper_id text NOT NULL REFERENCES shoppers(id) ON DELETE CASCADE,
        merchant_id text NOT NULL REFERENCES merchants(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`,
      `CREATE TABLE passkeys (
        credential_id text PRIMARY KEY,
        shopper_id text NOT NULL REFERENCES shoppers(id) ON DELETE CASCADE,
        public_key text NOT NULL,
        counter bigint NOT NULL DEFAULT 0,
        transports jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`,
      `CREATE TABLE webauthn_challenges (
        challenge text PRIMARY KEY,
        purpose text NOT NULL CHECK (purpose IN ('register', 'authenticate')),
        shopper_id text REFERENCES shoppers(id) ON DELETE CASCADE,
        merchant_id text NOT NULL REFERENCES merchants(id),
        session_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      `CREATE TABLE saved_methods (
        id text PRIMARY KEY,
        shopper_id text NOT NULL REFERENCES shoppers(id) ON DELETE CASCADE,
        provider_id text NOT NULL,
        customer text,
        reference text NOT NULL,
        brand text NOT NULL,
        last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
        exp_month integer NOT NULL,
        exp_year integer NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (shopper_id, provider_id, reference)
      )`,
      // Which orders belong to a shopper, so erasure can pseudonymise them.
      `CREATE TABLE shopper_orders (
        order_id text PRIMARY KEY REFERENCES orders(id),
        shopper_id text NOT NULL REFERENCES shoppers(id) ON DELETE CASCADE
      )`,
      // rate-limiter-flexible's PostgreSQL schema (its table creation is switched off).
      `CREATE TABLE rate_limits (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`,
    ],
  },
  {
    version: 200,
    name: 'several providers per merchant and session; provider of each attempt; provider events',
    statements: [
      // Ordered provider ids; `provider_id` stays as the first one for older readers.
      `ALTER TABLE merchants ADD COLUMN providers jsonb`,
      `UPDATE merchants SET providers = jsonb_build_array(provider_id)`,
      `ALTER TABLE merchants ALTER COLUMN providers SET NOT NULL`,
      `ALTER TABLE checkout_sessions ADD COLUMN providers jsonb`,
      `UPDATE checkout_sessions SET providers = jsonb_build_array(provider_id)`,
      `ALTER TABLE checkout_sessions ALTER COLUMN providers SET NOT NULL`,
      `ALTER TABLE confirm_attempts ADD COLUMN provider_id text`,
      `UPDATE confirm_attempts a SET provider_id = s.provider_id FROM checkout_sessions s WHERE s.id = a.session_id`,
      `ALTER TABLE confirm_attempts ALTER COLUMN provider_id SET NOT NULL`,
      `CREATE INDEX confirm_attempts_reference_idx ON confirm_attempts (provider_id, payment_reference)`,
      // One row per provider event ever applied: written in the same transaction as its effect.
      `CREATE TABLE provider_events (
        provider_id text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        reference text,
        session_id text REFERENCES checkout_sessions(id),
        effect text NOT NULL DEFAULT 'none',
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, event_id)
      )`,
      `CREATE INDEX provider_events_session_idx ON provider_events (session_id)`,
    ],
  },
  {
    version: 300,
    name: 'saved wallets (PayPal, Venmo): no last 4 or expiry, a masked account instead',
    statements: [
      `ALTER TABLE saved_methods ALTER COLUMN last4 DROP NOT NULL`,
      `ALTER TABLE saved_methods ALTER COLUMN exp_month DROP NOT NULL`,
      `ALTER TABLE saved_methods ALTER COLUMN exp_year DROP NOT NULL`,
      `ALTER TABLE saved_methods ADD COLUMN account text`,
      // A card keeps its last 4 and expiry; a wallet has its masked account instead.
      `ALTER TABLE saved_methods ADD CONSTRAINT saved_methods_card_or_wallet
         CHECK ((last4 IS NOT NULL AND exp_month IS NOT NULL AND exp_year IS NOT NULL) OR account IS NOT NULL)`,
    ],
  },
  {
    version: 400,
    name: 'merchant overrides of the markets’ payment methods, kept on each session',
    statements: [
      `ALTER TABLE merchants ADD COLUMN payment_methods jsonb NOT NULL DEFAULT '{}'::jsonb`,
      `ALTER TABLE checkout_sessions ADD COLUMN payment_methods jsonb NOT NULL DEFAULT '{}'::jsonb`,
    ],
  },
  {
    version: 500,
    name: 'indexes for the retention sweeper and CORS preflights',
    statements: [
      // The sweeper's batches: abandoned sessions by expiry, provider events by age.
      `CREATE INDEX checkout_sessions_abandoned_idx ON checkout_sessions (expires_at)
         WHERE status IN ('open', 'requires_action') AND order_id IS NULL`,
      `CREATE INDEX provider_events_received_idx ON provider_events (received_at)`,
      // "Does any merchant allow this origin?" (preflights carry no key): containment on the origins.
      `CREATE INDEX merchants_allowed_origins_idx ON merchants USING gin (allowed_origins)`,
    ],
  },
  // Amounts on attempts, payment reviews, the privacy page (600, 601): migrations-600.ts.
  ...HARDENING_MIGRATIONS,
  {
    version: 900,
    name: 'delivery-window settings (time zone, cut-off, business days, holidays) per merchant, kept on each session',
    statements: [
      // Core `DeliverySettings`; '{}' takes every default (Monday–Friday, UTC, 14:00, no holidays).
      `ALTER TABLE merchants ADD COLUMN delivery jsonb NOT NULL DEFAULT '{}'::jsonb`,
      `ALTER TABLE checkout_sessions ADD COLUMN delivery jsonb NOT NULL DEFAULT '{}'::jsonb`,
    ],
  },
  // Merchant webhooks (1000) and refunds (1001): migrations-merchant.ts.
  ...MERCHANT_MIGRATIONS,
  ...CAPTURE_MIGRATIONS,
  // Handoff to another device (1600): migrations-1600.ts.
  ...OMNICHANNEL_MIGRATIONS,
  // Payment links sent by email or SMS (1650): migrations-1650.ts.
  ...LINK_SEND_MIGRATIONS,
  // Order lifecycle, shipments, returns, status links (1700): migrations-orders.ts.
  ...ORDER_LIFECYCLE_MIGRATIONS,
  // Gift cards (1800): migrations-1800.ts.
  ...GIFT_CARD_MIGRATIONS,
  // Order updates by SMS (1900): migrations-1900.ts.
  ...NOTIFY_MIGRATIONS,
  // The hosted pay page of payment links (2000): migrations-2000.ts.
  ...LINK_PAGE_MIGRATIONS,
  // Channel and device class of the payment (2050): migrations-2050.ts.
  ...CHANNEL_MIGRATIONS,
  // Resume on another device (2060): migrations-2060.ts.
  ...RESUME_MIGRATIONS,
  // Gift cards and store credit paid in the checkout (2100): migrations-2100.ts.
  ...TENDER_MIGRATIONS,
  // Keyset indexes of the paginated merchant lists (2200): migrations-2200.ts.
  ...PAGE_MIGRATIONS,
  // The Idempotency-Key of session creates (2300): migrations-2300.ts.
  ...SESSION_KEY_MIGRATIONS,
];

/** Any constant; serialises concurrent migrators (several processes on one PostgreSQL). */
const MIGRATION_LOCK = 7_411_093;

/** How long a migrator that finds `MIGRATION_LOCK` taken waits before it asks again. */
const LOCK_RETRY_MS = 200;

const SCHEMA_MIGRATIONS =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())';

/** Records `migration` as applied: by `apply`, in the transaction of its statements or after its index builds. */
const record = (db: Queryable, migration: Migration) =>
  db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);

/**
 * Umzug's record of applied migrations, kept in our own `schema_migrations` table (version and
 * name), so databases migrated by the earlier hand-written runner stay valid as they are. Each
 * migration records itself (`record`), so Umzug's own logging after it writes nothing.
 */
const schemaMigrationsStorage: UmzugStorage<Queryable> = {
  async executed({ context }) {
    const { rows } = await context.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    return rows.map((row) => String(row.version));
  },
  async logMigration() {},
  async unlogMigration({ name, context }) {
    await context.query('DELETE FROM schema_migrations WHERE version = $1', [Number(name)]);
  },
};

/**
 * Umzug over `MIGRATIONS` (the source of truth, in array order), reading `schema_migrations`
 * through `context` and running each pending migration with `apply`. Umzug is loaded when a
 * migration check runs, not with the module: tests open databases already migrated.
 */
async function migrator(context: Queryable, apply?: (migration: Migration) => Promise<void>): Promise<Umzug<Queryable>> {
  const { Umzug } = await import('umzug');
  return new Umzug<Queryable>({
    migrations: MIGRATIONS.map((migration) => ({
      name: String(migration.version),
      async up() {
        if (!apply) throw new Error('This migrator only reads which migrations are applied');
        await apply(migration);
      },
    })),
    context,
    storage: schemaMigrationsStorage,
    logger: undefined,
  });
}

/** Runs the pending migrations (those up to `to` when given) in order; answers the versions applied. */
async function upTo(umzug: Umzug<Queryable>, to: number | undefined): Promise<number[]> {
  const names = to === undefined ? undefined : (await umzug.pending()).map((m) => m.name).filter((name) => Number(name) <= to);
  if (names?.length === 0) return [];
  const applied = await umzug.up(names ? { migrations: names } : {});
  return applied.map((migration) => Number(migration.name));
}

/** What `migrate` options may say. */
export interface MigrateOptions {
  /** Apply the pending migrations up to this version only (tests; a release applied in steps). */
  readonly to?: number;
}

/**
 * Applies the migrations not yet recorded, with Umzug, in order; returns the versions applied. Safe
 * to run repeatedly, and from several processes at once: one of them migrates, the others wait and
 * then find nothing to do.
 *
 * On PostgreSQL (a `Db` with `session`) everything runs on one connection of its own, under a
 * session-level advisory lock (`MIGRATION_LOCK`), migration by migration: its statements in one
 * transaction (with its record when it builds no index), then its `indexes` built CONCURRENTLY
 * outside any transaction (`buildConcurrently`), its `dropIndexes` dropped CONCURRENTLY, and only
 * then its record. `CREATE INDEX CONCURRENTLY` waits for every transaction that holds a snapshot
 * older than its own, which rules out the simpler ways to hold the lock:
 * - a transaction-level lock (`pg_advisory_xact_lock`) needs a transaction, and the build cannot run
 *   in one; held in a transaction on another connection, the build would wait for that transaction,
 *   which waits for the build: a wait on ourselves that PostgreSQL cannot see;
 * - another migrator waiting in `pg_advisory_lock` waits inside a statement, with a snapshot: the
 *   build waits for it while it waits for the build's lock (a deadlock PostgreSQL detects and breaks
 *   by cancelling one of them when lock and build share a connection, an endless wait when not).
 * So the lock is taken with `pg_try_advisory_lock`, asked again every `LOCK_RETRY_MS`: a waiting
 * migrator is an idle connection between two asks, with no snapshot for a build to wait on. The
 * lock and the builds share the connection, so the lock is held exactly as long as the connection
 * lives: a migrator that dies mid-build loses its lock only when its backend ends, never while its
 * build could still be running, and the next one cannot mistake that build for a leftover. (A
 * migrator of an earlier release still waits in a transaction: `DEADLOCK_ATTEMPTS`.)
 *
 * On PGlite (one connection, one process; no `session`) all pending migrations run in one
 * transaction under `pg_advisory_xact_lock`, their indexes built without CONCURRENTLY, as before.
 */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<number[]> {
  const session = db.session?.bind(db);
  if (session) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await session((connection) => migrateOnSession(connection, options.to));
      } catch (error) {
        if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(error)) throw error;
      }
    }
  }
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(SCHEMA_MIGRATIONS);
    const umzug = await migrator(tx, async (migration) => {
      for (const statement of migration.statements) await tx.query(statement);
      for (const index of migration.indexes ?? []) await tx.query(createIndex(index, false));
      for (const name of migration.dropIndexes ?? []) await tx.query(`DROP INDEX IF EXISTS ${name}`);
      await record(tx, migration);
    });
    return upTo(umzug, options.to);
  });
}

/**
 * How many times `migrate` runs on PostgreSQL when PostgreSQL breaks a deadlock by cancelling one
 * of its statements. A migrator of an earlier release (before index builds ran CONCURRENTLY) waits
 * for `MIGRATION_LOCK` inside a transaction, with a snapshot: a build then waits for it while it
 * waits for the lock, and PostgreSQL cancels one of the two. When it cancels the build, `migrate`
 * lets go of the lock (the session ends), so the other gets it and finds nothing to do, then
 * takes the lock again and builds anew.
 */
const DEADLOCK_ATTEMPTS = 3;

/** Whether `error`, or an error it was caused by (Umzug's, `IndexBuildError`), is PostgreSQL's `deadlock_detected`. */
function isDeadlock(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Object && depth < 10; e = (e as { cause?: unknown }).cause, depth += 1) {
    if ((e as { code?: unknown }).code === '40P01') return true;
  }
  return false;
}

/** `migrate` on a connection of its own, outside any transaction (PostgreSQL). */
async function migrateOnSession(connection: Queryable, to: number | undefined): Promise<number[]> {
  while (!(await connection.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK])).rows[0]?.locked) {
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
  }
  try {
    await connection.query(SCHEMA_MIGRATIONS);
    const umzug = await migrator(connection, async (migration) => {
      const deferred = Boolean(migration.indexes?.length || migration.dropIndexes?.length);
      if (migration.statements.length || !deferred) {
        await inTransaction(connection, async () => {
          for (const statement of migration.statements) await connection.query(statement);
          if (!deferred) await record(connection, migration);
        });
      }
      if (!deferred) return;
      for (const index of migration.indexes ?? []) await buildConcurrently(connection, migration, index);
      for (const name of migration.dropIndexes ?? []) await connection.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
      await record(connection, migration);
    });
    return await upTo(umzug, to);
  } finally {
    // The session's end (the connection is closed after it) releases the lock as well.
    await connection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}

/** Versions not applied yet (all of them on an empty database): `/readyz` is not ready while any are. */
export async function pendingMigrations(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ exists: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`);
  if (!rows[0]?.exists) return MIGRATIONS.map((m) => m.version);
  return (await (await migrator(db)).pending()).map((migration) => Number(migration.name));
}
