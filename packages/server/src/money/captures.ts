/**
 * Authorise now, capture later: the merchant's capture and cancel of an `authorized` order (a session
 * created with `captureMethod: 'manual'`), through `ServerProvider.moneyOut.capture` / `cancel`.
 *
 * Each is three steps, like a refund (refunds.ts):
 *   1. claim — under the order's row lock, the order must be `authorized` with no capture or cancel
 *      under way; `money_operation` records which one now owns it (so a concurrent capture and
 *      cancel never both reach the provider: exactly one wins, the other answers 409);
 *   2. the provider call, with a key derived from the order (and, for a capture, the merchant's
 *      Idempotency-Key): a repeat never moves money twice;
 *   3. settle — `paid` with `amount_captured` (the status trigger emits `order.paid`) or `canceled`
 *      (emits `order.canceled`), in one transaction; a refusal frees the order again (`authorized`).
 * The provider unreachable leaves the claim in place: the same request again resumes step 2.
 */
import type { ProviderId, ProviderMoneyOut } from '@omni-checkout/core';
import { sha256 } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { Queryable } from '../storage/db.js';
import type { MoneyDeps } from './refunds.js';

export interface CaptureRequest {
  /** Minor units, at most what was authorised; default all of it. The provider releases the rest. */
  readonly amount?: number;
  readonly idempotencyKey: string;
  readonly requestHash: string;
}

interface OrderRow {
  readonly id: string;
  readonly status: 'authorized' | 'paid' | 'canceled';
  readonly amount: string | number;
  readonly currency: string;
  readonly provider_id: ProviderId;
  readonly payment_reference: string;
  readonly money_operation: 'capture' | 'cancel' | null;
  readonly capture_key: string | null;
  readonly capture_request_hash: string | null;
  readonly capture_amount: string | number | null;
}

const notCapturable = (status: string) =>
  new ApiError(409, 'capture_not_allowed', `Only an authorised order can be captured; this one is ${status}.`);
const notCancelable = (status: string) =>
  new ApiError(409, 'cancel_not_allowed', `Only an authorised, uncaptured order can be canceled; this one is ${status}. Refund a paid order instead.`);
const unreachable = () =>
  new ApiError(502, 'provider_error', 'We could not reach the payment provider. Send the same request again (same Idempotency-Key) to finish it.');

/**
 * Runs `claim` on the order under its row lock, in one transaction: it answers `run` after recording
 * its claim with `tx` (the provider call follows), or `done` when the order already has the outcome.
 */
async function withOrderLocked(
  deps: MoneyDeps,
  merchantId: string,
  orderId: string,
  claim: (tx: Queryable, order: OrderRow) => Promise<'run' | 'done'>,
): Promise<'run' | 'done'> {
  return deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<OrderRow>('SELECT * FROM orders WHERE id = $1 AND merchant_id = $2 FOR UPDATE', [orderId, merchantId]);
    const order = rows[0];
    if (!order) throw new ApiError(404, 'order_not_found', 'No order with this id.');
    return claim(tx, order);
  });
}

function moneyOutOf(deps: MoneyDeps, providerId: ProviderId): ProviderMoneyOut | null {
  return deps.providers.get(providerId)?.moneyOut ?? null;
}

async function orderRow(deps: MoneyDeps, orderId: string): Promise<OrderRow> {
  const { rows } = await deps.db.query<OrderRow>('SELECT * FROM orders WHERE id = $1', [orderId]);
  return rows[0]!;
}

/**
 * Captures (part of) an authorised order. Throws 404 `order_not_found`, 409 `capture_not_allowed` (not
 * authorised, or a cancel or another capture under way), 409 `capture_exceeds_authorized`, 400 `operation_not_supported`, 422 `idempotency_key_reused`,
 * 402 `capture_failed` (the provider refused; the order stays authorised), 502 `provider_error`.
 */
