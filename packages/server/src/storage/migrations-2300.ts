import type { Migration } from './migration-steps.js';

/**
 * Migration 2300 (an `Idempotency-Key` on `POST /v1/checkout-sessions`, `checkout.ts`), spread into
 * `MIGRATIONS` (migrations.ts), which stays the one ordered list. Never edit a released migration:
 * add a new one.
 */
export const SESSION_KEY_MIGRATIONS: readonly Migration[] = [
  {
    version: 2300,
    name: 'session create idempotency: the merchant’s Idempotency-Key, the request hash and the sealed client secret on the session',
    // IF NOT EXISTS: these commit before the index build below, and run again when the migration is
    // stopped between the two (it is recorded only once the index is built).
    statements: [
      // Set together, only on a session created with an Idempotency-Key (NULL otherwise): the key
      // lives as long as its session row (the sweeper's purge of abandoned sessions takes it along).
      // Nullable without a default: PostgreSQL adds each column without rewriting the table (a
      // moment's ACCESS EXCLUSIVE lock on checkout_sessions, committed before the index build).
      `ALTER TABLE checkout_sessions ADD COLUMN IF NOT EXISTS idempotency_key text`,
      // SHA-256 of the create's raw body: the same key with another body is refused (422).
      `ALTER TABLE checkout_sessions ADD COLUMN IF NOT EXISTS request_hash text`,
      // The client secret sealed with the data key (identity/vault.ts; re-sealed by `rotate-keys`),
      // so a repeated create can answer it again; `client_secret_hash` stays the only way to find a session.
      `ALTER TABLE checkout_sessions ADD COLUMN IF NOT EXISTS client_secret_sealed text`,
    ],
    indexes: [
      // One session per merchant and key; concurrent creates with one key insert once: the arbiter
      // of `INSERT … ON CONFLICT (merchant_id, idempotency_key) WHERE idempotency_key IS NOT NULL`
      // (storage.ts), so its columns and WHERE must stay exactly these. Partial: the sessions created
      // without a key (NULL) are not in it. Built outside the migration's transaction (on PostgreSQL
      // CONCURRENTLY: checkout_sessions takes writes during the build; migrations.ts, `migrate`); a
      // database that applied this migration before that change built the same index in its transaction.
      {
        name: 'checkout_sessions_idempotency_idx',
        table: 'checkout_sessions',
        unique: true,
        definition: '(merchant_id, idempotency_key) WHERE idempotency_key IS NOT NULL',
      },
    ],
  },
];
