/**
 * Money out: refunds of paid orders and cancels of unpaid sessions, through the provider
 * contract's server half (`ServerProvider.moneyOut`). A plain module over the database and the
 * providers, so other features (returns) call `createRefund` directly.
 *
 * A refund is three steps, each safe to repeat:
 *   1. reserve — one transaction adds the amount to `orders.amount_refunded` (the row lock
 *      serialises concurrent refunds; the CHECK `amount_refunded <= amount_captured` refuses the ones
 *      that do not fit) and records the refund `pending` under the merchant's idempotency key;
 *   2. the provider call, with a key derived from the refund id (a retry never refunds twice);
 *   3. settle — `succeeded` (emits `order.refunded`), `failed` (gives the amount back, emits
 *      `refund.failed`), or still `pending` until the provider's webhook says (`applyRefundUpdate`).
 * A request repeated with the same Idempotency-Key answers the same refund, resuming step 2 when
 * the first attempt stopped before it knew the outcome.
 */
import type { ProviderId, Refund, ServerProvider } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Db, Queryable } from '../storage/db.js';
import { refundToTenders } from '../storage/tenders.js';
import { emitMerchantEvent } from '../webhooks/store.js';

export interface MoneyDeps {
  readonly db: Db;
  readonly providers: ReadonlyMap<ProviderId, ServerProvider>;
  readonly logger: Logger;
  /** Called after a write that emitted an event. */
  readonly wakeOutbox?: () => void;
}

export interface RefundRequest {
  /** Minor units; default everything captured and not yet refunded. */
  readonly amount?: number;
  readonly reason?: string;
  /** The merchant's key for this refund (the Node SDK makes one per call). */
  readonly idempotencyKey: string;
  /** Fingerprint of the request: the same key with another request is refused. */
  readonly requestHash: string;
}

type Row = Record<string, unknown>;

export const newRefundId = () => `re_${randomHex(12)}`;

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
  createdAt: new Date(row.created_at as string).toISOString(),
});

/** PostgreSQL's SQLSTATE of a failed statement (PGlite and `pg` both expose `code`). */
const sqlState = (error: unknown) => (error as { code?: string } | null)?.code;

const exceeds = () => new ApiError(409, 'refund_exceeds_captured', 'The refunds of this order would be larger than what was captured.');

async function refundByKey(db: Queryable, merchantId: string, key: string): Promise<Row | null> {
  const { rows } = await db.query<Row>('SELECT * FROM refunds WHERE merchant_id = $1 AND idempotency_key = $2', [merchantId, key]);
  return rows[0] ?? null;
}

/** Step 1: reserves the amount on the order and records the refund, in one transaction. */
async function reserve(deps: MoneyDeps, merchantId: string, orderId: string, request: RefundRequest): Promise<Row> {
  try {
    return await deps.db.transaction(async (tx) => {
      // The row lock serialises refunds of one order; the CHECK on the UPDATE is the rule itself.
      const { rows } = await tx.query<Row>(
        'SELECT amount_captured, amount_refunded, amount_tendered, currency, provider_id FROM orders WHERE id = $1 AND merchant_id = $2 FOR UPDATE',
        [orderId, merchantId],
      );
      const order = rows[0];
      if (!order) throw new ApiError(404, 'order_not_found', 'No order with this id.');
      // A request with the same key for this order that held the lock before us has committed its
      // refund: answer that one. (Inserting regardless would wait on that refund's row, which its
      // settle transaction may hold, while we hold the order: PostgreSQL reported that as a deadlock.)
      const earlier = await refundByKey(tx, merchantId, request.idempotencyKey);
      if (earlier) return earlier;
      const amount = request.amount ?? Number(order.amount_captured) - Number(order.amount_refunded);
      if (amount <= 0) throw exceeds();
      await tx.query('UPDATE orders SET amount_refunded = amount_refunded + $2 WHERE id = $1', [orderId, amount]);
      const providerAmount = await providerShare(tx, orderId, order, amount);
      const inserted = await tx.query<Row>(
        `INSERT INTO refunds (id, merchant_id, order_id, amount, currency, status, reason, idempotency_key, request_hash, provider_id, provider_amount)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10) RETURNING *`,
        [newRefundId(), merchantId, orderId, amount, order.currency, request.reason ?? null, request.idempotencyKey, request.requestHash, order.provider_id, providerAmount],
      );
      return inserted.rows[0]!;
    });
  } catch (error) {
    if (sqlState(error) === '23514') throw exceeds();
    // The same key, concurrently: the other request recorded it; answer that one.
    if (sqlState(error) === '23505') {
      const existing = await refundByKey(deps.db, merchantId, request.idempotencyKey);
      if (existing) return existing;
    }
    throw error;
  }
}

