/**
 * Migrations 1900–1949 (issue 17: order updates by SMS), spread into
 * `MIGRATIONS` (migrations.ts), which stays the one ordered list. Never edit a released migration:
 * add a new one.
 */
export const NOTIFY_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 1900,
    name: "orders: how the shopper chose to hear about the order (email, sms or both), outside the sealed contact",
    statements: [
      // Not personal data (the number stays in the sealed contact): the order's notices read it in their transaction.
      `ALTER TABLE orders ADD COLUMN notify_by text NOT NULL DEFAULT 'email' CHECK (notify_by IN ('email', 'sms', 'email_sms'))`,
    ],
  },
];
