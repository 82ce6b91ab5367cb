/**
 * Migrations 2000–2049: the hosted pay page of payment links (docs/omnichannel.md), spread into
 * `MIGRATIONS` after the others. Released migrations are never edited.
 */
export const LINK_PAGE_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 2000,
    name: "payment links without a checkout page of the merchant's open the backend's hosted pay page",
    statements: ['ALTER TABLE payment_links ALTER COLUMN checkout_url DROP NOT NULL'],
  },
];