/**
 * What of a refund goes back through the provider: the provider's part of the order first (what it
 * took, less what earlier refunds gave back through it, failed ones aside), the rest to the order's
 * gift cards and store credit (`storage/tenders.ts`), each at most what it paid.
 */
async function providerShare(tx: Queryable, orderId: string, order: Row, amount: number): Promise<number> {
  const tendered = Number(order.amount_tendered ?? 0);
  if (tendered === 0) return amount;
  const { rows } = await tx.query<{ back: string | number }>(
    `SELECT COALESCE(SUM(COALESCE(provider_amount, amount)), 0) AS back FROM refunds WHERE order_id = $1 AND status <> 'failed'`,
    [orderId],
  );
  const providerLeft = Number(order.amount_captured) - tendered - Number(rows[0]?.back ?? 0);
  return Math.max(0, Math.min(amount, providerLeft));
}

/** What a refund asks of the provider (all of it for refunds before tenders). */
const providerAmountOf = (row: Row) => (row.provider_amount === null || row.provider_amount === undefined ? Number(row.amount) : Number(row.provider_amount));

async function orderSnapshot(tx: Queryable, orderId: string): Promise<Record<string, unknown>> {
  const { rows } = await tx.query<{ snapshot: unknown; amount_refunded: string | number }>(
    'SELECT omni_order_snapshot(o) AS snapshot, o.amount_refunded FROM orders o WHERE id = $1',
    [orderId],
  );
  const snapshot = (typeof rows[0]!.snapshot === 'string' ? JSON.parse(rows[0]!.snapshot) : rows[0]!.snapshot) as Record<string, unknown>;
  return { ...snapshot, amountRefunded: Number(rows[0]!.amount_refunded) };
}

async function livemodeOf(tx: Queryable, orderId: string): Promise<boolean> {
  const { rows } = await tx.query<{ livemode: boolean }>(
    'SELECT s.livemode FROM orders o JOIN checkout_sessions s ON s.id = o.session_id WHERE o.id = $1',
    [orderId],
  );
  return Boolean(rows[0]?.livemode);
}

/**
 * Moves a pending (or, for a late provider failure, succeeded) refund to its outcome once, in one
 * transaction with its event; a failure gives the amount back to the order.
 */
export async function settleRefund(
  db: Db,
  refundId: string,
  outcome: { status: 'succeeded' | 'failed' | 'pending'; reference?: string | null; failureReason?: string },
): Promise<Refund> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Row>('SELECT * FROM refunds WHERE id = $1 FOR UPDATE', [refundId]);
    const before = rows[0]!;
    const from = before.status as Refund['status'];
    const moves = (outcome.status === 'succeeded' && from === 'pending') || (outcome.status === 'failed' && from !== 'failed');
    if (outcome.reference && !before.provider_reference) {
      await tx.query('UPDATE refunds SET provider_reference = $2, updated_at = now() WHERE id = $1', [refundId, outcome.reference]);
    }
    if (moves) {
      await tx.query('UPDATE refunds SET status = $2, failure_reason = $3, updated_at = now() WHERE id = $1', [
        refundId,
        outcome.status,
        outcome.status === 'failed' ? (outcome.failureReason ?? 'refused by the provider').slice(0, 500) : null,
      ]);
      if (outcome.status === 'failed') {
        await tx.query('UPDATE orders SET amount_refunded = amount_refunded - $2 WHERE id = $1', [before.order_id, before.amount]);
      } else {
        // The gift cards' and store credit's part lands with the refund's success, in this transaction.
        const toTenders = Number(before.amount) - providerAmountOf(before);
        if (toTenders > 0) await refundToTenders(tx, before.order_id as string, toTenders, refundId, new Date());
      }
    }
    const { rows: after } = await tx.query<Row>('SELECT * FROM refunds WHERE id = $1', [refundId]);
    const refund = toRefund(after[0]!);
    if (moves) {
      const orderId = refund.orderId;
      const livemode = await livemodeOf(tx, orderId);
      if (outcome.status === 'succeeded') {
        await emitMerchantEvent(tx, {
          merchantId: before.merchant_id as string,
          type: 'order.refunded',
          key: `order.refunded:${refund.id}`,
          livemode,
          object: { ...(await orderSnapshot(tx, orderId)), refund },
        });
      } else {
        await emitMerchantEvent(tx, { merchantId: before.merchant_id as string, type: 'refund.failed', key: `refund.failed:${refund.id}`, livemode, object: refund });
      }
    }
    return refund;
  });
}

