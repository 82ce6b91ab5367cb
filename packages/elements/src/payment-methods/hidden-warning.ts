import type { CheckoutSession } from '@omni-checkout/core/types';
import { warnOnce } from '../internal/warn.js';

/**
 * Development builds: says in the console which ways to pay the session leaves out, and why (the
 * backend sends the reasons in test mode only; `GET /v1/checkout-sessions/{id}/payment-methods/diagnostics`
 * answers them in any mode). Once per method and reason. The shopper sees nothing of it.
 */
export function warnHiddenMethods(session: Pick<CheckoutSession, 'hiddenPaymentMethods' | 'country' | 'currency'>): void {
  for (const hidden of session.hiddenPaymentMethods ?? []) {
    warnOnce(
      'method-hidden',
      `${hidden.type} is not shown to shoppers in ${session.country} (${session.currency}): ${hidden.reason}. ${hidden.message}`,
      `method-hidden:${session.country}:${session.currency}:${hidden.type}:${hidden.reason}`,
    );
  }
}
