/**
 * After the purchase: an order's lifecycle over the database (PGlite and PostgreSQL alike).
 *
 * Every move goes through `transition`, in the transaction of its effect, under the order's row
 * lock: it checks core's `ORDER_TRANSITIONS` (409 `order_transition_not_allowed` otherwise), sets
 * `orders.lifecycle`, appends to `order_history` with the actor, emits the merchant webhook event
 * and enqueues the shopper's notification (outbox), so a move, its event and its message exist
 * together or not at all.
 *
 * Refunds (a return approved, an order canceled) go through `createRefund` (money/refunds.ts) after
 * the move committed, under a key per return / cancel, so repeating the request resumes the same
 * refund. A refund that succeeds (at once, or later by the provider's webhook) moves the return to
 * `refunded` and the order to `refunded` / `partially_refunded` in `syncReturnRefunds`.
 */
import {
  canTransition,
  type ApproveReturnRequest,
  type CreateReturnRequest,
  type CreateShipmentRequest,
  type LineItem,
  type OrderActor,
  type OrderHistoryEntry,
  type OrderItemQuantity,
  type OrderLifecycleState,
  type OrderReturn,
  type OrderSettings,
  type Refund,
  type SessionShippingOption,
  type Shipment,
  type ShopperOrderStatus,
} from '@omni-checkout/core';
import { randomHex, sha256 } from '../crypto.js';
import { ApiError } from '../errors.js';
import { cancelOrder as releaseAuthorization } from '../money/captures.js';
import { createRefund, type MoneyDeps } from '../money/refunds.js';
import type { Db, Queryable } from '../storage/db.js';
import { emitMerchantEvent } from '../webhooks/store.js';
import { enqueueOrderNotice } from './notify.js';
import { orderSettings } from './settings.js';

export { orderSettings, updateOrderSettings } from './settings.js';

type Row = Record<string, unknown>;

export interface OrderDeps extends MoneyDeps {
  readonly db: Db;
}

const iso = (value: unknown) => new Date(value as string).toISOString();
const jsonOf = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export const newShipmentId = () => `shp_${randomHex(12)}`;
export const newReturnId = () => `ret_${randomHex(12)}`;

export const notAllowed = (from: OrderLifecycleState, to: OrderLifecycleState) =>
  new ApiError(409, 'order_transition_not_allowed', `An order that is ${from.replaceAll('_', ' ')} cannot become ${to.replaceAll('_', ' ')}.`);

const orderNotFound = () => new ApiError(404, 'order_not_found', 'No order with this id.');

export interface LockedOrder {
  readonly id: string;
  readonly merchantId: string;
  readonly lifecycle: OrderLifecycleState;
  readonly lineItems: readonly LineItem[];
  readonly amountCaptured: number;
  readonly amountRefunded: number;
  readonly livemode: boolean;
}

/** Reads and row-locks the order (the lock serialises every move of one order). */
export async function lockOrder(tx: Queryable, merchantId: string, orderId: string): Promise<LockedOrder> {
  const { rows } = await tx.query<Row>(
    'SELECT id, merchant_id, lifecycle, line_items, amount_captured, amount_refunded, session_id FROM orders WHERE id = $1 AND merchant_id = $2 FOR UPDATE',
    [orderId, merchantId],
  );
  const row = rows[0];
  if (!row) throw orderNotFound();
  const session = await tx.query<{ livemode: boolean }>('SELECT livemode FROM checkout_sessions WHERE id = $1', [row.session_id]);
  return {
    id: row.id as string,
    merchantId: row.merchant_id as string,
    lifecycle: row.lifecycle as OrderLifecycleState,
    lineItems: jsonOf<LineItem[]>(row.line_items),
    amountCaptured: Number(row.amount_captured),
    amountRefunded: Number(row.amount_refunded),
    livemode: Boolean(session.rows[0]?.livemode),
  };
}

/** The webhook event type of a move into `to` (null: no lifecycle event; a cancel emits the core `order.canceled`). */
const EVENT_OF: Partial<Record<OrderLifecycleState, string>> = {
  preparing: 'order.preparing',
  shipped: 'order.shipped',
  out_for_delivery: 'order.out_for_delivery',
  delivered: 'order.delivered',
  return_requested: 'return.requested',
  return_approved: 'return.approved',
  return_refused: 'return.refused',
  partially_refunded: 'return.refunded',
  refunded: 'return.refunded',
};

/**
 * The one way an order moves: checks the transition, records it with its actor, emits its event and
 * enqueues its notifications, in `tx` (which holds the order's lock from `lockOrder`).
 */
