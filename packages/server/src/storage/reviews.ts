/**
 * Payments held for the merchant's review: a provider reported money moved that does not match
 * what its attempt asked for (docs/security.md, "Amounts"). No order is recorded for them.
 */
import type { ProviderId } from '@omni-checkout/core';
import type { Queryable } from './db.js';

/** A payment held for the merchant's review (see `Settlement` 'review' in storage.ts). */
export interface PaymentReview {
  readonly provider: ProviderId;
  readonly reference: string;
  readonly reason: 'amount_mismatch' | 'currency_mismatch' | 'session_changed';
  readonly expected: { readonly amount: number; readonly currency: string };
  readonly received: { readonly amount: number; readonly currency: string };
}

/**
 * One row per provider payment, whichever path (confirm, webhook, reconciler) saw it first, and in
 * the same transaction the merchant's `payment.review_required` webhook event (once per payment), so
 * the merchant's server hears of money that moved without an order.
 */
export async function recordReview(
  tx: Queryable,
  session: { readonly id: string; readonly merchantId: string; readonly livemode: boolean },
  review: PaymentReview,
): Promise<void> {
  const { rows } = await tx.query(
    `INSERT INTO payment_reviews (provider_id, reference, session_id, merchant_id, reason, expected_amount, expected_currency,
       received_amount, received_currency)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (provider_id, reference) DO NOTHING RETURNING reference`,
    [review.provider, review.reference, session.id, session.merchantId, review.reason, review.expected.amount,
      review.expected.currency, review.received.amount, review.received.currency],
  );
  if (rows.length === 0) return;
  const object = {
    object: 'payment_review',
    sessionId: session.id,
    provider: review.provider,
    reference: review.reference,
    reason: review.reason,
    expected: review.expected,
    received: review.received,
  };
  // The one SQL function every merchant event goes through (migration 1000, webhooks/store.ts).
  await tx.query('SELECT omni_emit_merchant_event($1, $2, $3, $4, $5::jsonb)', [
    session.merchantId,
    'payment.review_required',
    `payment.review_required:${review.provider}:${review.reference}`,
    session.livemode,
    JSON.stringify({ object }),
  ]);
}

export interface PaymentReviewRow extends PaymentReview {
  readonly sessionId: string;
  readonly createdAt: Date;
}

/** A merchant's payments held for review, newest first. */
export async function listReviews(db: Queryable, merchantId: string): Promise<PaymentReviewRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    'SELECT * FROM payment_reviews WHERE merchant_id = $1 ORDER BY created_at DESC LIMIT 100',
    [merchantId],
  );
  return rows.map((row) => ({
    provider: row.provider_id as PaymentReview['provider'],
    reference: row.reference as string,
    reason: row.reason as PaymentReview['reason'],
    expected: { amount: Number(row.expected_amount), currency: row.expected_currency as string },
    received: { amount: Number(row.received_amount), currency: row.received_currency as string },
    sessionId: row.session_id as string,
    createdAt: new Date(row.created_at as string | Date),
  }));
}
