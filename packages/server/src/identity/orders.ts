/**
 * A recognised shopper's orders at one merchant (`GET /v1/client/identity/orders`), for the
 * order-status page's list. The orders are found through `shopper_orders` (the link the checkout
 * writes when a saved or signed-in shopper pays: `payments.ts`), never by opening sealed contacts;
 * only the orders at the token's merchant, newest first, one bounded page, each with the signed
 * status token that opens it (`orders/status-link.ts`), so the list reveals no more than the links would.
 */
import { SHOPPER_ORDERS_PAGE, type LineItem, type OrderLifecycleState, type ShopperOrderList } from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import { statusLinkKey, statusToken } from '../orders/status-link.js';
import type { MerchantRecord } from '../storage/index.js';
import { date, type IdentityDeps } from './deps.js';
import { storeOf } from './store.js';

/**
 * The shopper behind a token issued at this merchant and origin, until it expires. The list has no
 * checkout session (the status page stands alone), so unlike the checkout's routes the token's
 * session is not compared; merchant, origin and expiry are. Anything else is one 401.
 */
export async function shopperAtMerchant(deps: Pick<IdentityDeps, 'db' | 'vault' | 'now'>, merchant: MerchantRecord, origin: string | undefined, token: string | undefined): Promise<string> {
  if (!token) throw new ApiError(401, 'shopper_token_required', 'Verify your email or phone first.');
  const row = await storeOf(deps.db).shopperToken(deps.vault.mac('shopper-token', token));
  if (!row || row.merchant_id !== merchant.id || row.origin !== origin || date(row.expires_at).getTime() <= deps.now().getTime()) {
    throw new ApiError(401, 'invalid_shopper_token', 'Your sign-in has expired. Please verify again.');
  }
  return row.shopper_id as string;
}

export async function shopperOrders(deps: Pick<IdentityDeps, 'db' | 'vault' | 'now'>, merchant: MerchantRecord, origin: string | undefined, token: string | undefined): Promise<ShopperOrderList> {
  const shopperId = await shopperAtMerchant(deps, merchant, origin, token);
  if (!(await storeOf(deps.db).hasConsent(shopperId, merchant.id))) {
    throw new ApiError(403, 'consent_required', `Agree to share your saved details with ${merchant.name} first.`);
  }
  const { rows } = await deps.db.query<Record<string, unknown>>(
    `SELECT o.id, o.lifecycle, o.currency, o.amount, o.line_items, o.created_at
     FROM shopper_orders so JOIN orders o ON o.id = so.order_id
     WHERE so.shopper_id = $1 AND o.merchant_id = $2
     ORDER BY o.created_at DESC, o.id DESC LIMIT $3`,
    [shopperId, merchant.id, SHOPPER_ORDERS_PAGE + 1],
  );
  const key = await statusLinkKey(deps.db);
  const data = rows.slice(0, SHOPPER_ORDERS_PAGE).map((row) => {
    const lines = (typeof row.line_items === 'string' ? JSON.parse(row.line_items) : row.line_items) as LineItem[];
    return {
      orderId: row.id as string,
      state: row.lifecycle as OrderLifecycleState,
      currency: row.currency as string,
      amount: Number(row.amount),
      createdAt: date(row.created_at).toISOString(),
      itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
      items: lines.slice(0, 3).map((line) => ({ name: line.name, quantity: line.quantity })),
      statusToken: statusToken(key, row.id as string),
    };
  });
  return { object: 'list', data, hasMore: rows.length > SHOPPER_ORDERS_PAGE };
}
