/** OpenAPI route definitions; the document at `/v1/openapi.json` is generated from these. */
import { createRoute, z } from '@hono/zod-openapi';
import {
  API_ERROR_CODES,
  CheckoutSessionWithTenders,
  ConfirmRequest,
  ConfirmResponse,
  CreateCheckoutSessionRequest,
  CreateCheckoutSessionResponse,
  Id,
  Order,
  PrepareRequest,
  PrepareResponse,
  SetContactRequest,
  SetShippingAddressRequest,
  SetShippingOptionRequest,
} from '@omni-checkout/core';
import { listOf, pageQuery } from './pages.js';

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    declineCode: z.string().optional(),
  }),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const errors = { default: json(ErrorBody, 'Error: `{ error: { code, message, issues? } }` with a stable code') };
const params = z.object({ id: Id });

const merchant = [{ secretKey: [] }];
const client = [{ clientSecret: [], publishableKey: [] }];
const sessionPath = '/v1/client/checkout-sessions/{id}';

export const createSessionRoute = createRoute({
  method: 'post',
  path: '/v1/checkout-sessions',
  summary:
    'Create a checkout session (the backend prices it). An optional `Idempotency-Key` header makes a retry safe: the same key with the same body answers the same session (its id and client secret, its state now) with 201 again; with another body, 422 `idempotency_key_reused`.',
  security: merchant,
  request: {
    body: body(CreateCheckoutSessionRequest),
    headers: z.object({
      // Checked by the handler (400 `idempotency_key_required` for a key that does not fit), as on the other routes.
      'idempotency-key': z
        .string()
        .optional()
        .openapi({
          description:
            'Optional; 1–255 visible ASCII characters, a new one per session. Per merchant (live and test keys are different merchants). Remembered as long as its session is kept: a session never paid is purged `OMNI_RETENTION_DAYS` (default 7) after it expires, a paid one stays with its order.',
          minLength: 1,
          maxLength: 255,
          pattern: '^[\\x21-\\x7E]{1,255}$',
        }),
    }),
  },
  responses: {
    201: json(CreateCheckoutSessionResponse, 'Created, or the session this Idempotency-Key created before; give `clientSecret` to the page'),
    ...errors,
  },
});

export const getSessionRoute = createRoute({
  method: 'get',
  path: '/v1/checkout-sessions/{id}',
  summary: 'Retrieve a checkout session',
  security: merchant,
  request: { params },
  responses: { 200: json(CheckoutSessionWithTenders, 'The session'), ...errors },
});

export const getOrderRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{id}',
  summary: 'Retrieve an order',
  security: merchant,
  request: { params },
  responses: { 200: json(Order, 'The order'), ...errors },
});

export const listOrdersRoute = createRoute({
  method: 'get',
  path: '/v1/orders',
  summary:
    "List the merchant's orders, optionally for one session: newest first, `limit` (1–100, default 100) at a time; walk with `startingAfter` = the last id while `hasMore` (400 `cursor_not_found` for an id that is no order of yours)",
  security: merchant,
  request: { query: pageQuery({ sessionId: Id.optional() }) },
  responses: { 200: json(listOf(Order), 'One page of orders, newest first'), ...errors },
});

export const clientGetSessionRoute = createRoute({
  method: 'get',
  path: sessionPath,
  summary: 'Read the session (page)',
  security: client,
  request: { params },
  responses: { 200: json(CheckoutSessionWithTenders, 'The session'), ...errors },
});

const clientUpdate = <T extends z.ZodType>(suffix: string, summary: string, schema: T) =>
  createRoute({
    method: 'post',
    path: `${sessionPath}/${suffix}`,
    summary,
    security: client,
    request: { params, body: body(schema) },
    responses: { 200: json(CheckoutSessionWithTenders, 'The updated session'), ...errors },
  });

export const setContactRoute = clientUpdate('contact', "Set the shopper's contact", SetContactRequest);
export const setShippingAddressRoute = clientUpdate('shipping-address', 'Set the shipping address', SetShippingAddressRequest);
export const setShippingOptionRoute = clientUpdate('shipping-option', 'Choose a shipping option', SetShippingOptionRequest);

const paymentResponses = {
  200: json(ConfirmResponse, 'Paid (`succeeded`, with the order) or waiting for the shopper (`requires_action`)'),
  402: { description: 'Payment failed: `card_declined`, `insufficient_funds`, `authentication_failed`, ... (ErrorBody)' },
  409: { description: 'Not ready, already in progress, or still waiting for the shopper (ErrorBody)' },
  ...errors,
};

export const confirmRoute = createRoute({
  method: 'post',
  path: `${sessionPath}/confirm`,
  summary: 'Pay. Requires an `Idempotency-Key` header, one per attempt; amount and currency come from the session.',
  security: client,
  request: { params, body: body(ConfirmRequest) },
  responses: paymentResponses,
});

export const completeActionRoute = createRoute({
  method: 'post',
  path: `${sessionPath}/complete-action`,
  summary: 'After 3-D Secure or a redirect: ask the provider for the outcome',
  security: client,
  request: { params, body: body(z.object({}).strict()) },
  responses: paymentResponses,
});

export const webhookParams = z.object({ provider: z.string() });
export const WebhookReceipt = z.object({ received: z.literal(true), duplicate: z.boolean() });

export const prepareRoute = createRoute({
  method: 'post',
  path: `${sessionPath}/prepare`,
  summary:
    'Providers whose buyer approves in their own window (PayPal): create the provider payment for the session’s amount, or re-price one prepared before. Requires an `Idempotency-Key` header.',
  security: client,
  request: { params, body: body(PrepareRequest) },
  responses: {
    200: json(PrepareResponse, 'The provider reference (a PayPal order id) and the session'),
    409: { description: 'Not ready (contact, address, shipping), already paid or in progress (ErrorBody)' },
    ...errors,
  },
});