export async function transition(
  tx: Queryable,
  order: LockedOrder,
  to: OrderLifecycleState,
  actor: OrderActor,
  reference: string | null = null,
): Promise<void> {
  if (!canTransition(order.lifecycle, to)) throw notAllowed(order.lifecycle, to);
  await tx.query('UPDATE orders SET lifecycle = $2 WHERE id = $1', [order.id, to]);
  const { rows } = await tx.query<{ id: string }>(
    'INSERT INTO order_history (order_id, from_state, to_state, actor, reference) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [order.id, order.lifecycle, to, actor, reference],
  );
  const step = String(rows[0]!.id);
  const type = EVENT_OF[to];
  if (type) {
    await emitMerchantEvent(tx, {
      merchantId: order.merchantId,
      type,
      key: `${type}:${order.id}:${step}`,
      livemode: order.livemode,
      object: await shopperStatus(tx, order.merchantId, order.id),
    });
  } else if (to === 'canceled') {
    const snapshot = await tx.query<{ s: unknown }>('SELECT omni_order_snapshot(o) AS s FROM orders o WHERE id = $1', [order.id]);
    await emitMerchantEvent(tx, {
      merchantId: order.merchantId,
      type: 'order.canceled',
      key: `order.canceled:${order.id}`,
      livemode: order.livemode,
      object: { ...jsonOf<Record<string, unknown>>(snapshot.rows[0]!.s), lifecycle: 'canceled' },
    });
  }
  await enqueueOrderNotice(tx, { orderId: order.id, merchantId: order.merchantId, to, reference });
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────

const toShipment = (row: Row): Shipment => ({
  id: row.id as string,
  object: 'shipment',
  items: jsonOf<OrderItemQuantity[]>(row.items),
  carrier: row.carrier as string,
  trackingNumber: (row.tracking_number as string | null) ?? null,
  trackingUrl: (row.tracking_url as string | null) ?? null,
  createdAt: iso(row.created_at),
});

const toRefund = (row: Row): Refund => ({
  id: row.id as string,
  object: 'refund',
  orderId: row.order_id as string,
  amount: Number(row.amount),
  currency: row.currency as string,
  status: row.status as Refund['status'],
  reason: (row.reason as string | null) ?? null,
  providerReference: (row.provider_reference as string | null) ?? null,
  failureReason: (row.failure_reason as string | null) ?? null,
  createdAt: iso(row.created_at),
});

async function returnsOf(db: Queryable, orderId: string): Promise<OrderReturn[]> {
  const { rows } = await db.query<Row>(
    `SELECT r.*, to_jsonb(f) AS refund FROM order_returns r
     LEFT JOIN refunds f ON f.merchant_id = r.merchant_id AND f.idempotency_key = r.refund_key
     WHERE r.order_id = $1 ORDER BY r.created_at, r.id`,
    [orderId],
  );
  return rows.map((row) => ({
    id: row.id as string,
    object: 'return' as const,
    orderId: row.order_id as string,
    status: row.status as OrderReturn['status'],
    items: jsonOf<OrderItemQuantity[]>(row.items),
    reason: row.reason as string,
    amount: Number(row.amount),
    instructions: (row.instructions as string | null) ?? null,
    labelUrl: (row.label_url as string | null) ?? null,
    refusalReason: (row.refusal_reason as string | null) ?? null,
    refund: row.refund ? toRefund(jsonOf<Row>(row.refund)) : null,
    createdAt: iso(row.created_at),
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
  }));
}

/** How many of each line item are in `lists` (shipments, or returns that still count). */
function counted(lists: readonly (readonly OrderItemQuantity[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const items of lists) for (const item of items) counts.set(item.lineItemId, (counts.get(item.lineItemId) ?? 0) + item.quantity);
  return counts;
}

/** What is left of each line item after `used`: the items that can still ship, or still be returned. */
function remaining(lineItems: readonly LineItem[], used: Map<string, number>): OrderItemQuantity[] {
  return lineItems
    .map((item) => ({ lineItemId: item.id, quantity: item.quantity - (used.get(item.id) ?? 0) }))
    .filter((item) => item.quantity > 0);
}

const RETURNABLE_FROM: readonly OrderLifecycleState[] = ['delivered', 'return_refused', 'partially_refunded'];
const CANCELABLE_FROM: readonly OrderLifecycleState[] = ['paid', 'preparing'];

/** The order's status as the shopper's page shows it (and as events carry it). */
export async function shopperStatus(db: Queryable, merchantId: string, orderId: string): Promise<ShopperOrderStatus> {
  const { rows } = await db.query<Row>(
    `SELECT o.id, o.lifecycle, o.currency, o.amount, o.amount_refunded, o.line_items, o.shipping_option, o.created_at, m.name AS merchant_name
     FROM orders o JOIN merchants m ON m.id = o.merchant_id WHERE o.id = $1 AND o.merchant_id = $2`,
    [orderId, merchantId],
  );
  const order = rows[0];
  if (!order) throw orderNotFound();
  const lineItems = jsonOf<LineItem[]>(order.line_items);
  const shipping = jsonOf<SessionShippingOption | null>(order.shipping_option);
  const shipments = (await db.query<Row>('SELECT * FROM order_shipments WHERE order_id = $1 ORDER BY created_at, id', [orderId])).rows.map(toShipment);
  const returns = await returnsOf(db, orderId);
  const history = (
    await db.query<Row>('SELECT from_state, to_state, actor, reference, created_at FROM order_history WHERE order_id = $1 ORDER BY id', [orderId])
  ).rows.map(
    (row): OrderHistoryEntry => ({
      from: row.from_state as OrderLifecycleState,
      to: row.to_state as OrderLifecycleState,
      actor: row.actor as OrderActor,
      reference: (row.reference as string | null) ?? null,
      at: iso(row.created_at),
    }),
  );
  const state = order.lifecycle as OrderLifecycleState;
  const settings = await orderSettings(db, merchantId);
  const returnable = remaining(lineItems, counted(returns.filter((r) => r.status !== 'refused').map((r) => r.items)));
  return {
    object: 'order_status',
    orderId,
    merchantName: order.merchant_name as string,
    state,
    currency: order.currency as string,
    amount: Number(order.amount),
    amountRefunded: Number(order.amount_refunded),
    items: lineItems.map((item) => ({ id: item.id, name: item.name, quantity: item.quantity, amount: item.amount })),
    shippingLabel: shipping?.label ?? null,
    deliveryWindow: shipping?.deliveryWindow ?? null,
    shipments,
    returns,
    history: [{ from: null, to: 'paid', actor: 'system', reference: null, at: iso(order.created_at) }, ...history],
    canCancel: settings.shopperCanCancel && CANCELABLE_FROM.includes(state),
    canReturn: RETURNABLE_FROM.includes(state) && returnable.length > 0,
    createdAt: iso(order.created_at),
  };
}

// ── Moves ────────────────────────────────────────────────────────────────────────────────────

function checkItems(order: LockedOrder, items: readonly OrderItemQuantity[], left: readonly OrderItemQuantity[], what: string): void {
  const asked = counted([items]);
  for (const [lineItemId, quantity] of asked) {
    if (!order.lineItems.some((item) => item.id === lineItemId)) {
      throw new ApiError(400, 'unknown_line_item', `This order has no line item "${lineItemId}".`, [{ path: 'items', message: `Unknown line item ${lineItemId}` }]);
    }
    const available = left.find((item) => item.lineItemId === lineItemId)?.quantity ?? 0;
    if (quantity > available) {
      throw new ApiError(409, 'quantity_not_available', `Only ${available} of "${lineItemId}" can still be ${what}.`, [
        { path: 'items', message: `${lineItemId}: at most ${available}` },
      ]);
    }
  }
}

export async function addShipment(deps: OrderDeps, merchantId: string, orderId: string, input: CreateShipmentRequest): Promise<Shipment> {
  const id = await deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, merchantId, orderId);
    if (!canTransition(order.lifecycle, 'shipped')) throw notAllowed(order.lifecycle, 'shipped');
    const shipped = (await tx.query<{ items: unknown }>('SELECT items FROM order_shipments WHERE order_id = $1', [orderId])).rows.map((r) =>
      jsonOf<OrderItemQuantity[]>(r.items),
    );
    const left = remaining(order.lineItems, counted(shipped));
    if (left.length === 0) throw new ApiError(409, 'nothing_left_to_ship', 'Every item of this order has shipped already.');
    const items = input.items ?? left;
    checkItems(order, items, left, 'shipped');
    const shipmentId = newShipmentId();
    await tx.query(
      'INSERT INTO order_shipments (id, order_id, items, carrier, tracking_number, tracking_url) VALUES ($1, $2, $3::jsonb, $4, $5, $6)',
      [shipmentId, orderId, JSON.stringify(items), input.carrier, input.trackingNumber ?? null, input.trackingUrl ?? null],
    );
    await transition(tx, order, 'shipped', 'merchant', shipmentId);
    return shipmentId;
  });
  deps.wakeOutbox?.();
  const { rows } = await deps.db.query<Row>('SELECT * FROM order_shipments WHERE id = $1', [id]);
  return toShipment(rows[0]!);
}

