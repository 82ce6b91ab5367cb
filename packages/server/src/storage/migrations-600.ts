/**
 * Migrations 600–699 (hardening, issue 13), spread into `MIGRATIONS` in order. Released
 * migrations are never edited; add new ones at the end.
 */
export const HARDENING_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 600,
    name: 'what each attempt charges; payments held for review; live and test merchants',
    statements: [
      // The amount and currency an attempt asks the provider for, fixed when `beginConfirm` locks
      // the session: the order records exactly this, and every provider outcome is checked against it.
      `ALTER TABLE confirm_attempts ADD COLUMN amount bigint`,
      `ALTER TABLE confirm_attempts ADD COLUMN currency text`,
      // A provider reported money moved that does not match what its attempt asked for (or a stale
      // attempt succeeded after the session changed): no order, one row for the merchant to review.
      `CREATE TABLE payment_reviews (
        provider_id text NOT NULL,
        reference text NOT NULL,
        session_id text NOT NULL REFERENCES checkout_sessions(id),
        merchant_id text NOT NULL,
        reason text NOT NULL,
        expected_amount bigint,
        expected_currency text,
        received_amount bigint,
        received_currency text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, reference)
      )`,
      `CREATE INDEX payment_reviews_merchant_idx ON payment_reviews (merchant_id, created_at)`,
      // Live or test, like Stripe's pk_live_/pk_test_: a live merchant never reaches the mock provider.
      `ALTER TABLE merchants ADD COLUMN livemode boolean NOT NULL DEFAULT false`,
      // The reconciler's scan: sessions left processing.
      `CREATE INDEX checkout_sessions_processing_idx ON checkout_sessions (status) WHERE status = 'processing'`,
    ],
  },
  {
    version: 601,
    name: 'the shopper’s own privacy page: codes and tokens for export and erasure on the backend’s origin',
    statements: [
      `CREATE TABLE privacy_challenges (
        id text PRIMARY KEY,
        identity_hash text NOT NULL,
        shopper_id text REFERENCES shoppers(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE privacy_tokens (
        token_hash text PRIMARY KEY,
        shopper_id text NOT NULL REFERENCES shoppers(id) ON DELETE CASCADE,
        verified_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
    ],
  },
];
