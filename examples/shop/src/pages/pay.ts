/**
 * "Pay on your phone" (docs/omnichannel.md), loaded lazily by the checkout page: the desktop's offer
 * (`offerHandoff`, once the pay button shows) and the phone's side (`startPhone`, on `/pay` when the
 * address carries a link's single-use token in the fragment). `<omni-handoff redeem>` removes it from the address, exchanges it once for
 * this phone's own credential for the same session, and `<omni-checkout>` then runs with it: the
 * same cart and shipping choice, the shopper's details entered here. A used, expired or unknown
 * link shows its own page, in the shopper's language.
 */
import '@omni-checkout/elements/handoff/define';
import { h, market, text } from '../layout.js';

interface CompleteEvent extends Event {
  readonly orderId?: string;
  readonly session?: { readonly id: string };
}

/** The desktop's "Pay on your phone", in the checkout's `handoff` slot. */
export function offerHandoff(checkout: HTMLElement): void {
  if (checkout.querySelector('omni-handoff')) return;
  const handoff = document.createElement('omni-handoff');
  handoff.slot = 'handoff';
  handoff.setAttribute('link-base', '/pay');
  checkout.append(handoff);
}

export async function startPhone(root: HTMLElement, status: HTMLElement): Promise<void> {
  const response = await fetch('/api/checkout/config', { credentials: 'same-origin' }).catch(() => null);
  const config = (await response?.json().catch(() => null)) as { publishableKey: string; apiBase: string } | null;
  if (!config) {
    status.remove();
    root.replaceChildren(h('div', { class: 'problem', role: 'alert' }, h('p', {}, text('startFailed'))));
    return;
  }
  const handoff = document.createElement('omni-handoff');
  handoff.setAttribute('redeem', '');
  handoff.setAttribute('publishable-key', config.publishableKey);
  handoff.setAttribute('api-base', config.apiBase);
  handoff.setAttribute('lang', market.lang);
  handoff.addEventListener('omni-handoff-redeem', (event) => {
    const checkout = document.createElement('omni-checkout') as HTMLElement & { clientSecret?: string };
    checkout.nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';
    checkout.setAttribute('publishable-key', config.publishableKey);
    checkout.setAttribute('api-base', config.apiBase);
    checkout.setAttribute('lang', market.lang);
    checkout.addEventListener('omni-ready', () => status.remove());
    checkout.addEventListener('omni-complete', (done) => {
      const { orderId, session } = done as CompleteEvent;
      const params = new URLSearchParams();
      if (session?.id) params.set('session', session.id);
      if (orderId) params.set('order', orderId);
      location.assign(`/confirmation?${params}`);
    });
    // This phone's own credential, as a property only (never an attribute, a URL or storage).
    checkout.clientSecret = event.clientSecret;
    root.replaceChildren(checkout);
  });
  // A used, expired or unknown link: the element's own page replaces the notice.
  status.remove();
  root.replaceChildren(handoff);
}

