import type { CheckoutSession } from '@omni-checkout/core/types';

/** Whether the session's gift cards and store credit pay everything: no provider is asked (docs/payment-methods.md). */
export const coveredByTenders = (session: CheckoutSession | null): boolean => Boolean(session?.tenders?.length) && session?.amountDue === 0;
