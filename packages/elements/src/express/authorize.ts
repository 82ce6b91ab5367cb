/**
 * The express wallets' authorisation step, loaded with the wallets (not with `<omni-express>`):
 * the wallet's email and address go to the backend, the payment is confirmed with the provider's
 * reference (one idempotency key), 3-D Secure runs when asked, and the outcome is announced.
 */
import type { CheckoutBackend } from '@omni-checkout/core/client';
import { OmniApiError } from '@omni-checkout/core/errors';
import type { ClientProvider, ClientProviderContext, ExpressCallbacks } from '@omni-checkout/core/provider';
import type { CheckoutSession, PostalAddress } from '@omni-checkout/core/types';
import { OmniCompleteEvent } from '../events/complete.js';
import { OmniErrorEvent } from '../events/error.js';
import type { Translation } from '../i18n/index.js';

/** What a wallet hands over about the shipping address (Stripe's shape; PayPal's adapter maps its own to it). */
interface WalletAddress {
  readonly name?: string;
  readonly address?: { line1?: string; line2?: string | null; city?: string; state?: string; postal_code?: string; country?: string };
}

/** The wallet's address as the backend's `PostalAddress`, when it is complete enough. */
function postalAddress(shipping: unknown): PostalAddress | null {
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

/** What `<omni-express>` lends the authorisation step. */
export interface AuthorizeHost {
  readonly backend: CheckoutBackend;
  readonly t: Translation;
  context(session: CheckoutSession): ClientProviderContext;
  /** Shows (or clears, with '') the element's error. */
  report(message: string): void;
  paid(session: CheckoutSession): void;
  dispatch(event: Event): void;
}

export async function authorize(
  { paymentMethod, contact, shippingAddress }: Parameters<ExpressCallbacks['onAuthorized']>[0],
  provider: ClientProvider,
  host: AuthorizeHost,
): Promise<'succeeded' | 'failed' | 'declined'> {
  const { backend, t } = host;
  host.report('');
  try {
    if (contact) await backend.setContact(contact);
    const address = postalAddress(shippingAddress);
    if (address) await backend.setShippingAddress(address);
    let result = await backend.confirm(paymentMethod, crypto.randomUUID(), provider.id);
    if (result.status === 'requires_action' && result.session.nextAction) {
      await provider.handleNextAction(result.session.nextAction, host.context(result.session));
      result = await backend.completeAction();
    }
    if (result.status !== 'succeeded') throw new OmniApiError('authentication_failed', t.errors.generic, 402);
    host.paid(result.session);
    host.dispatch(new OmniCompleteEvent({ orderId: result.order?.id ?? result.session.orderId ?? '', session: result.session }));
    return 'succeeded';
  } catch (error) {
    const code = error instanceof OmniApiError ? error.code : 'internal_error';
    const message = error instanceof OmniApiError ? error.message : t.errors.generic;
    host.report(message);
    host.dispatch(new OmniErrorEvent({ code, message }));
    // PayPal declined the funding source: its window opens again for another one.
    return error instanceof OmniApiError && error.declineCode === 'instrument_declined' ? 'declined' : 'failed';
  }
}
