/**
 * A PaymentIntent's next action (3-D Secure, a redirect) through Stripe.js `handleNextAction`,
 * loaded only when the backend answers `requires_action`. `stripeFor` comes from the caller so
 * this chunk shares its Stripe.js instance.
 */
import type { ClientProviderContext, NextActionResult } from '@omni-checkout/core/provider';
import type { NextAction } from '@omni-checkout/core/types';
import type { stripeFor as StripeFor } from './shared.js';

export async function handleNextAction(action: NextAction, ctx: ClientProviderContext, stripeFor: typeof StripeFor): Promise<NextActionResult> {
  const stripe = await stripeFor(ctx);
  const { error, paymentIntent: pi } = await stripe.handleNextAction({ clientSecret: action.data.clientSecret! });
  // An error, or an intent not paid nor processing (the bank refused), is a failure.
  const failure = error ?? (pi?.status !== 'succeeded' && pi?.status !== 'processing' ? ((pi?.last_payment_error ?? {}) as { code?: string; message?: string }) : null);
  return failure ? { status: 'failed', error: { code: failure.code ?? 'authentication_failed', message: failure.message ?? '' } } : { status: 'completed' };
}
