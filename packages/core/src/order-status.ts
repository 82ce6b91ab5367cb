/**
 * After the purchase: an order's lifecycle (fulfilment, delivery, returns, refunds), as zod
 * schemas shared by the backend (validation, OpenAPI), the Node SDK and `<omni-order-status>`.
 *
 *   paid ─▶ preparing ─▶ shipped ─▶ out_for_delivery ─▶ delivered ─▶ return_requested ─▶ return_approved ─▶ partially_refunded
 *     │         │                                                        │   ▲                 │              refunded
 *     └─────────┴─▶ canceled                                             ▼   │ (again)          ▼
 *                                                                   return_refused        (refund failed: stays approved)
 *
 * `ORDER_TRANSITIONS` is the one table of allowed moves; the backend refuses any other with 409
 * `order_transition_not_allowed`.
 */
import { z } from 'zod';
import { DeliveryWindow, Id, MinorAmount, text } from './schemas.js';
import { safeString } from './text.js';
import { Refund } from './merchant-api.js';

export const ORDER_STATES = [
  'paid',
  'preparing',
  'shipped',
  'out_for_delivery',
  'delivered',
  'canceled',
  'return_requested',
  'return_approved',
  'return_refused',
  'partially_refunded',
  'refunded',
] as const;
export const OrderLifecycleState = z.enum(ORDER_STATES);
export type OrderLifecycleState = z.infer<typeof OrderLifecycleState>;

/** Where each state may go next. `shipped` → `shipped` is a further shipment of the same order. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderLifecycleState, readonly OrderLifecycleState[]>> = {
  paid: ['preparing', 'shipped', 'canceled'],
  preparing: ['shipped', 'canceled'],
  shipped: ['shipped', 'out_for_delivery', 'delivered'],
  out_for_delivery: ['delivered'],
  delivered: ['return_requested'],
  canceled: [],
  return_requested: ['return_approved', 'return_refused'],
  return_approved: ['partially_refunded', 'refunded'],
  return_refused: ['return_requested'],
  partially_refunded: ['return_requested'],
  refunded: [],
};

export const canTransition = (from: OrderLifecycleState, to: OrderLifecycleState): boolean => ORDER_TRANSITIONS[from].includes(to);

export const OrderActor = z.enum(['merchant', 'shopper', 'system']);
export type OrderActor = z.infer<typeof OrderActor>;

/** A quantity of one line item of the order (shipped together, or returned). */
export const OrderItemQuantity = z.object({ lineItemId: Id, quantity: z.number().int().min(1).max(10_000) }).strict();

const httpsUrl = z.url({ protocol: /^https?$/ }).max(2048);

export const CreateShipmentRequest = z
  .object({
    /** The items in this parcel; default every item not yet shipped. */
    items: z.array(OrderItemQuantity).min(1).max(100).optional(),
    carrier: text(100),
    trackingNumber: safeString().min(1).max(100).optional(),
    trackingUrl: httpsUrl.optional(),
  })
  .strict();

