/**
 * Migration 2300 (an `Idempotency-Key` on `POST /v1/checkout-sessions`, `checkout.ts`), spread into
 * `MIGRATIONS` (migrations.ts), which stays the one ordered list. Never edit a released migration:
 * add a new one.
 */
export const SESSION_KEY_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 2300,
    name: 'session create idempotency: the merchant’s Idempotency-Key, the request hash and the sealed client secret on the session',
    statements: [
      // Set together, only on a session created with an Idempotency-Key (NULL otherwise): the key
      // lives as long as its session row (the sweeper's purge of abandoned sessions takes it along).
      // Nullable without a default: PostgreSQL adds each column without rewriting the table.
      `ALTER TABLE checkout_sessions ADD COLUMN idempotency_key text`,
      // SHA-256 of the create's raw body: the same key with another body is refused (422).
      `ALTER TABLE checkout_sessions ADD COLUMN request_hash text`,
      // The client secret sealed with the data key (identity/vault.ts; re-sealed by `rotate-keys`),
      // so a repeated create can answer it again; `client_secret_hash` stays the only way to find a session.
      `ALTER TABLE checkout_sessions ADD COLUMN client_secret_sealed text`,
      // One session per merchant and key; concurrent creates with one key insert once (ON CONFLICT).
      // Partial: the sessions created without a key (NULL) are not in it. Built in the migration's
      // transaction, as every index of this list is (CREATE INDEX CONCURRENTLY cannot run in one):
      // with the ALTER TABLEs above, checkout_sessions stays locked until the scan that builds it
      // ends and the migration commits (docs/backend-operations.md: apply it at a quiet hour).
      `CREATE UNIQUE INDEX checkout_sessions_idempotency_idx ON checkout_sessions (merchant_id, idempotency_key)
         WHERE idempotency_key IS NOT NULL`,
    ],
  },
];
