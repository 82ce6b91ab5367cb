/**
 * Migrations 1700–1799 (after the purchase: order lifecycle, shipments, returns, status links),
 * spread into `MIGRATIONS` (migrations.ts), which stays the one ordered list. Never edit a released
 * migration: add a new one. The allowed moves between states are `ORDER_TRANSITIONS` in core
 * (`order-status.ts`); the CHECKs below only keep the columns to known values.
 */

const STATES = `'paid', 'preparing', 'shipped', 'out_for_delivery', 'delivered', 'canceled', 'return_requested', 'return_approved', 'return_refused', 'partially_refunded', 'refunded'`;

export const ORDER_LIFECYCLE_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 1700,
    name: 'order lifecycle: state on orders, history with actor, shipments, returns, status-link key, merchant order settings',
    statements: [
      // Beside `status` (the payment's state, which the money code owns): where the goods are.
      `ALTER TABLE orders ADD COLUMN lifecycle text NOT NULL DEFAULT 'paid' CHECK (lifecycle IN (${STATES}))`,
      // Every move, with its time and who made it; the first entry (→ paid) is the order row itself.
      `CREATE TABLE order_history (
        id bigserial PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders(id),
        from_state text NOT NULL,
        to_state text NOT NULL CHECK (to_state IN (${STATES})),
        actor text NOT NULL CHECK (actor IN ('merchant', 'shopper', 'system')),
        reference text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      `CREATE INDEX order_history_order_idx ON order_history (order_id, id)`,
      `CREATE TABLE order_shipments (
        id text PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders(id),
        items jsonb NOT NULL,
        carrier text NOT NULL,
        tracking_number text,
        tracking_url text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      `CREATE INDEX order_shipments_order_idx ON order_shipments (order_id, created_at)`,
      // A return's refund goes through refunds.ts under the key \`return:<id>\` (refund_key), so a repeated
      // approval resumes the same refund.
      `CREATE TABLE order_returns (
        id text PRIMARY KEY,
        merchant_id text NOT NULL REFERENCES merchants(id),
        order_id text NOT NULL REFERENCES orders(id),
        status text NOT NULL CHECK (status IN ('requested', 'approved', 'refused', 'refunded')),
        items jsonb NOT NULL,
        reason text NOT NULL,
        amount bigint NOT NULL CHECK (amount >= 0),
        instructions text,
        label_url text,
        refusal_reason text,
        refund_key text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_at timestamptz,
        UNIQUE (merchant_id, refund_key)
      )`,
      `CREATE INDEX order_returns_order_idx ON order_returns (order_id, created_at)`,
      // At most one open return per order (requested or approved and not yet refunded).
      `CREATE UNIQUE INDEX order_returns_one_open_idx ON order_returns (order_id) WHERE status IN ('requested', 'approved')`,
      // The HMAC key of signed status links: made once by the first instance that needs it, shared by all.
      `CREATE TABLE status_link_keys (id integer PRIMARY KEY CHECK (id = 1), key text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
      // Core \`OrderSettings\`; '{}' takes the defaults (no shopper cancel, no status page).
      `ALTER TABLE merchants ADD COLUMN order_settings jsonb NOT NULL DEFAULT '{}'::jsonb`,
    ],
  },
];