export const Shipment = z.object({
  id: z.string(),
  object: z.literal('shipment'),
  items: z.array(OrderItemQuantity),
  carrier: z.string(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  createdAt: z.string(),
});

/** A merchant (or carrier integration) reports progress without a new parcel. */
export const DeliveryEventRequest = z.object({ type: z.enum(['preparing', 'out_for_delivery', 'delivered']) }).strict();

export const CancelOrderRequest = z.object({ reason: text(200).optional() }).strict();

export const ReturnStatus = z.enum(['requested', 'approved', 'refused', 'refunded']);

export const OrderReturn = z.object({
  id: z.string(),
  object: z.literal('return'),
  orderId: z.string(),
  status: ReturnStatus,
  items: z.array(OrderItemQuantity),
  reason: z.string(),
  /** What the items are worth (minor units): the refund when approved without another amount. */
  amount: MinorAmount,
  /** From the merchant when approving: how to send the items back, and a label to print. */
  instructions: z.string().nullable(),
  labelUrl: z.string().nullable(),
  refusalReason: z.string().nullable(),
  refund: Refund.nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const ApproveReturnRequest = z
  .object({
    /** Minor units; default the value of the returned items (never above what is still captured). */
    amount: MinorAmount.min(1).optional(),
    instructions: text(1000).optional(),
    labelUrl: httpsUrl.optional(),
  })
  .strict();

export const RefuseReturnRequest = z.object({ reason: text(500) }).strict();

export const OrderHistoryEntry = z.object({
  from: OrderLifecycleState.nullable(),
  to: OrderLifecycleState,
  actor: OrderActor,
  /** The shipment or return the step is about, when there is one. */
  reference: z.string().nullable(),
  at: z.string(),
});

/** The line items as the status page shows them: no payment details. */
export const OrderStatusItem = z.object({
  id: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  amount: MinorAmount,
});

/** What the shopper's status page shows (through the signed status link): that order only, no payment reference, no contact. */
export const ShopperOrderStatus = z.object({
  object: z.literal('order_status'),
  orderId: z.string(),
  merchantName: z.string(),
  state: OrderLifecycleState,
  currency: z.string(),
  amount: MinorAmount,
  amountRefunded: MinorAmount,
  items: z.array(OrderStatusItem),
  shippingLabel: z.string().nullable(),
  /** The delivery window promised at checkout, as calendar dates in the merchant's time zone. */
  deliveryWindow: DeliveryWindow.nullable(),
  shipments: z.array(Shipment),
  returns: z.array(OrderReturn),
  history: z.array(OrderHistoryEntry),
  /** The shopper may cancel now (before shipment, when the merchant allows it). */
  canCancel: z.boolean(),
  /** The shopper may ask to return items now (delivered, and something left to return). */
  canReturn: z.boolean(),
  createdAt: z.string(),
});
export type ShopperOrderStatus = z.infer<typeof ShopperOrderStatus>;

/** The merchant's view: the shopper's plus the signed status link to send. */
export const OrderStatusView = ShopperOrderStatus.extend({ statusToken: z.string(), statusUrl: z.string().nullable() });
export type OrderStatusView = z.infer<typeof OrderStatusView>;

export const CreateReturnRequest = z
  .object({
    items: z.array(OrderItemQuantity).min(1).max(100),
    reason: text(500),
  })
  .strict();

export const OrderSettings = z
  .object({
    /** Shoppers may cancel from the status page until the order ships. Default false. */
    shopperCanCancel: z.boolean(),
    /** The merchant's status page; the signed link is `<statusPageUrl>#order-status=<token>`. */
    statusPageUrl: httpsUrl.nullable(),
  })
  .strict();
export const UpdateOrderSettingsRequest = OrderSettings.partial().strict();

export type CreateShipmentRequest = z.infer<typeof CreateShipmentRequest>;
export type Shipment = z.infer<typeof Shipment>;
export type DeliveryEventRequest = z.infer<typeof DeliveryEventRequest>;
export type OrderReturn = z.infer<typeof OrderReturn>;
export type ApproveReturnRequest = z.infer<typeof ApproveReturnRequest>;
export type CancelOrderRequest = z.infer<typeof CancelOrderRequest>;
export type RefuseReturnRequest = z.infer<typeof RefuseReturnRequest>;
export type CreateReturnRequest = z.infer<typeof CreateReturnRequest>;
export type OrderHistoryEntry = z.infer<typeof OrderHistoryEntry>;
export type OrderSettings = z.infer<typeof OrderSettings>;
export type OrderItemQuantity = z.infer<typeof OrderItemQuantity>;

/** The fragment key of a status link: `…/order-status#order-status=<token>` (a fragment never reaches a server log). */
export const STATUS_LINK_PARAM = 'order-status';

/**
 * Merchant webhook events of the order lifecycle; each carries the order's status (`ShopperOrderStatus`, no contact or
 * address). A cancel emits the existing `order.canceled` (with the order snapshot).
 */
export const ORDER_STATUS_EVENT_TYPES = [
  'order.preparing',
  'order.shipped',
  'order.out_for_delivery',
  'order.delivered',
  'return.requested',
  'return.approved',
  'return.refused',
  'return.refunded',
] as const;

const statusEnvelope = <T extends string>(type: T) =>
  z.object({ id: z.string(), type: z.literal(type), createdAt: z.string(), livemode: z.boolean(), data: z.object({ object: ShopperOrderStatus }) });

export const OrderStatusWebhookEvent = z.discriminatedUnion('type', [
  statusEnvelope('order.preparing'),
  statusEnvelope('order.shipped'),
  statusEnvelope('order.out_for_delivery'),
  statusEnvelope('order.delivered'),
  statusEnvelope('return.requested'),
  statusEnvelope('return.approved'),
  statusEnvelope('return.refused'),
  statusEnvelope('return.refunded'),
]);
export type OrderStatusWebhookEvent = z.infer<typeof OrderStatusWebhookEvent>;

/** One order in a recognised shopper's list at a merchant (`GET /v1/client/identity/orders`): enough to choose it, and the token that opens its status. */
export const ShopperOrderSummary = z.object({
  orderId: z.string(),
  state: OrderLifecycleState,
  currency: z.string(),
  amount: MinorAmount,
  createdAt: z.string(),
  /** Units bought, all lines together. */
  itemCount: z.number().int(),
  /** The first lines (at most 3), names and quantities. */
  items: z.array(z.object({ name: z.string(), quantity: z.number().int() })).max(3),
  /** The signed status link's token of this order (`ost_…`), for `GET /v1/client/order-status`. */
  statusToken: z.string(),
});
export type ShopperOrderSummary = z.infer<typeof ShopperOrderSummary>;

/** The most orders one list answers (newest first). */
export const SHOPPER_ORDERS_PAGE = 20;

export const ShopperOrderList = z.object({
  object: z.literal('list'),
  data: z.array(ShopperOrderSummary).max(SHOPPER_ORDERS_PAGE),
  /** More (older) orders exist than this page shows. */
  hasMore: z.boolean(),
});
export type ShopperOrderList = z.infer<typeof ShopperOrderList>;
