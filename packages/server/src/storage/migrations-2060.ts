/**
 * Migrations 2060–2099: resume a checkout on another device (docs/omnichannel.md, "Resume on
 * another device"), spread into `MIGRATIONS` after the channel migrations. Released migrations are
 * never edited; add new ones at the end.
 */
export const RESUME_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 2060,
    name: 'resume on another device: the sessions a recognised shopper worked on, and the merchant’s window',
    statements: [
      // How long (days) an unfinished checkout is offered on another device; 0 turns the offer off.
      `ALTER TABLE merchants ADD COLUMN resume_window_days integer NOT NULL DEFAULT 7 CHECK (resume_window_days BETWEEN 0 AND 30)`,
      // Written when a shopper with consent at the merchant signs in on a session (or gives consent there).
      // resumed_at makes the offer single use: a resumed session is never offered again.
      `CREATE TABLE resume_sessions (
        shopper_id text NOT NULL,
        merchant_id text NOT NULL,
        session_id text NOT NULL REFERENCES checkout_sessions(id) ON DELETE CASCADE,
        touched_at timestamptz NOT NULL,
        resumed_at timestamptz,
        PRIMARY KEY (shopper_id, session_id)
      )`,
      `CREATE INDEX resume_sessions_shopper_idx ON resume_sessions (shopper_id, merchant_id, touched_at DESC)`,
    ],
  },
];
