/**
 * Checkout: asks the shop's own server for a checkout session (it prices the cart from its own
 * catalogue), then mounts <omni-checkout>. The client secret is handed over as a property only:
 * never an attribute, a URL or storage (docs/security.md R6).
 */
// The returning shopper's one-click button is painted before Lit loads; <omni-checkout> itself loads after it.
import '@omni-checkout/elements/checkout/first';
import { registerProvider } from '@omni-checkout/core/provider';
import type { SuggestionProvider } from '@omni-checkout/core/suggestions';
import { clearCart, readCart } from '../cart.js';
import { h, market, text } from '../layout.js';

registerProvider('mock', () => import('@omni-checkout/mock/client'));
// Loaded only when a session offers Stripe; Stripe.js itself only when its fields or wallets mount.
registerProvider('stripe', () => import('@omni-checkout/stripe/client'));
// PayPal's adapter loads only when the merchant offers PayPal here and its buttons are about to be visible.
registerProvider('paypal', () => import('@omni-checkout/paypal/client'));
// Moyasar (mada and STC Pay) loads only when a Saudi session offers them.
registerProvider('moyasar', () => import('@omni-checkout/moyasar/client'));

interface CheckoutStart {
  readonly clientSecret: string;
  readonly publishableKey: string;
  readonly apiBase: string;
  /** Where address suggestions come from (the shop server's configuration). */
  readonly suggestions?: { readonly provider: 'photon'; readonly url: string } | { readonly provider: 'google-places'; readonly apiKey: string } | null;
}

/** The suggestion provider, as a loader: its code loads only once the shopper types an address. */
function suggestionSource(config: NonNullable<CheckoutStart['suggestions']>): () => Promise<SuggestionProvider> {
  return config.provider === 'google-places'
    ? () => import('@omni-checkout/core/suggestions/google-places').then(({ googlePlaces }) => googlePlaces({ apiKey: config.apiKey }))
    : () => import('@omni-checkout/core/suggestions/photon').then(({ photon }) => photon({ baseUrl: config.url }));
}

interface CompleteEvent extends Event {
  readonly orderId?: string;
  readonly session?: { readonly id: string };
}

interface ErrorEvent extends Event {
  readonly code?: string;
  readonly message?: string;
}

const root = document.querySelector<HTMLDivElement>('[data-checkout]')!;
const status = document.querySelector<HTMLParagraphElement>('[data-checkout-status]')!;

function showProblem(message: string, action?: HTMLElement): void {
  status.remove();
  root.replaceChildren(h('div', { class: 'problem', role: 'alert' }, h('p', {}, message), action ?? null));
}

async function startCheckout(): Promise<void> {
  const items = readCart().map(({ productId, quantity }) => ({ productId, quantity }));
  if (items.length === 0) {
    status.remove();
    root.replaceChildren(h('p', { class: 'notice' }, text('cartEmpty')), h('p', {}, h('a', { class: 'button', href: '/' }, text('browse'))));
    return;
  }

  let start: CheckoutStart;
  try {
    // Back from a bank or wallet page (the address carries the provider's parameters): the shop's
    // server restores the same checkout (it keeps the client secret, keyed by an HttpOnly cookie).
    const restored = location.search ? await fetch('/api/checkout/current', { credentials: 'same-origin' }) : null;
    const response = restored?.ok
      ? restored
      : await fetch('/api/checkout', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ items }),
          credentials: 'same-origin',
        });
    const body = (await response.json().catch(() => null)) as (CheckoutStart & { error?: { message?: string } }) | null;
    if (!response.ok || !body?.clientSecret) throw new Error(body?.error?.message ?? 'no checkout');
    start = body;
  } catch (error) {
    // The shop server's reason goes to the console; the shopper reads it in their language.
    console.error('The checkout could not start:', error);
    const retry = h('button', { type: 'button', class: 'button' }, text('tryAgain'));
    retry.addEventListener('click', () => location.reload());
    showProblem(text('startFailed'), retry);
    return;
  }

  const checkout = document.createElement('omni-checkout') as HTMLElement & { clientSecret?: string; suggestions?: unknown };
  // This response's CSP nonce (the shop's server puts it on <meta property="csp-nonce">), for PayPal's SDK.
  checkout.nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';
  checkout.setAttribute('publishable-key', start.publishableKey);
  checkout.setAttribute('api-base', start.apiBase);
  // The market's language: the checkout's labels, its direction (Arabic is right to left) and Stripe's/PayPal's locale.
  checkout.setAttribute('lang', market.lang);
  // The shopper identity network: recognition, saved details, one-click.
  checkout.setAttribute('identity', '');
  // Address suggestions on the first address line (Photon, or Google Places with a key).
  if (start.suggestions) checkout.suggestions = suggestionSource(start.suggestions);
  checkout.clientSecret = start.clientSecret;
  // Express wallets above the form; they read the checkout's session (and hide when none can show).
  const express = document.createElement('omni-express');
  express.slot = 'express';
  // `/checkout?paypal=express`: PayPal's buttons above the form as express wallets (the buyer picks
  // the address and shipping in PayPal) instead of among the payment methods.
  if (new URLSearchParams(location.search).get('paypal') === 'express') express.setAttribute('providers', 'stripe paypal');
  checkout.append(express);
  // <omni-express> is defined with the checkout, not before: the first render stays without Lit.
  void customElements.whenDefined('omni-checkout').then(() => import('@omni-checkout/elements/express/define'));

  checkout.addEventListener('omni-ready', () => offerHandoff(checkout));
  checkout.addEventListener('omni-complete', (event) => {
    const { orderId, session } = event as CompleteEvent;
    clearCart();
    const params = new URLSearchParams();
    if (session?.id) params.set('session', session.id);
    if (orderId) params.set('order', orderId);
    location.assign(`/confirmation?${params}`);
  });
  checkout.addEventListener('omni-load-error', (event) => {
    const { message } = event as ErrorEvent;
    const retry = h('button', { type: 'button', class: 'button' }, text('reloadCheckout'));
    retry.addEventListener('click', () => location.reload());
    showProblem(message || text('formFailed'), retry);
  });

  // The notice was inside the checkout's reserved place (checkout.html): the checkout takes that
  // place and shows its own loading state, so nothing below or above it moves (layout shift).
  root.replaceChildren(checkout);
}

/** The handoff's code (docs/omnichannel.md): one lazy module for both sides, so the page names it once. */
const handoff = () => import('./pay.js');

/**
 * "Pay on your phone": loads only once the checkout shows its pay button (the one-click button of a
 * returning shopper included) and the page is idle, so the first render never waits for it.
 */
function offerHandoff(checkout: HTMLElement): void {
  const wait = () =>
    checkout.shadowRoot?.querySelector('[part~="pay-button"]')
      ? setTimeout(() => void handoff().then((m) => m.offerHandoff(checkout)), 500)
      : requestAnimationFrame(wait);
  wait();
}

// A link to pay on this phone (`/pay#omni-handoff=…`): the phone's side loads instead.
if (/[#&]omni-handoff=/.test(location.hash)) void handoff().then((m) => m.startPhone(root, status));
else void startCheckout();
