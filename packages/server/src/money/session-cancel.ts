/**
 * The merchant cancels an unpaid checkout session (`POST /v1/checkout-sessions/{id}/cancel`):
 *
 * - `open`: it expires now;
 * - `requires_action` (the shopper is in the bank's 3-D Secure step): the provider's payment is
 *   canceled first (Stripe cancels the PaymentIntent), so the challenge still open in the shopper's
 *   tab can no longer complete it; then the session closes (expired, its next action cleared).
 *   When the provider answers that the payment can no longer be canceled (it completed in the
 *   meantime), nothing closes: 409 `cancel_not_allowed`, and the success settles as usual
 *   (webhook or the page), becoming an order the merchant may refund.
 * - already canceled: answered again (200), so a retried request is safe;
 * - `processing`, `complete` or expired otherwise: 409 `cancel_not_allowed`.
 *
 * A success reported later for a payment the provider could not be asked to cancel (a provider
 * without `moneyOut.cancel` or `cancelPayment`) is never lost: it settles as an order (`order.paid`)
 * on the closed session, and the merchant refunds it.
 */
import type { ProviderId } from '@omni-checkout/core';
import { ApiError } from '../errors.js';
import type { Queryable } from '../storage/db.js';
import type { SessionRecord } from '../storage/index.js';
import { emitMerchantEvent } from '../webhooks/store.js';
import type { MoneyDeps } from './refunds.js';

const refused = () =>
  new ApiError(409, 'cancel_not_allowed', 'Only an unpaid session can be canceled; this one is paid, expired or has a payment being processed.');

async function wasCanceled(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM merchant_events WHERE dedupe_key = $1', [`checkout.session.canceled:${id}`]);
  return rows.length > 0;
}

/** Cancels the provider's payment waiting for 3-D Secure; throws 409 when it cannot be (it completed). */
async function cancelPendingPayment(deps: MoneyDeps, session: SessionRecord): Promise<void> {
  const action = session.nextAction;
  if (!action) return;
  const provider = deps.providers.get(action.provider as ProviderId);
  let outcome: { status: 'canceled' } | { status: 'failed'; message: string };
  try {
    if (provider?.moneyOut?.cancel) {
      outcome = await provider.moneyOut.cancel({ reference: action.reference, idempotencyKey: `cancel:${session.id}:${action.reference}` });
    } else if (provider?.cancelPayment) {
      await provider.cancelPayment(action.reference);
      const now = await provider.retrievePayment(action.reference);
      outcome = now.status === 'succeeded' || now.status === 'processing' ? { status: 'failed', message: `the payment is ${now.status}` } : { status: 'canceled' };
    } else {
      outcome = { status: 'canceled' };
    }
  } catch (error) {
    deps.logger.error({ err: error, sessionId: session.id }, 'could not cancel the payment waiting for 3-D Secure');
    throw new ApiError(502, 'provider_error', 'We could not reach the payment provider. Nothing was canceled; send the request again.');
  }
  if (outcome.status === 'failed') {
    deps.logger.warn({ sessionId: session.id, reference: action.reference, message: outcome.message }, 'the payment waiting for 3-D Secure could not be canceled');
    throw new ApiError(409, 'cancel_not_allowed', 'The payment could not be canceled at the provider: it has completed or is being processed.');
  }
}

/** Cancels the session (or finds it canceled by an earlier call); throws 409 `cancel_not_allowed` otherwise. */
export async function cancelSession(deps: MoneyDeps, session: SessionRecord, now: Date): Promise<void> {
  if (await wasCanceled(deps.db, session.id)) return;
  if (session.status === 'requires_action') await cancelPendingPayment(deps, session);
  else if (session.status !== 'open') throw refused();
  const canceled = await deps.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ livemode: boolean; metadata: unknown }>(
      `UPDATE checkout_sessions SET expires_at = LEAST(expires_at, $3::timestamptz), status = 'open', next_action = NULL
       WHERE id = $1 AND merchant_id = $2 AND status IN ('open', 'requires_action') AND expires_at > $3::timestamptz RETURNING livemode, metadata`,
      [session.id, session.merchantId, now.toISOString()],
    );
    if (!rows[0]) return false;
    const metadata = typeof rows[0].metadata === 'string' ? JSON.parse(rows[0].metadata) : rows[0].metadata;
    await emitMerchantEvent(tx, {
      merchantId: session.merchantId,
      type: 'checkout.session.canceled',
      key: `checkout.session.canceled:${session.id}`,
      livemode: rows[0].livemode,
      object: { object: 'checkout.session', id: session.id, status: 'expired', metadata },
    });
    return true;
  });
  if (!canceled && !(await wasCanceled(deps.db, session.id))) throw refused();
  deps.wakeOutbox?.();
}
