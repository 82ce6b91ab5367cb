/**
 * The client adapter in Chromium with the Stripe.js double installed as `window.Stripe` (so
 * `@stripe/stripe-js` uses it instead of fetching js.stripe.com).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientProviderContext } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { FakeStripe } from '../fake/stripe-js.js';
import { stripeProvider } from './index.js';
import { STRIPE_JS_URL, appearanceFor } from './shared.js';

beforeAll(() => {
  (window as unknown as { Stripe: unknown }).Stripe = FakeStripe;
});

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

function session(overrides: Partial<CheckoutSession> = {}, key = 'pk_test_adapter'): CheckoutSession {
  return {
    id: 'cs_1',
    object: 'checkout_session',
    status: 'open',
    livemode: false,
    merchant: { name: 'Shop' },
    currency: 'EUR',
    country: 'DE',
    locale: 'de',
    channel: 'web',
    lineItems: [{ id: 'a', name: 'A', unitAmount: 1000, quantity: 1, amount: 1000 }],
    shippingOptions: [],
    selectedShippingOptionId: null,
    contact: null,
    shippingAddress: null,
    totals: { subtotal: 1000, shipping: 0, total: 1000 },
    provider: { id: 'stripe', config: { publishableKey: key } },
    providers: [{ id: 'stripe', config: { publishableKey: key }, methods: ['card', 'apple_pay', 'google_pay', 'link'] }],
    paymentMethods: (['card', 'apple_pay', 'google_pay', 'link'] as const).map((type) => ({ type, provider: 'stripe', available: true })),
    nextAction: null,
    lastPaymentError: null,
    orderId: null,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    ...overrides,
  };
}

const ctx = (s: CheckoutSession, extra: Partial<ClientProviderContext> = {}): ClientProviderContext => ({
  session: s,
  locale: 'pl',
  dir: 'ltr',
  apiBase: '',
  publishableKey: 'pk_test_omni',
  ...extra,
});

const record = () => window.__omniFakeStripe!;

function container(parent: Node = document.body): HTMLElement {
  const div = document.createElement('div');
  parent.appendChild(div);
  cleanup.push(() => div.remove());
  return div;
}

/** `depth` nested shadow roots, each host inside the previous root; answers the innermost root. */
function shadowRoots(depth: number): ShadowRoot {
  let parent: Node = document.body;
  let root: ShadowRoot | null = null;
  for (let i = 0; i < depth; i += 1) {
    const host = document.createElement('div');
    parent.appendChild(host);
    if (i === 0) cleanup.push(() => host.remove());
    root = host.attachShadow({ mode: 'open' });
    // Each level shows its host's children where the next level lives.
    root.append(document.createElement('slot'));
    parent = root;
  }
  return root!;
}

