/** A merchant's order settings (core `OrderSettings`): whether shoppers may cancel, the status page's address. */
import type { OrderSettings } from '@omni-checkout/core';
import type { Queryable } from '../storage/db.js';

export async function orderSettings(db: Queryable, merchantId: string): Promise<OrderSettings> {
  const { rows } = await db.query<{ order_settings: unknown }>('SELECT order_settings FROM merchants WHERE id = $1', [merchantId]);
  const value = rows[0]?.order_settings ?? {};
  const stored = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<OrderSettings>;
  return { shopperCanCancel: stored.shopperCanCancel ?? false, statusPageUrl: stored.statusPageUrl ?? null };
}

export async function updateOrderSettings(db: Queryable, merchantId: string, patch: Partial<OrderSettings>): Promise<OrderSettings> {
  await db.query('UPDATE merchants SET order_settings = order_settings || $2::jsonb WHERE id = $1', [merchantId, JSON.stringify(patch)]);
  return orderSettings(db, merchantId);
}