/** Step 2 and 3 for a reserved refund. A provider that cannot be reached leaves it pending (repeat the request to resume). */
async function execute(deps: MoneyDeps, row: Row): Promise<Refund> {
  const provider = deps.providers.get(row.provider_id as ProviderId);
  const refundId = row.id as string;
  // Only the order's gift cards and store credit pay this one back: no provider call.
  if (providerAmountOf(row) === 0) {
    const refund = await settleRefund(deps.db, refundId, { status: 'succeeded' });
    deps.wakeOutbox?.();
    return refund;
  }
  if (!provider?.moneyOut) {
    const refund = await settleRefund(deps.db, refundId, { status: 'failed', failureReason: 'This payment provider does not refund through omni-checkout.' });
    deps.wakeOutbox?.();
    return refund;
  }
  const { rows } = await deps.db.query<{ payment_reference: string; session_id: string }>('SELECT payment_reference, session_id FROM orders WHERE id = $1', [
    row.order_id,
  ]);
  let outcome;
  try {
    outcome = await provider.moneyOut.refund({
      reference: rows[0]!.payment_reference,
      amount: providerAmountOf(row),
      currency: row.currency as string,
      idempotencyKey: `refund:${refundId}`,
      ...(row.reason ? { reason: row.reason as string } : {}),
      metadata: { omni_refund: refundId, omni_order: row.order_id as string, omni_session: rows[0]!.session_id },
    });
  } catch (error) {
    deps.logger.error({ err: error, refundId }, 'refund provider call failed; the refund stays pending');
    return toRefund(row);
  }
  const refund = await settleRefund(
    deps.db,
    refundId,
    outcome.status === 'failed' ? { status: 'failed', reference: outcome.reference, failureReason: outcome.message } : outcome,
  );
  deps.wakeOutbox?.();
  return refund;
}

/** Refunds (part of) an order. Throws 404 `order_not_found`, 409 `refund_exceeds_captured`, 422 `idempotency_key_reused`. */
export async function createRefund(deps: MoneyDeps, merchantId: string, orderId: string, request: RefundRequest): Promise<Refund> {
  let row = await refundByKey(deps.db, merchantId, request.idempotencyKey);
  if (!row) row = await reserve(deps, merchantId, orderId, request);
  if (row.request_hash !== request.requestHash || row.order_id !== orderId) {
    throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request. Use a new key for a new refund.');
  }
  // Pending without a provider reference: the provider call has not answered yet (or never ran).
  if (row.status === 'pending' && !row.provider_reference) return execute(deps, row);
  return toRefund(row);
}

/** A provider webhook about a refund (found by its provider reference); unknown references are ignored. */
export async function applyRefundUpdate(
  deps: MoneyDeps,
  providerId: ProviderId,
  update: { reference: string; status: 'succeeded' | 'pending' | 'failed'; failureReason?: string },
): Promise<Refund | null> {
  const { rows } = await deps.db.query<{ id: string }>('SELECT id FROM refunds WHERE provider_id = $1 AND provider_reference = $2', [
    providerId,
    update.reference,
  ]);
  if (!rows[0] || update.status === 'pending') return null;
  const refund = await settleRefund(deps.db, rows[0].id, update);
  deps.wakeOutbox?.();
  return refund;
}

export async function refundById(db: Queryable, merchantId: string, id: string): Promise<Refund | null> {
  const { rows } = await db.query<Row>('SELECT * FROM refunds WHERE id = $1 AND merchant_id = $2', [id, merchantId]);
  return rows[0] ? toRefund(rows[0]) : null;
}

export async function orderMoney(db: Queryable, merchantId: string, orderId: string) {
  const { rows } = await db.query<Row>('SELECT * FROM orders WHERE id = $1 AND merchant_id = $2', [orderId, merchantId]);
  const order = rows[0];
  if (!order) throw new ApiError(404, 'order_not_found', 'No order with this id.');
  const refunds = await db.query<Row>('SELECT * FROM refunds WHERE order_id = $1 ORDER BY created_at, id', [orderId]);
  return {
    orderId,
    status: order.status as string,
    amount: Number(order.amount),
    amountCaptured: Number(order.amount_captured),
    amountRefunded: Number(order.amount_refunded),
    currency: order.currency as string,
    refunds: refunds.rows.map(toRefund),
  };
}
