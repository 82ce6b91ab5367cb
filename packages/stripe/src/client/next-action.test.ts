/**
 * The client half's next actions for local methods: BLIK's approval in the bank app and a QR code
 * (Swish, WeChat Pay) are waited for by reading the PaymentIntent with its client secret until it
 * leaves `requires_action`; 3-D Secure and redirects go to Stripe.js `handleNextAction`.
 */
import type { Stripe } from '@stripe/stripe-js';
import { describe, expect, it } from 'vitest';
import type { ClientProviderContext } from '@omni-checkout/core/provider';
import type { NextAction } from '@omni-checkout/core/types';
import { handleNextAction } from './next-action.js';

type Read = { status: string; last_payment_error?: { code: string; message: string } | null };

/** Stripe.js as far as the waits use it: each read answers the next state. */
function stripeAnswering(reads: Read[]) {
  const calls = { reads: 0, handled: 0, secrets: [] as string[] };
  const stripe = {
    async retrievePaymentIntent(secret: string) {
      calls.secrets.push(secret);
      const read = reads[Math.min(calls.reads++, reads.length - 1)]!;
      return { paymentIntent: { id: 'pi_1', ...read } };
    },
    async handleNextAction() {
      calls.handled += 1;
      return { paymentIntent: { id: 'pi_1', status: 'succeeded' } };
    },
  } as unknown as Stripe;
  return { stripeFor: async () => stripe, calls };
}

const ctx = {} as ClientProviderContext;
const quick = async () => {};
const action = (type: NextAction['type'], data: Record<string, string> = {}): NextAction => ({ type, provider: 'stripe', reference: 'pi_1', data: { clientSecret: 'pi_1_secret_x', ...data } });

describe('waiting for the app (BLIK, a QR code)', () => {
  it('reads the intent until the shopper approved, then completes', async () => {
    const { stripeFor, calls } = stripeAnswering([{ status: 'requires_action' }, { status: 'requires_action' }, { status: 'succeeded' }]);
    expect(await handleNextAction(action('approve_in_app', { method: 'blik' }), ctx, stripeFor, quick)).toEqual({ status: 'completed' });
    expect(calls.reads).toBe(3);
    expect(calls.secrets.every((s) => s === 'pi_1_secret_x')).toBe(true);
    expect(calls.handled).toBe(0);
  });

  it('a refusal in the app fails with Stripe’s reason', async () => {
    const { stripeFor } = stripeAnswering([
      { status: 'requires_action' },
      { status: 'requires_payment_method', last_payment_error: { code: 'payment_intent_payment_attempt_failed', message: 'The payment failed.' } },
    ]);
    expect(await handleNextAction(action('display_qr', { method: 'swish', qrData: 'x' }), ctx, stripeFor, quick)).toEqual({
      status: 'failed',
      error: { code: 'payment_intent_payment_attempt_failed', message: 'The payment failed.' },
    });
  });

  it('a QR code that expires unscanned stops waiting: canceled, nothing paid', async () => {
    const { stripeFor, calls } = stripeAnswering([{ status: 'requires_action' }]);
    const expired = new Date(Date.now() - 1000).toISOString();
    expect(await handleNextAction(action('display_qr', { method: 'wechat_pay', qrData: 'x', expiresAt: expired }), ctx, stripeFor, quick)).toEqual({ status: 'canceled' });
    expect(calls.reads).toBe(1);
  });
});

it('3-D Secure and redirects go to Stripe.js handleNextAction', async () => {
  const { stripeFor, calls } = stripeAnswering([]);
  expect(await handleNextAction(action('redirect'), ctx, stripeFor, quick)).toEqual({ status: 'completed' });
  expect(await handleNextAction(action('challenge'), ctx, stripeFor, quick)).toEqual({ status: 'completed' });
  expect(calls).toMatchObject({ handled: 2, reads: 0 });
});
