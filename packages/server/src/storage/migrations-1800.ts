/**
 * Migrations 1800–1899 (issue 18: gift cards), spread into `MIGRATIONS` (migrations.ts), which stays
 * the one ordered list. Never edit a released migration: add a new one.
 */
export const GIFT_CARD_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 1800,
    name: 'gift cards: cards (code stored as a keyed hash, balance never below zero) and their ledger',
    statements: [
      `CREATE TABLE gift_cards (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        code_hash text NOT NULL,
        last4 text NOT NULL,
        currency text NOT NULL,
        initial_amount bigint NOT NULL CHECK (initial_amount > 0),
        balance bigint NOT NULL CHECK (balance >= 0),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        livemode boolean NOT NULL,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (merchant_id, code_hash)
      )`,
      `CREATE INDEX gift_cards_merchant_idx ON gift_cards (merchant_id, created_at)`,
      // One line per movement; a repeated Idempotency-Key finds its line instead of moving money twice.
      `CREATE TABLE gift_card_transactions (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        gift_card_id text NOT NULL REFERENCES gift_cards(id),
        kind text NOT NULL CHECK (kind IN ('issue', 'debit', 'credit')),
        amount bigint NOT NULL,
        balance_after bigint NOT NULL CHECK (balance_after >= 0),
        reference text,
        debit_id text REFERENCES gift_card_transactions(id),
        idempotency_key text,
        request_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (gift_card_id, idempotency_key)
      )`,
      `CREATE INDEX gift_card_transactions_card_idx ON gift_card_transactions (gift_card_id, seq)`,
      `CREATE INDEX gift_card_transactions_debit_idx ON gift_card_transactions (debit_id) WHERE debit_id IS NOT NULL`,
    ],
  },
];
