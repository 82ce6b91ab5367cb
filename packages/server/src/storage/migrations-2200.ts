import type { Migration } from './migration-steps.js';

/**
 * Migration 2200 (cursor pagination of the merchant's lists, storage/pages.ts), spread into
 * `MIGRATIONS` (migrations.ts), which stays the one ordered list. Never edit a released migration:
 * add a new one.
 */
export const PAGE_MIGRATIONS: readonly Migration[] = [
  {
    version: 2200,
    name: 'keyset indexes of the merchant lists: orders and events by (merchant, created_at, id), events of one type too',
    // Nothing to change in a transaction: the indexes alone.
    statements: [],
    // Built outside the migration's transaction (on PostgreSQL CONCURRENTLY: `orders` and
    // `merchant_events` take writes during the builds; migrations.ts, `migrate`). Until this
    // migration was changed to build them so, they were built in its transaction, under the same
    // names: a database that applied it then has them and does not apply it again.
    indexes: [
      // A page is `WHERE merchant_id = $1 AND (created_at, id) < (cursor) ORDER BY created_at DESC, id DESC`:
      // one range of these indexes, read backwards, however deep the page.
      { name: 'orders_merchant_page_idx', table: 'orders', definition: '(merchant_id, created_at, id)' },
      { name: 'merchant_events_merchant_page_idx', table: 'merchant_events', definition: '(merchant_id, created_at, id)' },
      // `GET /v1/events?type=…`: the pages of one type without reading the merchant's other events.
      { name: 'merchant_events_type_page_idx', table: 'merchant_events', definition: '(merchant_id, type, created_at, id)' },
    ],
    // Each page index replaces the (merchant_id, created_at) index it extends: dropped once the
    // new ones are built and valid, so the lists always have one to read.
    dropIndexes: ['orders_merchant_idx', 'merchant_events_merchant_idx'],
    // The delivery log pages on its serial id: `webhook_deliveries_endpoint_idx (endpoint_id, id)` (1000) serves it.
  },
];
