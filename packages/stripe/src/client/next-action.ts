/**
 * A PaymentIntent's next action, loaded only when the backend answers `requires_action`:
 * 3-D Secure and redirects (a bank page, Klarna, Alipay) through Stripe.js `handleNextAction`;
 * BLIK's approval in the bank app and a QR code (Swish, WeChat Pay), which the checkout shows,
 * by reading the intent with its client secret until it leaves `requires_action`. `stripeFor`
 * comes from the caller so this chunk shares its Stripe.js instance.
 */
import type { PaymentIntent } from '@stripe/stripe-js';
import type { ClientProviderContext, NextActionResult } from '@omni-checkout/core/provider';
import type { NextAction } from '@omni-checkout/core/types';
import type { stripeFor as StripeFor } from './shared.js';

/** How often the intent is read while the shopper approves in the app or scans the code. */
export const POLL_MS = 1000;
/** How long a BLIK approval or a QR code is waited for at most (BLIK: about a minute; Stripe's QR codes: minutes). */
const WAIT_MS = 5 * 60_000;

const failure = (error: { code?: string; message?: string } | null | undefined): NextActionResult => ({
  status: 'failed',
  error: { code: error?.code ?? 'authentication_failed', message: error?.message ?? '' },
});

export async function handleNextAction(
  action: NextAction,
  ctx: ClientProviderContext,
  stripeFor: typeof StripeFor,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<NextActionResult> {
  const stripe = await stripeFor(ctx);
  const clientSecret = action.data.clientSecret!;
  if (action.type === 'approve_in_app' || action.type === 'display_qr') {
    const until = action.data.expiresAt ? Math.min(Date.parse(action.data.expiresAt), Date.now() + WAIT_MS) : Date.now() + WAIT_MS;
    let pi: PaymentIntent | undefined;
    do {
      await wait(POLL_MS);
      const read = await stripe.retrievePaymentIntent(clientSecret);
      if (read.error) return failure(read.error);
      pi = read.paymentIntent;
    } while (pi?.status === 'requires_action' && Date.now() < until);
    if (pi?.status === 'succeeded' || pi?.status === 'processing' || pi?.status === 'requires_capture') return { status: 'completed' };
    // Still waiting when the code expired: the shopper did not approve; the backend says the rest.
    if (pi?.status === 'requires_action') return { status: 'canceled' };
    return failure(pi?.last_payment_error);
  }
  const { error, paymentIntent: pi } = await stripe.handleNextAction({ clientSecret });
  // An error, or an intent not paid nor processing (the bank refused), is a failure.
  const refused = error ?? (pi?.status !== 'succeeded' && pi?.status !== 'processing' ? ((pi?.last_payment_error ?? {}) as { code?: string; message?: string }) : null);
  return refused ? failure(refused) : { status: 'completed' };
}
