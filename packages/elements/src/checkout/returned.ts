/**
 * Back from a provider's redirect (a bank page, a redirect-based method): the provider recognises
 * its parameters, the address loses them, the backend says how the payment ended (the flow's
 * `resume`), and a paid session fires `omni-complete` through the checkout. Loads the provider
 * only when the address carries a query and the session is not open.
 */
import { resume } from '@omni-checkout/core/flow';
import { isProviderRegistered, loadProvider, type ReturnResult } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { OmniErrorEvent } from '../events/error.js';
import { languageOf } from '../i18n/catalogs.js';
import type { CheckoutHost } from './host.js';
import { providerContext } from './provider-context.js';

/** Answers whether the page was such a return and is paid (the checkout then shows the order). */
export async function returnedFromRedirect(host: CheckoutHost, session: CheckoutSession, current: () => boolean): Promise<boolean> {
  // An open session was not paid; only one the provider's webhook already reopened with an error
  // can be a return from a bank page (the shopper then reads why).
  if (!location.search || (session.status === 'open' && !session.lastPaymentError)) return false;
  // The provider whose step is pending; once a webhook settled the payment (no step left), each of the
  // session's providers with methods here in turn, so a return to a non-main provider (Moyasar) still completes.
  const ids = session.nextAction
    ? [session.nextAction.provider]
    : [...new Set([session.provider.id, ...(session.providers ?? []).filter((p) => p.methods.length).map((p) => p.id)])];
  let back: ReturnResult | null = null;
  for (const id of ids) {
    if (!isProviderRegistered(id)) continue;
    back = (await (await loadProvider(id)).handleReturn?.(new URL(location.href), providerContext(host))) ?? null;
    if (back) break;
  }
  if (!back || !current()) return false;
  history.replaceState(history.state, '', back.cleanUrl);
  if (session.status === 'open') {
    await notPaid(host, session.lastPaymentError?.code ?? 'provider_error', back.result.status === 'completed' ? 'failed' : 'canceled');
    return false;
  }
  const outcome = await resume(host.machine, { completeAction: () => host.backend!.completeAction() });
  if (outcome.status === 'succeeded') {
    await host.completed(outcome);
    return true;
  }
  if (outcome.status === 'failed') {
    await notPaid(host, outcome.error.code, back.result.status === 'completed' ? 'failed' : 'canceled');
    host.session = await host.backend!.getSession().catch(() => session);
  }
  return false;
}

/**
 * Back without a payment (the bank refused, or the shopper left its page): nothing was charged,
 * said in the shopper's language (the local methods' messages, loaded now), and they pay again below.
 */
async function notPaid(host: CheckoutHost, code: string, how: 'failed' | 'canceled'): Promise<void> {
  const { loadLocalPayTranslation } = await import('../i18n/local-pay/index.js');
  const t = await loadLocalPayTranslation(languageOf(host));
  // Stripe's code for a payment the shopper did not authorise at the bank.
  const left = how === 'canceled' && (code === 'authentication_failed' || code === 'authentication_canceled');
  const message = left ? t.canceled : t.failed;
  host.alert = message;
  host.dispatchEvent(new OmniErrorEvent({ code, message }));
}
