/**
 * Migrations 1650–1659: payment links sent by email or SMS (docs/omnichannel.md), spread into
 * `MIGRATIONS` after the omnichannel ones. Released migrations are never edited.
 */
export const LINK_SEND_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 1650,
    name: 'payment link sends: one row per Idempotency-Key, written with its outbox message',
    statements: [
      // The recipient is not stored here: only its mask; the outbox payload holds it sealed.
      `CREATE TABLE payment_link_sends (
        id text PRIMARY KEY,
        link_id text NOT NULL REFERENCES payment_links(id) ON DELETE CASCADE,
        merchant_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient_hint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (link_id, idempotency_key)
      )`,
    ],
  },
];
