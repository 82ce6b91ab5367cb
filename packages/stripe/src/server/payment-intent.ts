/**
 * A Stripe PaymentIntent as the backend sees it: its outcome, Stripe's failure codes reduced to the
 * backend's, the saved card it carries, and the metadata key that ties it to our session. Shared by
 * the provider (`index.ts`) and Stripe Connect (`connect.ts`).
 */
import type Stripe from 'stripe';
import type { ProviderPaymentResult, SavedMethodSummary } from '@omni-checkout/core';

/** Metadata key carrying our session id on every PaymentIntent (echoed back by webhooks). */
export const SESSION_METADATA_KEY = 'omni_session';

type FailureCode = Extract<ProviderPaymentResult, { status: 'failed' }>['code'];

/** Stripe error and decline codes, reduced to the backend's payment failure codes. */
export function failureCode(error: { code?: string | null; decline_code?: string | null } | null | undefined): FailureCode {
  if (!error) return 'provider_error';
  if (error.decline_code === 'insufficient_funds') return 'insufficient_funds';
  if (error.code === 'payment_intent_authentication_failure') return 'authentication_failed';
  if (error.code === 'card_declined' || error.code === 'expired_card' || error.code === 'incorrect_cvc' || error.code === 'incorrect_number') {
    return 'card_declined';
  }
  return 'provider_error';
}

/** A saved card as the backend lists it; undefined for anything else. */
export function savedCard(method: string | Stripe.PaymentMethod | null): SavedMethodSummary | undefined {
  if (!method || typeof method === 'string' || !method.card) return undefined;
  const { card } = method;
  return { reference: method.id, brand: card.brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year };
}

/** A PaymentIntent as the backend sees it. */
export function paymentResult(pi: Stripe.PaymentIntent): ProviderPaymentResult {
  switch (pi.status) {
    case 'succeeded': {
      const method = savedCard(pi.payment_method);
      return { status: 'succeeded', reference: pi.id, ...(method ? { paymentMethod: method } : {}) };
    }
    case 'processing':
    case 'requires_capture':
      return { status: 'processing', reference: pi.id };
    case 'requires_action':
      return {
        status: 'requires_action',
        reference: pi.id,
        action: {
          type: pi.next_action?.type === 'redirect_to_url' ? 'redirect' : 'challenge',
          provider: 'stripe',
          reference: pi.id,
          // Stripe.js needs the PaymentIntent's own client secret for handleNextAction; it reaches
          // only the page that owns this checkout session (SECURITY R16).
          data: { clientSecret: pi.client_secret ?? '' },
        },
      };
    case 'canceled':
      return { status: 'failed', reference: pi.id, code: 'provider_error', message: 'The payment was canceled.' };
    default: {
      const error = pi.last_payment_error;
      if (!error) return { status: 'processing', reference: pi.id };
      return {
        status: 'failed',
        reference: pi.id,
        code: failureCode(error),
        message: error.message ?? 'The payment failed.',
        ...(error.decline_code ? { declineCode: error.decline_code } : {}),
      };
    }
  }
}
