/**
 * Migrations 2050–2099: the channel everywhere (docs/omnichannel.md, "Channel and device"),
 * spread into `MIGRATIONS` after the gift cards. Released migrations are never edited.
 */
export const CHANNEL_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 2050,
    name: 'channel and device class of the payment, on the session and on its order',
    statements: [
      // Set by the confirm that starts an attempt (in its transaction): the channel it paid through
      // (the session's, or `handoff` for a handed-off device) and a coarse device class only
      // (desktop, phone, tablet, kiosk), never the user agent itself.
      `ALTER TABLE checkout_sessions ADD COLUMN paying_channel text`,
      `ALTER TABLE checkout_sessions ADD COLUMN paying_device text`,
      // Copied onto the order when it is written; null on orders written before this migration.
      `ALTER TABLE orders ADD COLUMN channel text`,
      `ALTER TABLE orders ADD COLUMN device text`,
    ],
  },
];
