/**
 * Cash on delivery after the order (issue 18, docs/payment-methods.md). Merchant API (secret key):
 *
 *   POST /v1/orders/{id}/cash-on-delivery/paid      the courier collected the amount: `paid`, emits `order.paid`
 *   POST /v1/orders/{id}/cash-on-delivery/refused   the shopper refused the parcel: `canceled`, emits `order.canceled`
 *
 * Both go through the manual-capture path (money/captures.ts) under the order's row lock, so a paid
 * and a refused racing each other never both win. Repeating the same call answers the same order;
 * the other move after one happened is 409 `cash_on_delivery_not_pending`.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { Id, Order } from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/middleware.js';
import { ErrorBody } from '../http/routes.js';
import { cancelOrder, captureOrder } from '../money/captures.js';
import type { MoneyDeps } from '../money/refunds.js';
import { orderView } from '../session-view.js';
import type { Storage } from '../storage/index.js';
import { CASH_ON_DELIVERY } from './provider.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = { default: json(ErrorBody, 'Error: `{ error: { code, message, issues? } }` with a stable code') };
const security = [{ secretKey: [] }];
const tags = ['cash on delivery'];
const params = z.object({ id: Id });

export const markCashOnDeliveryPaidRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/cash-on-delivery/paid',
  summary:
    'The courier collected a cash-on-delivery order: it becomes `paid` (emits `order.paid`). Repeating it answers the same order; 409 `not_cash_on_delivery`, `cash_on_delivery_not_pending` (refused already).',
  tags,
  security,
  request: { params },
  responses: { 200: json(Order, 'The order, now `paid`'), ...errors },
});

export const markCashOnDeliveryRefusedRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/cash-on-delivery/refused',
  summary:
    'The shopper refused a cash-on-delivery parcel: the order becomes `canceled` (emits `order.canceled`), nothing was collected. Repeating it answers the same order; 409 `not_cash_on_delivery`, `cash_on_delivery_not_pending` (paid already).',
  tags,
  security,
  request: { params },
  responses: { 200: json(Order, 'The order, now `canceled`'), ...errors },
});

export interface CashOnDeliveryRouteDeps extends MoneyDeps {
  readonly storage: Storage;
}

/** Marks a cash-on-delivery order paid or refused; answers the order after the move. */
export async function settleCashOnDelivery(deps: CashOnDeliveryRouteDeps, merchantId: string, orderId: string, outcome: 'paid' | 'refused') {
  const order = await deps.storage.orderById(merchantId, orderId);
  if (!order) throw new ApiError(404, 'order_not_found', 'No order with this id.');
  if (order.provider !== CASH_ON_DELIVERY) {
    throw new ApiError(409, 'not_cash_on_delivery', 'This order was not paid with cash on delivery; capture, cancel or refund it instead.');
  }
  const done = outcome === 'paid' ? 'paid' : 'canceled';
  if (order.status !== 'authorized' && order.status !== done) {
    throw new ApiError(
      409,
      'cash_on_delivery_not_pending',
      `This cash-on-delivery order was already ${order.status === 'paid' ? 'marked paid' : 'refused'}; it cannot be marked ${outcome} now.`,
    );
  }
  if (outcome === 'paid') {
    // One capture per order, whoever sends it: the same key makes a repeat answer the same order.
    await captureOrder(deps, merchantId, orderId, { idempotencyKey: 'cash-on-delivery:paid', requestHash: 'cash-on-delivery:paid' });
  } else {
    await cancelOrder(deps, merchantId, orderId);
  }
  return orderView((await deps.storage.orderById(merchantId, orderId))!);
}

export function registerCashOnDeliveryRoutes(app: OpenAPIHono<AppEnv>, deps: CashOnDeliveryRouteDeps): void {
  // `/v1/orders/*` is already behind the secret key (app.ts).
  app.openapi(markCashOnDeliveryPaidRoute, async (c) => c.json(await settleCashOnDelivery(deps, c.get('merchant').id, c.req.valid('param').id, 'paid'), 200));
  app.openapi(markCashOnDeliveryRefusedRoute, async (c) =>
    c.json(await settleCashOnDelivery(deps, c.get('merchant').id, c.req.valid('param').id, 'refused'), 200),
  );
}
