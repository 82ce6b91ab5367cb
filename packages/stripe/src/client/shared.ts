/**
 * What the Payment Element and the Express Checkout Element share: loading Stripe.js (once, from
 * js.stripe.com, with the page's CSP nonce), the `--omni-*` theme as an Appearance, and the
 * light-DOM mount point bridged through slots when the caller sits in shadow roots.
 */
// The `pure` entry: nothing loads on import. (The package has no exports map, so the file is named.)
import { loadStripe } from '@stripe/stripe-js/pure/index.mjs';
import type { Appearance, Stripe, StripeElements } from '@stripe/stripe-js';
import type { ClientProviderContext } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';

/** The script `@stripe/stripe-js` loads; inserted by us first only to carry a CSP nonce. */
export const STRIPE_JS_URL = 'https://js.stripe.com/endive/stripe.js';

let loading: Promise<Stripe> | null = null;
let loadedKey = '';
let nonced: HTMLScriptElement | undefined;

/** The session's Stripe config: the publishable key, and the market's payment method types. */
const configOf = (session: CheckoutSession): Record<string, string | undefined> => session.providers.find((p) => p.id === 'stripe')?.config ?? {};

/** Stripe.js for the session's publishable key, loaded on first use only. */
export function stripeFor(ctx: ClientProviderContext): Promise<Stripe> {
  const key = configOf(ctx.session).publishableKey ?? '';
  if (loading && loadedKey === key) return loading;
  loadedKey = key;
  if (ctx.nonce && !nonced) {
    // loadStripe finds this script instead of adding its own without a nonce.
    nonced = document.createElement('script');
    nonced.src = STRIPE_JS_URL;
    nonced.nonce = ctx.nonce;
    document.head.append(nonced);
  }
  // The shopper's locale goes to each Elements group (`locale`), which is what shows text.
  const promise = loadStripe(key).then((stripe: Stripe | null) => {
    if (!stripe) throw new Error('Stripe.js did not load');
    return stripe;
  });
  promise.catch(() => {
    if (loading === promise) loading = null;
  });
  loading = promise;
  return promise;
}

/** Elements options for a session: the amount, currency and methods always come from the backend's session. */
export function intentOptions(session: CheckoutSession): { amount: number; currency: string; paymentMethodTypes?: string[] } {
  // The market's methods (after the merchant's overrides) as Stripe types, in order: BLIK and Przelewy24 first in Poland.
  const types = configOf(session).paymentMethodTypes;
  // What is left after gift cards and store credit (when they pay everything, no field shows).
  return { amount: session.amountDue || session.totals.total, currency: session.currency.toLowerCase(), ...(types && { paymentMethodTypes: types.split(',') }) };
}

/**
 * The `--omni-*` theme translated to Stripe's Appearance API. Each token is read through a hidden
 * probe (set with CSSOM, which a strict style-src allows), so `light-dark()`, system colours and
 * `var()` chains arrive resolved; unset tokens are left to Stripe's defaults.
 */
export function appearanceFor(node: HTMLElement): Appearance {
  const style = getComputedStyle(node);
  const probe = node.ownerDocument.createElement('i');
  probe.hidden = true;
  node.append(probe);
  const variables: Record<string, string> = {};
  // Appearance variable, `--omni-` token, the CSS property that resolves it (colours: `color`).
  for (const entry of [
    'colorPrimary color-primary', 'colorBackground color-background', 'colorText color-text', 'colorTextSecondary color-text-muted',
    'colorDanger color-error', 'colorSuccess color-success', 'fontFamily font-family font-family', 'fontSizeBase font-size font-size',
    'borderRadius radius border-top-left-radius', 'spacingUnit spacing padding-top',
  ]) {
    const [name, token, property = 'color'] = entry.split(' ') as [string, string, string?];
    if (!style.getPropertyValue(`--omni-${token}`).trim()) continue;
    probe.style.setProperty(property, `var(--omni-${token})`);
    variables[name] = getComputedStyle(probe).getPropertyValue(property);
  }
  probe.remove();
  return { theme: style.colorScheme.includes('dark') && matchMedia('(prefers-color-scheme: dark)').matches ? 'night' : 'stripe', variables };
}

let slots = 0;

/**
 * A light-DOM node in the document for a provider iframe, shown where `container` is. When the
 * container sits in shadow roots, each level gets a `<slot>` and the node is slotted from the
 * document through all of them. Returns the node and a function that removes every piece.
 */
export function bridge(container: HTMLElement): { node: HTMLElement; remove: () => void } {
  const doc = container.ownerDocument;
  const node = doc.createElement('div');
  const made: Element[] = [node];
  let root = container.getRootNode();
  let parent: Element = container;
  if (root instanceof ShadowRoot) {
    const name = `omni-s${++slots}`;
    node.slot = name;
    while (root instanceof ShadowRoot) {
      const slot = doc.createElement('slot');
      slot.name = name;
      // Beyond the first level the slot is itself a light child of a host: slot it onwards.
      if (made.length > 1) slot.slot = name;
      parent.append(slot);
      made.push(slot);
      parent = root.host;
      root = parent.getRootNode();
    }
  }
  parent.append(node);
  return { node, remove: () => made.forEach((el) => el.remove()) };
}

export type { StripeElements };
