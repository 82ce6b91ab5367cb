/**
 * The merchant's server loop, as zod schemas shared by the backend (validation, OpenAPI) and the
 * Node SDK (`@omni-checkout/node`, types): webhook endpoints, the events they receive, their
 * delivery log, refunds, captures and cancels.
 */
import { z } from 'zod';
import { Id, LineItem, Metadata, MinorAmount, PaymentError, ProviderId } from './schemas.js';

/**
 * Events the backend emits today. Later post-purchase events (`order.fulfilled`, `return.requested`…)
 * use the same envelope. Manual capture: `order.authorized` when the payment is authorised, then
 * `order.paid` when the merchant captures it (money taken, `amountCaptured` set) or `order.canceled`
 * when the authorisation is voided; there is no separate `order.captured`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'checkout.session.completed',
  'checkout.session.canceled',
  'order.paid',
  'order.authorized',
  'order.refunded',
  'order.canceled',
  'payment.failed',
  'payment.review_required',
  'refund.failed',
] as const;
export type KnownWebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An event type: a known one, or any dotted lower-case name a later feature emits; `*` subscribes to all. */
export const WebhookEventType = z
  .string()
  .max(64)
  .regex(/^(\*|[a-z_]+(\.[a-z_]+)+)$/, 'Use an event type such as order.paid, or * for every event');

export const WebhookEndpoint = z.object({
  id: z.string(),
  object: z.literal('webhook_endpoint'),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.string(),
  /** Until then, deliveries are also signed with the secret that was rotated out. */
  previousSecretExpiresAt: z.string().nullable(),
});

/** Answered once, at creation and at rotation: the signing secret (`whsec_…`, Standard Webhooks). */
export const WebhookEndpointWithSecret = WebhookEndpoint.extend({ secret: z.string() });

export const CreateWebhookEndpointRequest = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2048),
    events: z.array(WebhookEventType).min(1).max(50),
    description: z.string().max(500).optional(),
  })
  .strict();

export const UpdateWebhookEndpointRequest = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    events: z.array(WebhookEventType).min(1).max(50).optional(),
    description: z.string().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const RotateWebhookSecretRequest = z
  .object({
    /** How long the old secret keeps signing deliveries (default 24 h, at most 7 days; 0 drops it now). */
    previousSecretExpiresInSeconds: z.number().int().min(0).max(7 * 24 * 3600).optional(),
  })
  .strict();

export const WebhookDelivery = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number().int(),
  /** The endpoint's HTTP status, or null when it could not be reached. */
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  createdAt: z.string(),
});

export const RedeliverRequest = z.object({ eventId: Id }).strict();
export const RedeliverResponse = z.object({ eventId: z.string(), endpointId: z.string(), status: z.literal('pending') });

// ── Event payloads ───────────────────────────────────────────────────────────────────────────

/** An order as events carry it: no contact or address (read those with the secret key). */
export const OrderSnapshot = z.object({
  object: z.literal('order'),
  id: z.string(),
  sessionId: z.string(),
  status: z.string(),
  amount: MinorAmount,
  /** What was taken: 0 while `authorized` or once `canceled`, the captured part after a capture. */
  amountCaptured: MinorAmount.optional(),
  currency: z.string(),
  lineItems: z.array(LineItem),
  provider: ProviderId,
  paymentReference: z.string(),
  createdAt: z.string(),
});

export const SessionSnapshot = z.object({
  object: z.literal('checkout.session'),
  id: z.string(),
  status: z.string(),
  metadata: Metadata,
  currency: z.string().optional(),
  country: z.string().optional(),
  channel: z.string().optional(),
  orderId: z.string().nullable().optional(),
  attempt: z.number().int().optional(),
  error: PaymentError.optional(),
});

export const RefundStatus = z.enum(['pending', 'succeeded', 'failed']);

export const Refund = z.object({
  id: z.string(),
  object: z.literal('refund'),
  orderId: z.string(),
  amount: MinorAmount,
  currency: z.string(),
  status: RefundStatus,
  reason: z.string().nullable(),
  providerReference: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: z.string(),
});

/** Money a provider reported as moved that does not match its attempt: held, no order recorded. */
export const PaymentReviewSnapshot = z.object({
  object: z.literal('payment_review'),
  sessionId: z.string(),
  provider: z.string(),
  reference: z.string(),
  reason: z.enum(['amount_mismatch', 'currency_mismatch', 'session_changed']),
  expected: z.object({ amount: MinorAmount, currency: z.string() }),
  received: z.object({ amount: MinorAmount, currency: z.string() }),
});

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ id: z.string(), type: z.literal(type), createdAt: z.string(), livemode: z.boolean(), data: z.object({ object: data }) });

/** Known events, discriminated by `type`. */
export const KnownWebhookEvent = z.discriminatedUnion('type', [
  envelope('checkout.session.completed', SessionSnapshot),
  envelope('checkout.session.canceled', SessionSnapshot),
  envelope('payment.failed', SessionSnapshot),
  envelope('order.paid', OrderSnapshot),
  envelope('order.authorized', OrderSnapshot),
  envelope('order.canceled', OrderSnapshot),
  envelope('order.refunded', OrderSnapshot.extend({ refund: Refund, amountRefunded: MinorAmount })),
  envelope('refund.failed', Refund),
  envelope('payment.review_required', PaymentReviewSnapshot),
]);
export type KnownWebhookEvent = z.infer<typeof KnownWebhookEvent>;

/** Any event: the envelope every delivery has (later event types parse here with their own data). */
export const WebhookEvent = z.object({
  id: z.string(),
  type: z.string(),
  createdAt: z.string(),
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

// ── Money out ───────────────────────────────────────────────────────────────────────────────

export const CreateRefundRequest = z
  .object({
    /** Minor units; default: everything captured and not yet refunded. */
    amount: MinorAmount.min(1).optional(),
    reason: z.string().max(200).optional(),
  })
  .strict();

export const CaptureRequest = z
  .object({
    /** Minor units; default the whole authorised amount. Stripe and PayPal release the rest. */
    amount: MinorAmount.min(1).optional(),
  })
  .strict();

/** Money figures of an order, beside the order itself. */
export const OrderMoney = z.object({
  orderId: z.string(),
  status: z.string(),
  amount: MinorAmount,
  amountCaptured: MinorAmount,
  amountRefunded: MinorAmount,
  currency: z.string(),
});

export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;
export type CreateWebhookEndpointRequest = z.infer<typeof CreateWebhookEndpointRequest>;
export type UpdateWebhookEndpointRequest = z.infer<typeof UpdateWebhookEndpointRequest>;
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export type Refund = z.infer<typeof Refund>;
export type CreateRefundRequest = z.infer<typeof CreateRefundRequest>;
export type CaptureRequest = z.infer<typeof CaptureRequest>;
export type OrderMoney = z.infer<typeof OrderMoney>;