export async function captureOrder(deps: MoneyDeps, merchantId: string, orderId: string, request: CaptureRequest): Promise<void> {
  const next = await withOrderLocked(deps, merchantId, orderId, async (tx, order) => {
    if (order.capture_key === request.idempotencyKey) {
      if (order.capture_request_hash !== request.requestHash) {
        throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request. Use a new key for a new capture.');
      }
      // The same request again: answered (paid), or resumed (its provider call never answered).
      return order.status === 'paid' ? 'done' : 'run';
    }
    if (order.status !== 'authorized') throw notCapturable(order.status);
    if (order.money_operation) {
      throw new ApiError(409, 'capture_not_allowed', `A ${order.money_operation} of this order is under way; it cannot be captured now.`);
    }
    const amount = request.amount ?? Number(order.amount);
    if (amount > Number(order.amount)) {
      throw new ApiError(409, 'capture_exceeds_authorized', `At most ${order.amount} (minor units) was authorised for this order.`);
    }
    if (!moneyOutOf(deps, order.provider_id)?.capture) {
      throw new ApiError(400, 'operation_not_supported', 'This order’s payment provider does not capture through omni-checkout.');
    }
    // This request now owns the order's one capture.
    await tx.query(
      `UPDATE orders SET money_operation = 'capture', capture_key = $2, capture_request_hash = $3, capture_amount = $4 WHERE id = $1`,
      [orderId, request.idempotencyKey, request.requestHash, amount],
    );
    return 'run';
  });
  if (next === 'done') return;
  const order = await orderRow(deps, orderId);
  if (order.status === 'paid') return;
  const moneyOut = moneyOutOf(deps, order.provider_id)!;
  let outcome;
  try {
    outcome = await moneyOut.capture!({
      reference: order.payment_reference,
      amount: Number(order.capture_amount),
      currency: order.currency,
      idempotencyKey: `capture:${orderId}:${sha256(request.idempotencyKey).slice(0, 32)}`,
    });
  } catch (error) {
    deps.logger.error({ err: error, orderId }, 'capture provider call failed; the capture stays under way');
    throw unreachable();
  }
  if (outcome.status === 'succeeded') {
    // The status trigger emits `order.paid` in this statement's transaction.
    await deps.db.query(
      `UPDATE orders SET status = 'paid', amount_captured = capture_amount, money_operation = NULL, captured_at = now()
       WHERE id = $1 AND money_operation = 'capture' AND capture_key = $2`,
      [orderId, request.idempotencyKey],
    );
    deps.wakeOutbox?.();
    return;
  }
  // Refused (an expired authorisation, say): the order is free again; a new request needs a new key.
  await deps.db.query(
    `UPDATE orders SET money_operation = NULL, capture_key = NULL, capture_request_hash = NULL, capture_amount = NULL
     WHERE id = $1 AND money_operation = 'capture' AND capture_key = $2`,
    [orderId, request.idempotencyKey],
  );
  throw new ApiError(402, 'capture_failed', `The payment provider refused the capture: ${outcome.message}`);
}

/**
 * Releases (voids) an authorised order's payment; answers again for an order already canceled.
 * Throws 404 `order_not_found`, 409 `cancel_not_allowed` (paid, or a
 * capture under way), 400 `operation_not_supported`, 402 `cancel_failed`, 502 `provider_error`.
 */
export async function cancelOrder(deps: MoneyDeps, merchantId: string, orderId: string): Promise<void> {
  const next = await withOrderLocked(deps, merchantId, orderId, async (tx, order) => {
    if (order.status === 'canceled') return 'done';
    if (order.status !== 'authorized') throw notCancelable(order.status);
    if (order.money_operation === 'capture') throw notCancelable('being captured');
    if (!moneyOutOf(deps, order.provider_id)?.cancel) {
      throw new ApiError(400, 'operation_not_supported', 'This order’s payment provider does not cancel payments through omni-checkout.');
    }
    // A repeat of a cancel whose provider call never answered finds it claimed already: it resumes.
    await tx.query(`UPDATE orders SET money_operation = 'cancel' WHERE id = $1`, [orderId]);
    return 'run';
  });
  if (next === 'done') return;
  const order = await orderRow(deps, orderId);
  let outcome;
  try {
    outcome = await moneyOutOf(deps, order.provider_id)!.cancel!({ reference: order.payment_reference, idempotencyKey: `cancel:${orderId}` });
  } catch (error) {
    deps.logger.error({ err: error, orderId }, 'cancel provider call failed; the cancel stays under way');
    throw unreachable();
  }
  if (outcome.status === 'canceled') {
    // The status trigger emits `order.canceled` in this statement's transaction.
    await deps.db.query(`UPDATE orders SET status = 'canceled', money_operation = NULL, canceled_at = now() WHERE id = $1 AND money_operation = 'cancel'`, [
      orderId,
    ]);
    deps.wakeOutbox?.();
    return;
  }
  await deps.db.query(`UPDATE orders SET money_operation = NULL WHERE id = $1 AND money_operation = 'cancel'`, [orderId]);
  throw new ApiError(402, 'cancel_failed', `The payment provider refused the cancel: ${outcome.message}`);
}
