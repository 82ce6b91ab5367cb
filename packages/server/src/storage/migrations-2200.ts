/**
 * Migration 2200 (cursor pagination of the merchant's lists, storage/pages.ts), spread into
 * `MIGRATIONS` (migrations.ts), which stays the one ordered list. Never edit a released migration:
 * add a new one.
 */
export const PAGE_MIGRATIONS: readonly { readonly version: number; readonly name: string; readonly statements: readonly string[] }[] = [
  {
    version: 2200,
    name: 'keyset indexes of the merchant lists: orders and events by (merchant, created_at, id), events of one type too',
    statements: [
      // A page is `WHERE merchant_id = $1 AND (created_at, id) < (cursor) ORDER BY created_at DESC, id DESC`:
      // one range of these indexes, read backwards, however deep the page. Each replaces the
      // (merchant_id, created_at) index it extends.
      `CREATE INDEX orders_merchant_page_idx ON orders (merchant_id, created_at, id)`,
      `DROP INDEX orders_merchant_idx`,
      `CREATE INDEX merchant_events_merchant_page_idx ON merchant_events (merchant_id, created_at, id)`,
      `DROP INDEX merchant_events_merchant_idx`,
      // `GET /v1/events?type=…`: the pages of one type without reading the merchant's other events.
      `CREATE INDEX merchant_events_type_page_idx ON merchant_events (merchant_id, type, created_at, id)`,
      // The delivery log pages on its serial id: `webhook_deliveries_endpoint_idx (endpoint_id, id)` (1000) serves it.
    ],
  },
];