describe('Payment Element', () => {
  it('mounts in light DOM in the document, with the session amount, currency and locale', async () => {
    const target = container();
    const fields = await stripeProvider.mountPaymentFields(target, ctx(session()));
    cleanup.push(() => fields.destroy());
    const mount = record().mounts.at(-1)!;
    expect(mount.type).toBe('payment');
    expect(mount.node.getRootNode()).toBe(document);
    expect(target.contains(mount.node)).toBe(true);
    expect(record().elementsOptions.at(-1)).toMatchObject({ mode: 'payment', amount: 1000, currency: 'eur', paymentMethodCreation: 'manual', locale: 'pl' });
    expect(target.querySelector('iframe[title="Secure payment input frame"]')).not.toBeNull();
  });

  it('offers the market’s methods in the market’s order, as the backend names them for Stripe (Poland: BLIK, Przelewy24, cards, Link)', async () => {
    const pl = session({
      currency: 'PLN',
      country: 'PL',
      providers: [{ id: 'stripe', config: { publishableKey: 'pk_test_adapter', paymentMethodTypes: 'blik,p24,card,link' }, methods: ['blik', 'p24', 'google_pay', 'apple_pay', 'card', 'link'] }],
    });
    const fields = await stripeProvider.mountPaymentFields(container(), ctx(pl));
    cleanup.push(() => fields.destroy());
    expect(record().elementsOptions.at(-1)).toMatchObject({ mode: 'payment', currency: 'pln', paymentMethodTypes: ['blik', 'p24', 'card', 'link'] });
    fields.update({ ...pl, totals: { ...pl.totals, total: 2000 } });
    expect(record().updates.at(-1)).toMatchObject({ elements: true, amount: 2000, paymentMethodTypes: ['blik', 'p24', 'card', 'link'] });
  });

  it('bridges with slots up to the document when it sits two shadow roots deep, and cleans up', async () => {
    const inner = shadowRoots(2);
    const target = container(inner);
    const fields = await stripeProvider.mountPaymentFields(target, ctx(session()));
    const node = record().mounts.at(-1)!.node;
    // The iframe's node lives in the document (Stripe refuses shadow roots)…
    expect(node.getRootNode()).toBe(document);
    // …and is rendered where the container is, through one slot per shadow root.
    const slot = target.querySelector('slot')!;
    expect(slot.assignedElements({ flatten: true })).toEqual([node]);
    const box = node.getBoundingClientRect();
    const area = target.getBoundingClientRect();
    expect(box.height).toBeGreaterThan(0);
    expect(box.top).toBeGreaterThanOrEqual(area.top);
    expect(box.bottom).toBeLessThanOrEqual(area.bottom + 1);
    fields.destroy();
    expect(node.isConnected).toBe(false);
    expect(target.querySelector('slot')).toBeNull();
  });

  it('updates amount and currency in place, without remounting', async () => {
    const fields = await stripeProvider.mountPaymentFields(container(), ctx(session()));
    cleanup.push(() => fields.destroy());
    const created = record().created;
    const mounts = record().mounts.length;
    fields.update(session({ currency: 'PLN', totals: { subtotal: 1000, shipping: 1290, total: 2290 } }));
    expect(record().updates.at(-1)).toMatchObject({ elements: true, amount: 2290, currency: 'pln' });
    expect(record().created).toBe(created);
    expect(record().mounts.length).toBe(mounts);
  });

  it('translates the --omni-* theme into Stripe’s Appearance API', () => {
    const target = container();
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.themed { --omni-color-primary: light-dark(#ff0000, #00ff00); --omni-radius: 12px; --omni-font-family: Georgia, serif; color-scheme: light; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    cleanup.push(() => (document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)));
    target.className = 'themed';
    const appearance = appearanceFor(target);
    expect(appearance.theme).toBe('stripe');
    expect(appearance.variables).toMatchObject({ colorPrimary: 'rgb(255, 0, 0)', borderRadius: '12px', fontFamily: 'Georgia, serif' });
    // Tokens the page did not set are left to Stripe.
    expect(appearance.variables).not.toHaveProperty('colorDanger');
  });

  it('puts the CSP nonce on the Stripe.js script it adds', async () => {
    const fields = await stripeProvider.mountPaymentFields(container(), ctx(session({}, 'pk_test_nonce'), { nonce: 'n0nce-123' }));
    cleanup.push(() => fields.destroy());
    const script = document.querySelector<HTMLScriptElement>(`script[src="${STRIPE_JS_URL}"]`);
    expect(script?.nonce).toBe('n0nce-123');
    expect(record().keys.at(-1)).toBe('pk_test_nonce');
  });

  it('refuses a secret key, as Stripe.js does', () => {
    expect(() => FakeStripe('sk_test_nope')).toThrow(/publishable key/);
    // Stripe.js's type declares only the call (`Stripe(key)`); pages also construct it with `new`.
    expect(() => Reflect.construct(FakeStripe, ['pk_test_ok'])).not.toThrow();
    expect(FakeStripe.version).toBe('endive');
  });
});

describe('returning from a redirect', () => {
  it('reads Stripe’s parameters, keeps the page’s own, and loads nothing', async () => {
    const keys = record().keys.length;
    const url = new URL('https://shop.example/checkout?cart=7&payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x&redirect_status=succeeded#top');
    expect(await stripeProvider.handleReturn!(url, ctx(session()))).toEqual({
      result: { status: 'completed' },
      cleanUrl: 'https://shop.example/checkout?cart=7#top',
    });
    const failed = new URL('https://shop.example/checkout?payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x&redirect_status=failed');
    expect((await stripeProvider.handleReturn!(failed, ctx(session())))?.result.status).toBe('canceled');
    expect(await stripeProvider.handleReturn!(new URL('https://shop.example/checkout?cart=7'), ctx(session()))).toBeNull();
    expect(record().keys.length).toBe(keys);
  });
});

describe('express wallets', () => {
  it('reports which wallets show and why the others do not', async () => {
    window.__omniFakeWallets = { applePay: false, googlePay: false, link: true };
    const express = await stripeProvider.express!.mount(container(), ctx(session()), {
      currentSession: () => session(),
      onShippingAddressChange: async () => session(),
      onShippingOptionChange: async () => session(),
      onAuthorized: async () => 'succeeded',
      onCancel: () => {},
    });
    cleanup.push(() => express.destroy());
    expect(express.availability).toEqual([
      { wallet: 'apple_pay', available: false, reason: 'unsupported_browser' },
      { wallet: 'google_pay', available: false, reason: 'no_card_in_wallet' },
      { wallet: 'link', available: true },
    ]);
    expect(record().mounts.at(-1)?.type).toBe('expressCheckout');
  });
});
