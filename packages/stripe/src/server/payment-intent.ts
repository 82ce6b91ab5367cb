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

/**
 * A PaymentIntent's `next_action` as the checkout's next action: a redirect (a bank page,
 * `redirect_to_url`, or Alipay's `alipay_handle_redirect`), an approval in the bank app (BLIK's
 * `blik_authorize`), a QR code to scan (Swish, WeChat Pay), or 3-D Secure through Stripe.js.
 * Stripe.js needs the PaymentIntent's own client secret; it reaches only the page that owns this
 * checkout session (docs/security.md R16).
 */
function nextAction(pi: Stripe.PaymentIntent): { type: 'challenge' | 'redirect' | 'approve_in_app' | 'display_qr'; data: Record<string, string> } {
  const clientSecret = pi.client_secret ?? '';
  const action = pi.next_action;
  const method = typeof pi.payment_method === 'object' && pi.payment_method ? pi.payment_method.type : '';
  switch (action?.type) {
    case 'redirect_to_url':
    case 'alipay_handle_redirect':
      return { type: 'redirect', data: { clientSecret, ...(method ? { method } : {}) } };
    case 'blik_authorize':
      return { type: 'approve_in_app', data: { clientSecret, method: 'blik' } };
    case 'swish_handle_redirect_or_display_qr_code': {
      const qr = action.swish_handle_redirect_or_display_qr_code!.qr_code;
      return { type: 'display_qr', data: { clientSecret, method: 'swish', qrData: qr.data, expiresAt: new Date(qr.expires_at * 1000).toISOString() } };
    }
    case 'wechat_pay_display_qr_code':
      return { type: 'display_qr', data: { clientSecret, method: 'wechat_pay', qrData: action.wechat_pay_display_qr_code!.data } };
    default:
      return { type: 'challenge', data: { clientSecret } };
  }
}

/** A PaymentIntent as the backend sees it. */
export function paymentResult(pi: Stripe.PaymentIntent): ProviderPaymentResult {
  switch (pi.status) {
    case 'succeeded': {
      const method = savedCard(pi.payment_method);
      return {
        status: 'succeeded',
        reference: pi.id,
        // `amount_received` is what moved; Stripe's currency codes are lower case. A manual-capture
        // PaymentIntent reports what was authorised: a partial capture (the merchant's, recorded on
        // the order) is not a payment of another amount.
        amount: pi.capture_method === 'manual' ? pi.amount : (pi.amount_received ?? pi.amount),
        currency: pi.currency.toUpperCase(),
        ...(pi.capture_method === 'manual' ? { captured: true } : {}),
        ...(method ? { paymentMethod: method } : {}),
      };
    }
    // capture_method=manual: authorised, waiting for the merchant's capture (or cancel).
    case 'requires_capture': {
      const method = savedCard(pi.payment_method);
      return {
        status: 'succeeded',
        reference: pi.id,
        amount: pi.amount_capturable || pi.amount,
        currency: pi.currency.toUpperCase(),
        captured: false,
        ...(method ? { paymentMethod: method } : {}),
      };
    }
    case 'processing':
      return { status: 'processing', reference: pi.id };
    case 'requires_action':
      return { status: 'requires_action', reference: pi.id, action: { provider: 'stripe', reference: pi.id, ...nextAction(pi) } };
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
