/**
 * Migrations 1600–1699 (omnichannel, issue 16), spread into `MIGRATIONS` in order. Released
 * migrations are never edited; add new ones at the end.
 */
export const OMNICHANNEL_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 1600,
    name: 'handoff to another device: single-use tokens, the devices that opened a session, who paid',
    statements: [
      // docs/security.md R28: only the SHA-256 of a token is stored; used_at makes it single use.
      `CREATE TABLE handoff_tokens (
        token_hash text PRIMARY KEY,
        session_id text NOT NULL REFERENCES checkout_sessions(id) ON DELETE CASCADE,
        merchant_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX handoff_tokens_session_idx ON handoff_tokens (session_id)`,
      // A device that redeemed a token: its own credential for the session (hashed), never the client secret.
      `CREATE TABLE handoff_devices (
        id text PRIMARY KEY,
        secret_hash text NOT NULL UNIQUE,
        session_id text NOT NULL REFERENCES checkout_sessions(id) ON DELETE CASCADE,
        merchant_id text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        -- R28: the device sees the cart and shipping choice; contact and address only once it entered its own.
        own_contact boolean NOT NULL DEFAULT false,
        own_address boolean NOT NULL DEFAULT false
      )`,
      `CREATE INDEX handoff_devices_session_idx ON handoff_devices (session_id)`,
      // Who paid: 'handoff' and the device's id when a handed-off device's payment went through.
      `ALTER TABLE checkout_sessions ADD COLUMN paid_channel text`,
      `ALTER TABLE checkout_sessions ADD COLUMN paid_device text`,
    ],
  },
  {
    version: 1601,
    name: 'payment links: a merchant’s link that opens a checkout (single or multiple use, expiry, channel tag)',
    statements: [
      `CREATE TABLE payment_links (
        id text PRIMARY KEY,
        merchant_id text NOT NULL,
        merchant_publishable_key text NOT NULL,
        currency text NOT NULL,
        country text NOT NULL,
        locale text,
        line_items jsonb NOT NULL,
        shipping_options jsonb NOT NULL,
        channel text NOT NULL,
        single_use boolean NOT NULL,
        checkout_url text NOT NULL,
        expires_at timestamptz NOT NULL,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX payment_links_merchant_idx ON payment_links (merchant_id, created_at)`,
      // Each session a link opened (a single-use link has one).
      `CREATE TABLE payment_link_sessions (
        link_id text NOT NULL REFERENCES payment_links(id) ON DELETE CASCADE,
        session_id text NOT NULL REFERENCES checkout_sessions(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (link_id, session_id)
      )`,
    ],
  },
];
