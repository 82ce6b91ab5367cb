/**
 * The express wallets' authorisation step, in the wallets' chunk (`wallets.ts` imports it), which
 * loads once `<omni-express>` is near the viewport, not with the element: the wallet's email and
 * address go to the backend, and the payment runs through the one payment flow
 * (`@omni-checkout/core/flow`) on the checkout's state machine, so a wallet and the pay button (or
 * a second wallet click) can never pay twice.
 */
import { pay } from '@omni-checkout/core/flow';
import type { ClientProvider, ClientProviderContext, ExpressCallbacks } from '@omni-checkout/core/provider';
import type { CheckoutSession, PostalAddress } from '@omni-checkout/core/types';
import type { CheckoutContext } from '../context/context.js';
import { OmniCompleteEvent } from '../events/complete.js';
import { OmniErrorEvent } from '../events/error.js';
import type { FirstTranslation } from '../i18n/first.js';

/** What a wallet hands over about the shipping address (Stripe's shape; PayPal's adapter maps its own to it). */
interface WalletAddress {
  readonly name?: string;
  readonly address?: { line1?: string; line2?: string | null; city?: string; state?: string; postal_code?: string; country?: string };
}

/** The wallet's address as the backend's `PostalAddress`, when it is complete enough. */
export function postalAddress(shipping: unknown): PostalAddress | null {
  const { name, address } = (shipping ?? {}) as WalletAddress;
  if (!name || !address?.line1 || !address.city || !address.country) return null;
  return {
    name,
    line1: address.line1,
    ...(address.line2 ? { line2: address.line2 } : {}),
    city: address.city,
    ...(address.state ? { region: address.state } : {}),
    ...(address.postal_code ? { postalCode: address.postal_code } : {}),
    country: address.country,
  };
}

/** What `<omni-express>` lends the authorisation step (through `wallets.ts`). */
export interface AuthorizeOptions {
  /** The checkout context: backend client, state machine, save queue. */
  readonly context: CheckoutContext;
  readonly t: FirstTranslation;
  providerContext(session: CheckoutSession): ClientProviderContext;
  /** Shows (or clears, with '') the element's error. */
  report(message: string): void;
  dispatch(event: Event): void;
}

export async function authorize(
  { paymentMethod, contact, shippingAddress }: Parameters<ExpressCallbacks['onAuthorized']>[0],
  provider: ClientProvider,
  options: AuthorizeOptions,
): Promise<'succeeded' | 'failed' | 'declined'> {
  const { context, t } = options;
  const { backend } = context;
  options.report('');
  const outcome = await pay(
    context.machine,
    {
      confirm: async (attemptKey) => {
        if (contact) await context.save(() => backend.setContact(contact));
        const address = postalAddress(shippingAddress);
        if (address) await context.save(() => backend.setShippingAddress(address));
        return backend.confirm(paymentMethod, attemptKey, provider.id);
      },
      nextAction: (action) => provider.handleNextAction(action, options.providerContext(context.session!)),
      completeAction: () => backend.completeAction(),
      getSession: () => backend.getSession(),
    },
    { wallet: true },
  );
  if (outcome.status === 'succeeded') {
    options.dispatch(new OmniCompleteEvent({ orderId: outcome.orderId, session: outcome.session }));
    return 'succeeded';
  }
  // A second click while a payment runs (here or at the checkout's pay button): nothing was sent.
  if (outcome.status === 'busy') return 'failed';
  const message = outcome.error.message || t.errors.generic;
  options.report(message);
  options.dispatch(new OmniErrorEvent({ code: outcome.error.code, message }));
  // PayPal declined the funding source: its window opens again for another one.
  return outcome.declineCode === 'instrument_declined' ? 'declined' : 'failed';
}
