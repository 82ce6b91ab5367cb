/**
 * A shopper network shared by several merchants on Stripe Connect.
 *
 * The network (the platform) keeps one Stripe Customer per shopper, with the shopper's saved cards
 * attached to it on the platform account. Each merchant is a connected account. To charge a
 * saved card for merchant M, the platform clones the card onto M's account
 * (`POST /v1/payment_methods` with `customer` + `payment_method` and `Stripe-Account: acct_M`),
 * then creates and confirms the PaymentIntent on M's account (a direct charge) with that clone.
 * The card data never leaves Stripe; the platform never holds a merchant's customers; a merchant
 * only ever sees a one-off copy of the card for its own charge. Idempotency keys are derived from
 * the backend's deterministic key, so a retry clones and charges at most once.
 */
import type Stripe from 'stripe';
import type { ProviderPaymentResult } from '@omni-checkout/core';
import { SESSION_METADATA_KEY, failureCode, paymentResult } from './payment-intent.js';

/** Clones a platform customer's saved card onto a connected account; answers the clone's id. */
export async function cloneToConnectedAccount(
  stripe: Stripe,
  input: { readonly platformCustomer: string; readonly paymentMethod: string; readonly connectedAccount: string; readonly idempotencyKey: string },
): Promise<string> {
  const clone = await stripe.paymentMethods.create(
    { customer: input.platformCustomer, payment_method: input.paymentMethod },
    { stripeAccount: input.connectedAccount, idempotencyKey: `${input.idempotencyKey}:clone` },
  );
  return clone.id;
}

export interface ConnectPaymentInput {
  readonly sessionId: string;
  readonly amount: number;
  readonly currency: string;
  readonly platformCustomer: string;
  /** A saved card of the platform customer. */
  readonly paymentMethod: string;
  readonly connectedAccount: string;
  readonly idempotencyKey: string;
  /** The platform's fee, in minor units. */
  readonly applicationFeeAmount?: number;
}

/** Pays a merchant (connected account) with a card saved on the shared network (platform). */
export async function payOnConnectedAccount(stripe: Stripe, input: ConnectPaymentInput): Promise<ProviderPaymentResult> {
  const clone = await cloneToConnectedAccount(stripe, input);
  try {
    const pi = await stripe.paymentIntents.create(
      {
        amount: input.amount,
        currency: input.currency.toLowerCase(),
        payment_method: clone,
        confirm: true,
        capture_method: 'automatic_async',
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        metadata: { [SESSION_METADATA_KEY]: input.sessionId },
        expand: ['payment_method'],
        ...(input.applicationFeeAmount ? { application_fee_amount: input.applicationFeeAmount } : {}),
      },
      { stripeAccount: input.connectedAccount, idempotencyKey: input.idempotencyKey },
    );
    return paymentResult(pi);
  } catch (error) {
    const card = error as Stripe.errors.StripeCardError;
    if (card?.type !== 'StripeCardError') throw error;
    return {
      status: 'failed',
      reference: card.payment_intent?.id ?? null,
      code: failureCode({ code: card.code ?? null, decline_code: card.decline_code ?? null }),
      message: card.message,
    };
  }
}