export async function addDeliveryEvent(
  deps: OrderDeps,
  merchantId: string,
  orderId: string,
  type: 'preparing' | 'out_for_delivery' | 'delivered',
): Promise<void> {
  await deps.db.transaction(async (tx) => transition(tx, await lockOrder(tx, merchantId, orderId), type, 'merchant'));
  deps.wakeOutbox?.();
}

/** The key of a cancel's refund (one per order): repeating the cancel resumes it. */
const cancelRefundKey = (orderId: string) => `order-cancel:${orderId}`;

/** Cancels before shipment and refunds what was captured. The shopper may only when the merchant allows it (409 `cancel_not_allowed`). */
export async function cancelOrder(deps: OrderDeps, merchantId: string, orderId: string, actor: 'merchant' | 'shopper'): Promise<void> {
  if (actor === 'shopper' && !(await orderSettings(deps.db, merchantId)).shopperCanCancel) {
    throw new ApiError(409, 'cancel_not_allowed', 'This shop does not let orders be canceled here; contact the shop.');
  }
  // Only an order that has not shipped can be canceled: checked before anything moves.
  const payment = await deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, merchantId, orderId);
    if (order.lifecycle !== 'canceled' && !canTransition(order.lifecycle, 'canceled')) throw notAllowed(order.lifecycle, 'canceled');
    return (await tx.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId])).rows[0]!.status;
  });
  // An authorised payment (capture later) is released at the provider first; nothing was taken, so
  // nothing is refunded below. A repeat after a crash finds it released and finishes the move.
  if (payment === 'authorized') await releaseAuthorization(deps, merchantId, orderId);
  await deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, merchantId, orderId);
    // Canceled already: resume its refund below (a repeated request after a crash).
    if (order.lifecycle !== 'canceled') await transition(tx, order, 'canceled', actor);
  });
  deps.wakeOutbox?.();
  const { rows } = await deps.db.query<{ left: string | number }>('SELECT amount_captured - amount_refunded AS left FROM orders WHERE id = $1', [orderId]);
  const existing = await deps.db.query('SELECT 1 FROM refunds WHERE merchant_id = $1 AND idempotency_key = $2', [merchantId, cancelRefundKey(orderId)]);
  if (Number(rows[0]!.left) > 0 || existing.rows.length > 0) {
    await createRefund(deps, merchantId, orderId, {
      reason: 'requested_by_customer',
      idempotencyKey: cancelRefundKey(orderId),
      requestHash: sha256(`cancel:${orderId}`),
    });
  }
}

