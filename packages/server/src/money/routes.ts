/**
 * Merchant API (secret key) for money out:
 *
 *   POST /v1/orders/{id}/refunds               refund all or part (Idempotency-Key header required)
 *   GET  /v1/orders/{id}/refunds               captured and refunded amounts, with every refund
 *   GET  /v1/refunds/{id}                      one refund
 *   POST /v1/checkout-sessions/{id}/cancel     cancel an unpaid session (open, or waiting for 3-D Secure): it expires now
 *   POST /v1/orders/{id}/capture               capture (part of) an authorised order (Idempotency-Key header required)
 *
 * Canceling an order (`POST /v1/orders/{id}/cancel`) is the order lifecycle's (orders/routes.ts): it
 * releases an authorised payment through `cancelOrder` here, or refunds a captured one.
 *
 * And `withRefundEvents`: provider webhooks about refunds settle them (see `refunds.ts`).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CaptureRequest,
  CheckoutSession,
  CreateRefundRequest,
  Id,
  Order,
  OrderMoney,
  Refund,
  type ProviderWebhooks,
  type ServerProvider,
} from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import { jsonBody, secretKeyAuth, type AppEnv } from '../http/middleware.js';
import { ErrorBody } from '../http/routes.js';
import type { SessionRecord, Storage } from '../storage/index.js';
import { orderView } from '../session-view.js';
import { captureOrder } from './captures.js';
import { cancelSession } from './session-cancel.js';
import { applyRefundUpdate, createRefund, orderMoney, refundById, type MoneyDeps } from './refunds.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const errors = { default: json(ErrorBody, 'Error: `{ error: { code, message, issues? } }` with a stable code') };
const security = [{ secretKey: [] }];
const tags = ['money'];
const params = z.object({ id: Id });
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

export const createRefundRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/refunds',
  summary:
    'Refund all (no amount) or part of an order. Requires an `Idempotency-Key` header; the refunds of an order never add up to more than was captured (409 `refund_exceeds_captured`).',
  tags,
  security,
  request: { params, body: body(CreateRefundRequest), headers: z.object({ 'idempotency-key': z.string().min(1).max(255) }) },
  responses: {
    200: json(Refund, '`succeeded`, `failed` (the amount is free again) or `pending` (settled later by the provider’s webhook)'),
    ...errors,
  },
});
export const listRefundsRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{id}/refunds',
  summary: 'The captured and refunded amounts of an order, with its refunds',
  tags,
  security,
  request: { params },
  responses: { 200: json(OrderMoney.extend({ refunds: z.array(Refund) }), 'Amounts and refunds'), ...errors },
});
export const getRefundRoute = createRoute({
  method: 'get',
  path: '/v1/refunds/{id}',
  summary: 'Read a refund',
  tags,
  security,
  request: { params },
  responses: { 200: json(Refund, 'The refund'), ...errors },
});
export const cancelSessionRoute = createRoute({
  method: 'post',
  path: '/v1/checkout-sessions/{id}/cancel',
  summary:
    'Cancel an unpaid session: it expires now and can no longer be paid. A session waiting for 3-D Secure has its provider payment canceled first. Repeating it answers the canceled session; 409 `cancel_not_allowed` once paid or while a payment is processed.',
  tags,
  security,
  request: { params, body: body(z.object({}).strict()) },
  responses: { 200: json(CheckoutSession, 'The session, now `expired`'), ...errors },
});

export const captureOrderRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/capture',
  summary:
    'Capture all (no amount) or part of an authorised order (a session created with `captureMethod: "manual"`); the provider releases the rest. Requires an `Idempotency-Key` header; emits `order.paid`. 409 `capture_exceeds_authorized`, `capture_not_allowed` (not authorised, or a cancel or another capture under way); 402 `capture_failed`.',
  tags,
  security,
  request: { params, body: body(CaptureRequest), headers: z.object({ 'idempotency-key': z.string().min(1).max(255) }) },
  responses: { 200: json(Order, 'The order, now `paid` with `amountCaptured`'), ...errors },
});

export interface MoneyRouteDeps extends MoneyDeps {
  readonly storage: Storage;
  readonly now: () => Date;
  readonly sessionView: (session: SessionRecord) => CheckoutSession;
}

export function registerMoneyRoutes(app: OpenAPIHono<AppEnv>, deps: MoneyRouteDeps): void {
  // `/v1/orders/*` and `/v1/checkout-sessions/*` are already behind the secret key (app.ts).
  app.use('/v1/refunds/*', secretKeyAuth(deps.storage));
  app.use('/v1/orders/:id/refunds', jsonBody);
  app.use('/v1/checkout-sessions/:id/cancel', jsonBody);
  app.use('/v1/orders/:id/capture', jsonBody);

  const orderAnswer = async (merchantId: string, id: string) => {
    const order = await deps.storage.orderById(merchantId, id);
    if (!order) throw new ApiError(404, 'order_not_found', 'No order with this id.');
    return orderView(order);
  };
  app.openapi(captureOrderRoute, async (c) => {
    const key = c.req.header('idempotency-key');
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1–255 visible characters), a new one per capture.');
    }
    const merchantId = c.get('merchant').id;
    const { id } = c.req.valid('param');
    const { amount } = c.req.valid('json');
    await captureOrder(deps, merchantId, id, { ...(amount === undefined ? {} : { amount }), idempotencyKey: key, requestHash: c.get('bodyHash') });
    return c.json(await orderAnswer(merchantId, id), 200);
  });

  app.openapi(createRefundRoute, async (c) => {
    const key = c.req.header('idempotency-key');
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1–255 visible characters), a new one per refund.');
    }
    const input = c.req.valid('json');
    const refund = await createRefund(deps, c.get('merchant').id, c.req.valid('param').id, { ...input, idempotencyKey: key, requestHash: c.get('bodyHash') });
    return c.json(refund, 200);
  });
  app.openapi(listRefundsRoute, async (c) => c.json(await orderMoney(deps.db, c.get('merchant').id, c.req.valid('param').id), 200));
  app.openapi(getRefundRoute, async (c) => {
    const refund = await refundById(deps.db, c.get('merchant').id, c.req.valid('param').id);
    if (!refund) throw new ApiError(404, 'not_found', 'No refund with this id.');
    return c.json(refund, 200);
  });
  app.openapi(cancelSessionRoute, async (c) => {
    const merchantId = c.get('merchant').id;
    const { id } = c.req.valid('param');
    const before = await deps.storage.sessionById(id);
    if (!before || before.merchantId !== merchantId) throw new ApiError(404, 'session_not_found', 'No checkout session with this id.');
    await cancelSession(deps, before, deps.now());
    return c.json(deps.sessionView((await deps.storage.sessionById(id))!), 200);
  });
}

/**
 * The provider with refund events applied: after its own verification, an event that carries a
 * refund's new state settles that refund (idempotently: a replay changes nothing). The checkout's
 * webhook handling sees the same event, unchanged.
 */
export function withRefundEvents(provider: ServerProvider, deps: () => MoneyDeps): ServerProvider {
  const webhooks = provider.webhooks;
  if (!webhooks || !provider.moneyOut) return provider;
  const wrapped: ProviderWebhooks = {
    async verify(rawBody, headers, now) {
      const event = await webhooks.verify(rawBody, headers, now);
      if (event.refund) await applyRefundUpdate(deps(), provider.id, event.refund);
      return event;
    },
  };
  // A proxy, not a copy: the provider object stays the one its owner holds (and may change).
  return new Proxy(provider, { get: (target, property, receiver) => (property === 'webhooks' ? wrapped : Reflect.get(target, property, receiver)) });
}
