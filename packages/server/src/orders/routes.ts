/**
 * After the purchase, over HTTP.
 *
 * Merchant API (secret key):
 *   GET  /v1/orders/{id}/status            the order's state, history, shipments, returns, and its signed status link
 *   POST /v1/orders/{id}/shipments         a parcel: items, carrier, tracking number and URL (→ shipped)
 *   POST /v1/orders/{id}/delivery-events   preparing, out_for_delivery, delivered
 *   POST /v1/orders/{id}/cancel            before shipment; refunds what was captured
 *   POST /v1/returns/{id}/approve          refunds the return through the order's provider
 *   POST /v1/returns/{id}/refuse
 *   GET|POST /v1/order-settings            shopper cancel allowed, the status page's address
 *
 * Shopper API (publishable key + `Authorization: Bearer ost_…`, the signed status link's token; no account):
 *   GET  /v1/client/order-status           that order's status, nothing else
 *   POST /v1/client/order-status/returns   return items, with a reason
 *   POST /v1/client/order-status/cancel    when the merchant allows it, before shipment
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  ApproveReturnRequest,
  CancelOrderRequest,
  CreateReturnRequest,
  CreateShipmentRequest,
  DeliveryEventRequest,
  Id,
  OrderReturn,
  OrderSettings,
  OrderStatusView,
  RefuseReturnRequest,
  Shipment,
  ShopperOrderStatus,
  UpdateOrderSettingsRequest,
  type ProviderWebhooks,
  type ServerProvider,
} from '@omni-checkout/core';
import type { Context } from 'hono';
import { ApiError } from '../errors.js';
import { jsonBody, secretKeyAuth, type AppEnv } from '../http/middleware.js';
import { ErrorBody } from '../http/routes.js';
import type { Storage } from '../storage/index.js';
import {
  addDeliveryEvent,
  addShipment,
  approveReturn,
  cancelOrder,
  orderSettings,
  refuseReturn,
  requestReturn,
  shopperStatus,
  syncRefundByReference,
  syncReturnRefunds,
  updateOrderSettings,
  type OrderDeps,
} from './lifecycle.js';
import { orderIdOfToken, statusLinkKey, statusToken, statusUrl } from './status-link.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const errors = { default: json(ErrorBody, 'Error: `{ error: { code, message, issues? } }` with a stable code') };
const security = [{ secretKey: [] }];
const tags = ['orders'];
const params = z.object({ id: Id });
const conflict = '409 `order_transition_not_allowed` when the order cannot make this move from its state';

export const getOrderStatusRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{id}/status',
  summary: "The order's lifecycle: state, history (time and actor of each move), shipments, returns and refunds, and the signed status link to send the shopper",
  tags,
  security,
  request: { params },
  responses: { 200: json(OrderStatusView, 'The status'), ...errors },
});
export const createShipmentRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/shipments',
  summary: `Add a shipment (items, carrier, tracking number and URL); the order becomes \`shipped\`. ${conflict}; 409 \`quantity_not_available\` for items already shipped`,
  tags,
  security,
  request: { params, body: body(CreateShipmentRequest) },
  responses: { 200: json(Shipment, 'The shipment'), ...errors },
});
export const deliveryEventRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/delivery-events',
  summary: `Report progress: \`preparing\`, \`out_for_delivery\` or \`delivered\`. ${conflict}`,
  tags,
  security,
  request: { params, body: body(DeliveryEventRequest) },
  responses: { 200: json(OrderStatusView, 'The status after the move'), ...errors },
});
export const cancelOrderRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/cancel',
  summary: `Cancel before shipment: an authorised payment (capture later) is released at the provider, a captured one refunded (repeat to resume a refund or release that did not finish). ${conflict}`,
  tags,
  security,
  request: { params, body: body(CancelOrderRequest) },
  responses: { 200: json(OrderStatusView, 'The status, now `canceled`'), ...errors },
});
export const approveReturnRoute = createRoute({
  method: 'post',
  path: '/v1/returns/{id}/approve',
  summary: `Approve a requested return and refund it through the order's provider (the items' value unless \`amount\`; never above what is still captured). Repeat to resume the refund. ${conflict}`,
  tags: ['returns'],
  security,
  request: { params, body: body(ApproveReturnRequest) },
  responses: { 200: json(OrderReturn, 'The return with its refund'), ...errors },
});
export const refuseReturnRoute = createRoute({
  method: 'post',
  path: '/v1/returns/{id}/refuse',
  summary: `Refuse a requested return, with the reason the shopper sees. ${conflict}`,
  tags: ['returns'],
  security,
  request: { params, body: body(RefuseReturnRequest) },
  responses: { 200: json(OrderReturn, 'The return'), ...errors },
});
export const getOrderSettingsRoute = createRoute({
  method: 'get',
  path: '/v1/order-settings',
  summary: 'Whether shoppers may cancel before shipment, and the address of your status page',
  tags,
  security,
  responses: { 200: json(OrderSettings, 'The settings'), ...errors },
});
export const updateOrderSettingsRoute = createRoute({
  method: 'post',
  path: '/v1/order-settings',
  summary: 'Change the order settings',
  tags,
  security,
  request: { body: body(UpdateOrderSettingsRequest) },
  responses: { 200: json(OrderSettings, 'The settings'), ...errors },
});

const shopperSecurity = [{ publishableKey: [], statusLink: [] }];
const shopperTags = ['order status'];
export const shopperStatusRoute = createRoute({
  method: 'get',
  path: '/v1/client/order-status',
  summary: "The status of the one order the signed link's token names (no account; no contact, address or payment details)",
  tags: shopperTags,
  security: shopperSecurity,
  responses: { 200: json(ShopperOrderStatus, 'The status'), ...errors },
});
export const shopperReturnRoute = createRoute({
  method: 'post',
  path: '/v1/client/order-status/returns',
  summary: `Ask to return items, with a reason. ${conflict}; 409 \`quantity_not_available\` for items already returned`,
  tags: shopperTags,
  security: shopperSecurity,
  request: { body: body(CreateReturnRequest) },
  responses: { 200: json(ShopperOrderStatus, 'The status with the return'), ...errors },
});
export const shopperCancelRoute = createRoute({
  method: 'post',
  path: '/v1/client/order-status/cancel',
  summary: `Cancel before shipment when the shop allows it (409 \`cancel_not_allowed\` otherwise). ${conflict}`,
  tags: shopperTags,
  security: shopperSecurity,
  request: { body: body(z.object({}).strict()) },
  responses: { 200: json(ShopperOrderStatus, 'The status, now `canceled`'), ...errors },
});

export interface OrderRouteDeps extends OrderDeps {
  readonly storage: Storage;
}

export function registerOrderRoutes(app: OpenAPIHono<AppEnv>, deps: OrderRouteDeps): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'statusLink', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token of a signed status link (`ost_…`, from the link’s `#order-status=` fragment)',
  });
  // `/v1/orders/*` is behind the secret key already (app.ts); `/v1/client/*` behind the publishable key and origin, with JSON bodies.
  for (const path of ['/v1/returns/*', '/v1/order-settings']) app.use(path, secretKeyAuth(deps.storage));
  for (const path of ['/v1/orders/:id/shipments', '/v1/orders/:id/delivery-events', '/v1/orders/:id/cancel', '/v1/returns/*', '/v1/order-settings']) {
    app.use(path, jsonBody);
  }

  const merchantView = async (merchantId: string, orderId: string): Promise<OrderStatusView> => {
    await syncReturnRefunds(deps, orderId);
    const status = await shopperStatus(deps.db, merchantId, orderId);
    const token = statusToken(await statusLinkKey(deps.db), orderId);
    return { ...status, statusToken: token, statusUrl: statusUrl((await orderSettings(deps.db, merchantId)).statusPageUrl, token) };
  };

  app.openapi(getOrderStatusRoute, async (c) => c.json(await merchantView(c.get('merchant').id, c.req.valid('param').id), 200));
  app.openapi(createShipmentRoute, async (c) =>
    c.json(await addShipment(deps, c.get('merchant').id, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(deliveryEventRoute, async (c) => {
    const { id } = c.req.valid('param');
    await addDeliveryEvent(deps, c.get('merchant').id, id, c.req.valid('json').type);
    return c.json(await merchantView(c.get('merchant').id, id), 200);
  });
  app.openapi(cancelOrderRoute, async (c) => {
    const { id } = c.req.valid('param');
    await cancelOrder(deps, c.get('merchant').id, id, 'merchant');
    return c.json(await merchantView(c.get('merchant').id, id), 200);
  });
  app.openapi(approveReturnRoute, async (c) =>
    c.json(await approveReturn(deps, c.get('merchant').id, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(refuseReturnRoute, async (c) =>
    c.json(await refuseReturn(deps, c.get('merchant').id, c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
  app.openapi(getOrderSettingsRoute, async (c) => c.json(await orderSettings(deps.db, c.get('merchant').id), 200));
  app.openapi(updateOrderSettingsRoute, async (c) => c.json(await updateOrderSettings(deps.db, c.get('merchant').id, c.req.valid('json')), 200));

  /** The order the status link's token names, at the publishable key's merchant; 401 `invalid_status_link` otherwise. */
  const linkedOrder = async (c: Context<AppEnv>): Promise<string> => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const orderId = token ? orderIdOfToken(await statusLinkKey(deps.db), token) : null;
    const merchantId = c.get('merchant').id;
    const { rows } = orderId ? await deps.db.query('SELECT 1 FROM orders WHERE id = $1 AND merchant_id = $2', [orderId, merchantId]) : { rows: [] };
    if (!orderId || rows.length === 0) {
      throw new ApiError(401, 'invalid_status_link', 'This order status link is not valid. Open the link from your order email again.');
    }
    return orderId;
  };
  const shopperView = async (merchantId: string, orderId: string) => {
    await syncReturnRefunds(deps, orderId);
    return shopperStatus(deps.db, merchantId, orderId);
  };

  app.openapi(shopperStatusRoute, async (c) => c.json(await shopperView(c.get('merchant').id, await linkedOrder(c)), 200));
  app.openapi(shopperReturnRoute, async (c) => {
    const orderId = await linkedOrder(c);
    await requestReturn(deps, c.get('merchant').id, orderId, c.req.valid('json'));
    return c.json(await shopperView(c.get('merchant').id, orderId), 200);
  });
  app.openapi(shopperCancelRoute, async (c) => {
    const orderId = await linkedOrder(c);
    await cancelOrder(deps, c.get('merchant').id, orderId, 'shopper');
    return c.json(await shopperView(c.get('merchant').id, orderId), 200);
  });
}

/**
 * The provider with return refunds followed: after its own verification (and the refund settled by
 * `withRefundEvents`, which this wraps), an event about a refund moves its return and order on.
 */
export function withReturnRefunds(provider: ServerProvider, deps: () => Pick<OrderDeps, 'db' | 'wakeOutbox'>): ServerProvider {
  const webhooks = provider.webhooks;
  if (!webhooks || !provider.moneyOut) return provider;
  const wrapped: ProviderWebhooks = {
    async verify(rawBody, headers, now) {
      const event = await webhooks.verify(rawBody, headers, now);
      if (event.refund && event.refund.status === 'succeeded') await syncRefundByReference(deps(), provider.id, event.refund.reference);
      return event;
    },
  };
  return new Proxy(provider, { get: (target, property, receiver) => (property === 'webhooks' ? wrapped : Reflect.get(target, property, receiver)) });
}