export async function requestReturn(deps: OrderDeps, merchantId: string, orderId: string, input: CreateReturnRequest): Promise<OrderReturn> {
  const id = await deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, merchantId, orderId);
    if (!canTransition(order.lifecycle, 'return_requested')) throw notAllowed(order.lifecycle, 'return_requested');
    const counting = (await tx.query<{ items: unknown }>(`SELECT items FROM order_returns WHERE order_id = $1 AND status <> 'refused'`, [orderId])).rows.map(
      (r) => jsonOf<OrderItemQuantity[]>(r.items),
    );
    checkItems(order, input.items, remaining(order.lineItems, counted(counting)), 'returned');
    const value = [...counted([input.items])].reduce(
      (sum, [lineItemId, quantity]) => sum + order.lineItems.find((item) => item.id === lineItemId)!.unitAmount * quantity,
      0,
    );
    const returnId = newReturnId();
    await tx.query(
      `INSERT INTO order_returns (id, merchant_id, order_id, status, items, reason, amount) VALUES ($1, $2, $3, 'requested', $4::jsonb, $5, $6)`,
      [returnId, merchantId, orderId, JSON.stringify(input.items), input.reason, Math.min(value, order.amountCaptured - order.amountRefunded)],
    );
    await transition(tx, order, 'return_requested', 'shopper', returnId);
    return returnId;
  });
  deps.wakeOutbox?.();
  return (await returnsOf(deps.db, orderId)).find((r) => r.id === id)!;
}

async function lockReturn(tx: Queryable, merchantId: string, returnId: string): Promise<Row> {
  const { rows } = await tx.query<Row>('SELECT * FROM order_returns WHERE id = $1 AND merchant_id = $2', [returnId, merchantId]);
  if (!rows[0]) throw new ApiError(404, 'return_not_found', 'No return with this id.');
  return rows[0];
}

const returnRefundKey = (returnId: string) => `return:${returnId}`;

