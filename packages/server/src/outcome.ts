/**
 * From a provider's outcome to a settlement, for every path that learns one (the page's confirm,
 * the 3-D Secure completion, a webhook, the reconciler). A success becomes an order only when the
 * provider took exactly what the attempt asked for and the locked session still totals that: the
 * order records exactly what was charged (docs/security.md, "Amounts").
 */
import { cashOnDeliveryFee, computeTotals, type ProviderId, type ProviderPaymentResult } from '@omni-checkout/core';
import type { Logger } from 'pino';
import { newOrderId } from './crypto.js';
import { PAYMENT_FAILURE_MESSAGES } from './errors.js';
import type { AttemptRecord, SessionRecord, Settlement } from './storage/index.js';

export interface Charge {
  /** What the provider is asked for. */
  readonly amount: number;
  readonly currency: string;
  /** What the session's gift cards and store credit hold besides (the order records `amount + tendered`). */
  readonly tendered?: number;
}

/**
 * What the session totals now: the amount and currency an order of it records. Paid with cash on
 * delivery (`provider`), the merchant's fee for it is added (docs/payment-methods.md).
 */
export function sessionCharge(
  session: Pick<SessionRecord, 'lineItems' | 'shippingOptions' | 'selectedShippingOptionId' | 'currency'> & Partial<Pick<SessionRecord, 'paymentMethods'>>,
  provider?: ProviderId,
): Charge {
  const shipping = session.shippingOptions.find((option) => option.id === session.selectedShippingOptionId) ?? null;
  const fee = provider === 'cash_on_delivery' ? cashOnDeliveryFee(session.paymentMethods?.cashOnDelivery, session.currency) : 0;
  return { amount: computeTotals(session.lineItems, shipping).total + fee, currency: session.currency };
}

/** What an attempt charges (fixed by `beginConfirm`); the session's total for attempts recorded before that. */
export function chargeOf(attempt: Pick<AttemptRecord, 'amount' | 'currency' | 'tendered'> | null, session: SessionRecord): Charge {
  return attempt?.amount !== null && attempt?.amount !== undefined && attempt.currency
    ? { amount: attempt.amount, currency: attempt.currency, ...(attempt.tendered ? { tendered: attempt.tendered } : {}) }
    : sessionCharge(session);
}

/**
 * The attempt's tenders cover everything: no provider is asked, the order is paid by them alone.
 * Answered as the provider's success would be, so every path settles it alike.
 */
export function tendersOnly(charge: Charge, sessionId: string): Extract<ProviderPaymentResult, { status: 'succeeded' }> | null {
  if (charge.amount !== 0 || !charge.tendered) return null;
  return { status: 'succeeded', reference: `tenders_${sessionId}`, amount: 0, currency: charge.currency };
}

/** The shopper's message when a payment is held for review. */
export const REVIEW_ERROR = {
  code: 'payment_review',
  message: 'We could not match your payment to this order, so no order was placed. The shop has been told and will refund anything taken.',
} as const;

/**
 * Decides an outcome on the locked session. `expected`: what the attempt asked for. `reopen`: the
 * outcome is about the session's current attempt, so a held payment reopens the session.
 */
export function decideOutcome(
  result: Exclude<ProviderPaymentResult, { status: 'processing' }>,
  expected: Charge,
  now: Date,
  provider: ProviderId,
  reopen: boolean,
): (locked: SessionRecord) => Settlement {
  return (locked) => {
    switch (result.status) {
      case 'succeeded': {
        const received = { amount: result.amount, currency: result.currency };
        const current = sessionCharge(locked, provider);
        const tendered = expected.tendered ?? 0;
        const reason =
          received.currency !== expected.currency
            ? 'currency_mismatch'
            : received.amount !== expected.amount
              ? 'amount_mismatch'
              : // A paid session keeps its order: a repeated success is no news.
                locked.status !== 'complete' && (current.amount !== expected.amount + tendered || current.currency !== expected.currency)
                ? 'session_changed'
                : null;
        if (reason) {
          return {
            type: 'review',
            review: { provider, reference: result.reference, reason, expected, received },
            reopen: reopen && (locked.status === 'processing' || locked.status === 'requires_action'),
            error: REVIEW_ERROR,
          };
        }
        return {
          type: 'succeeded',
          reference: result.reference,
          provider,
          orderId: newOrderId(),
          amount: expected.amount + tendered,
          createdAt: now,
          ...(tendered ? { tendered } : {}),
          ...(result.captured === false ? { authorizedOnly: true } : {}),
        };
      }
      case 'requires_action':
        return { type: 'requires_action', reference: result.reference, action: result.action };
      case 'failed':
        return {
          type: 'failed',
          reference: result.reference,
          error: {
            code: result.code,
            message: PAYMENT_FAILURE_MESSAGES[result.code],
            ...(result.declineCode ? { declineCode: result.declineCode } : {}),
          },
        };
    }
  };
}

/** Logs a held payment as an error: the merchant must refund or reconcile it by hand. */
export function logReview(logger: Logger, settlement: Settlement, sessionId: string): void {
  if (settlement.type !== 'review') return;
  logger.error({ sessionId, ...settlement.review }, 'payment held for review: the provider took something other than the order');
}

/**
 * After a session reopened from a failed attempt: cancels that attempt's provider payment, so the
 * client secret already in the page cannot complete it at a stale amount. Best effort.
 */
export async function cancelStale(
  deps: { readonly providers: ReadonlyMap<ProviderId, { cancelPayment?(reference: string): Promise<void> }>; readonly logger: Logger },
  provider: ProviderId,
  settlement: Settlement,
  sessionId: string,
): Promise<void> {
  if (settlement.type !== 'failed' || !settlement.reference) return;
  const cancel = deps.providers.get(provider)?.cancelPayment;
  if (!cancel) return;
  try {
    await cancel.call(deps.providers.get(provider), settlement.reference);
  } catch (error) {
    deps.logger.warn({ err: error, sessionId, provider, reference: settlement.reference }, 'could not cancel a stale payment');
  }
}
