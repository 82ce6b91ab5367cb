/**
 * Migrations 2100–2149 (issue 18: gift cards and store credit paid in the checkout), spread into
 * `MIGRATIONS` (migrations.ts), which stays the one ordered list. Never edit a released migration:
 * add a new one.
 */
export const TENDER_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 2100,
    name: 'tenders: gift cards and store credit applied to a session, held with its attempt, taken with its order, refunded per tender',
    statements: [
      // Store credit is a ledger account like a gift card (the same conditional debit, the same
      // CHECK), without a code and bound to one shopper of the identity network at one merchant.
      `ALTER TABLE gift_cards ADD COLUMN kind text NOT NULL DEFAULT 'gift_card' CHECK (kind IN ('gift_card', 'store_credit'))`,
      `ALTER TABLE gift_cards ADD COLUMN shopper_id text REFERENCES shoppers(id) ON DELETE SET NULL`,
      `ALTER TABLE gift_cards ALTER COLUMN code_hash DROP NOT NULL`,
      `ALTER TABLE gift_cards ADD CONSTRAINT gift_cards_kind_shape CHECK (
         (kind = 'gift_card' AND code_hash IS NOT NULL AND shopper_id IS NULL) OR (kind = 'store_credit' AND code_hash IS NULL))`,
      `CREATE UNIQUE INDEX store_credit_account_idx ON gift_cards (merchant_id, shopper_id, currency) WHERE kind = 'store_credit'`,
      // A grant adds store credit; it is no debit's credit (a refund is).
      `ALTER TABLE gift_card_transactions DROP CONSTRAINT gift_card_transactions_kind_check`,
      `ALTER TABLE gift_card_transactions ADD CONSTRAINT gift_card_transactions_kind_check CHECK (kind IN ('issue', 'debit', 'credit', 'grant'))`,
      // One row per card applied to a session. `amount`: what it may take (its balance when
      // applied); the session's total caps it. `debit_id`: the ledger line of the hold while an
      // attempt runs (status 'held'), kept when the order commits (status 'redeemed'), given back
      // when the attempt fails (status 'applied' again, debit_id NULL).
      `CREATE TABLE session_tenders (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        session_id text NOT NULL REFERENCES checkout_sessions(id) ON DELETE CASCADE,
        gift_card_id text NOT NULL REFERENCES gift_cards(id),
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'held', 'redeemed')),
        debit_id text REFERENCES gift_card_transactions(id),
        taken bigint NOT NULL DEFAULT 0 CHECK (taken >= 0),
        order_id text REFERENCES orders(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (session_id, gift_card_id),
        CHECK ((status = 'applied') = (debit_id IS NULL))
      )`,
      `CREATE INDEX session_tenders_order_idx ON session_tenders (order_id) WHERE order_id IS NOT NULL`,
      // What the attempt's tenders hold; `amount` stays what the provider is asked for.
      `ALTER TABLE confirm_attempts ADD COLUMN tendered bigint NOT NULL DEFAULT 0 CHECK (tendered >= 0)`,
      // What the order's tenders paid of `amount` (the provider took the rest).
      `ALTER TABLE orders ADD COLUMN amount_tendered bigint NOT NULL DEFAULT 0 CHECK (amount_tendered >= 0 AND amount_tendered <= amount)`,
      // What of a refund goes back through the provider (NULL before 2100: all of it); the rest goes back to the tenders.
      `ALTER TABLE refunds ADD COLUMN provider_amount bigint CHECK (provider_amount >= 0 AND provider_amount <= amount)`,
    ],
  },
];