/** Approves a requested return and refunds it through the order's provider. Approving again resumes the same refund. */
export async function approveReturn(deps: OrderDeps, merchantId: string, returnId: string, input: ApproveReturnRequest): Promise<OrderReturn> {
  const ret = await deps.db.transaction(async (tx) => {
    const found = await lockReturn(tx, merchantId, returnId);
    const order = await lockOrder(tx, merchantId, found.order_id as string);
    const row = (await tx.query<Row>('SELECT * FROM order_returns WHERE id = $1 FOR UPDATE', [returnId])).rows[0]!;
    if (row.status === 'approved' || row.status === 'refunded') return row;
    if (row.status !== 'requested') throw notAllowed(order.lifecycle, 'return_approved');
    const amount = input.amount ?? Number(row.amount);
    await tx.query(
      `UPDATE order_returns SET status = 'approved', amount = $2, instructions = $3, label_url = $4, refund_key = $5, decided_at = clock_timestamp() WHERE id = $1`,
      [returnId, amount, input.instructions ?? null, input.labelUrl ?? null, returnRefundKey(returnId)],
    );
    await transition(tx, order, 'return_approved', 'merchant', returnId);
    return { ...row, amount, refund_key: returnRefundKey(returnId), status: 'approved' };
  });
  deps.wakeOutbox?.();
  if (ret.status === 'approved' && Number(ret.amount) > 0) {
    await createRefund(deps, merchantId, ret.order_id as string, {
      amount: Number(ret.amount),
      reason: 'requested_by_customer',
      idempotencyKey: returnRefundKey(returnId),
      requestHash: sha256(`return:${returnId}:${Number(ret.amount)}`),
    });
  }
  await syncReturnRefunds(deps, ret.order_id as string);
  return (await returnsOf(deps.db, ret.order_id as string)).find((r) => r.id === returnId)!;
}

export async function refuseReturn(deps: OrderDeps, merchantId: string, returnId: string, reason: string): Promise<OrderReturn> {
  const orderId = await deps.db.transaction(async (tx) => {
    const found = await lockReturn(tx, merchantId, returnId);
    const order = await lockOrder(tx, merchantId, found.order_id as string);
    const row = (await tx.query<Row>('SELECT status FROM order_returns WHERE id = $1 FOR UPDATE', [returnId])).rows[0]!;
    if (row.status !== 'requested') throw notAllowed(order.lifecycle, 'return_refused');
    await tx.query(`UPDATE order_returns SET status = 'refused', refusal_reason = $2, decided_at = clock_timestamp() WHERE id = $1`, [returnId, reason]);
    await transition(tx, order, 'return_refused', 'merchant', returnId);
    return order.id;
  });
  deps.wakeOutbox?.();
  return (await returnsOf(deps.db, orderId)).find((r) => r.id === returnId)!;
}

/**
 * Approved returns whose refund has succeeded move to `refunded`, and the order to `refunded` (nothing
 * captured left) or `partially_refunded`, once (the row locks and the status checks make a repeat a
 * no-op). Called after an approval, after a provider's refund webhook, and before each status read
 * (which repairs a move a crash left undone).
 */
export async function syncReturnRefunds(deps: Pick<OrderDeps, 'db' | 'wakeOutbox'>, orderId: string): Promise<void> {
  const { rows } = await deps.db.query<{ id: string; merchant_id: string }>(
    `SELECT r.id, r.merchant_id FROM order_returns r JOIN refunds f ON f.merchant_id = r.merchant_id AND f.idempotency_key = r.refund_key
     WHERE r.order_id = $1 AND r.status = 'approved' AND f.status = 'succeeded'`,
    [orderId],
  );
  for (const due of rows) {
    await deps.db.transaction(async (tx) => {
      const order = await lockOrder(tx, due.merchant_id, orderId);
      const moved = await tx.query(`UPDATE order_returns SET status = 'refunded' WHERE id = $1 AND status = 'approved' RETURNING id`, [due.id]);
      if (moved.rows.length === 0 || order.lifecycle !== 'return_approved') return;
      await transition(tx, order, order.amountRefunded >= order.amountCaptured ? 'refunded' : 'partially_refunded', 'system', due.id);
    });
  }
  if (rows.length > 0) deps.wakeOutbox?.();
}

/** `syncReturnRefunds` for the order of a refund a provider's webhook settled (found by its provider reference). */
export async function syncRefundByReference(deps: Pick<OrderDeps, 'db' | 'wakeOutbox'>, providerId: string, reference: string): Promise<void> {
  const { rows } = await deps.db.query<{ order_id: string }>('SELECT order_id FROM refunds WHERE provider_id = $1 AND provider_reference = $2', [
    providerId,
    reference,
  ]);
  if (rows[0]) await syncReturnRefunds(deps, rows[0].order_id);
}
