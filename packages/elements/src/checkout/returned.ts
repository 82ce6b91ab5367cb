/**
 * Back from a provider's redirect (a bank page, a redirect-based method): the provider recognises
 * its parameters, the address loses them, the backend says how the payment ended (the flow's
 * `resume`), and a paid session fires `omni-complete` through the checkout. Loads the provider
 * only when the address carries a query and the session is not open.
 */
import { resume } from '@omni-checkout/core/flow';
import { isProviderRegistered, loadProvider } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { OmniErrorEvent } from '../events/error.js';
import type { CheckoutHost } from './host.js';

/** Answers whether the page was such a return and is paid (the checkout then shows the order). */
export async function returnedFromRedirect(host: CheckoutHost, session: CheckoutSession, current: () => boolean): Promise<boolean> {
  if (!location.search || session.status === 'open') return false;
  const id = session.nextAction?.provider ?? session.provider.id;
  if (!isProviderRegistered(id)) return false;
  const provider = await loadProvider(id);
  const back = await provider.handleReturn?.(new URL(location.href), host.context.providerContext());
  if (!back || !current()) return false;
  history.replaceState(history.state, '', back.cleanUrl);
  const outcome = await resume(host.machine, { completeAction: () => host.backend!.completeAction() });
  if (outcome.status === 'succeeded') {
    await host.completed(outcome);
    return true;
  }
  if (outcome.status === 'failed') {
    // Not paid: the shopper sees why and can pay again in the form below.
    const message = outcome.error.message || host.t.errors.generic;
    host.alert = message;
    host.dispatchEvent(new OmniErrorEvent({ code: outcome.error.code, message }));
    host.session = await host.backend!.getSession().catch(() => session);
  }
  return false;
}
