/**
 * `<omni-express>` with the Stripe provider's client half and the Stripe.js double (installed as
 * `window.Stripe`), against a small in-memory backend that prices shipping like the real one.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import axe from 'axe-core';
import { registerProvider } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { FakeStripe } from '@omni-checkout/stripe/fake/stripe-js';
import './define.js';
import '../checkout/define.js';
import type { OmniCheckout } from '../checkout/checkout.js';
import type { OmniExpress } from './express.js';
import type { OmniWalletUnavailableEvent } from '../events/wallet-unavailable.js';

beforeAll(() => {
  (window as unknown as { Stripe: unknown }).Stripe = FakeStripe;
  registerProvider('stripe', () => import('@omni-checkout/stripe/client'));
});

const SHIPPING = [
  { id: 'standard', label: 'Standard', amount: 490, deliveryEstimate: { minDays: 2, maxDays: 4 } },
  { id: 'express', label: 'Express', amount: 1290, deliveryEstimate: { minDays: 1, maxDays: 1 } },
];

/** A backend for one session: answers the routes `<omni-express>` calls, recording them. */
function backend() {
  const calls: string[] = [];
  const session: CheckoutSession = {
    id: 'cs_express',
    object: 'checkout_session',
    status: 'open',
    livemode: false,
    merchant: { name: 'Shop' },
    currency: 'EUR',
    country: 'DE',
    locale: 'en',
    channel: 'web',
    lineItems: [{ id: 'beans', name: 'Beans', unitAmount: 2450, quantity: 2, amount: 4900 }],
    shippingOptions: SHIPPING,
    selectedShippingOptionId: 'standard',
    contact: null,
    shippingAddress: null,
    totals: { subtotal: 4900, shipping: 490, total: 5390 },
    provider: { id: 'stripe', config: { publishableKey: 'pk_test_express' } },
    providers: [{ id: 'stripe', config: { publishableKey: 'pk_test_express' }, methods: ['card', 'apple_pay', 'google_pay', 'link'] }],
    paymentMethods: [{ type: 'card', provider: 'stripe', available: true }],
    nextAction: null,
    lastPaymentError: null,
    orderId: null,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : null;
    calls.push(`${init?.method ?? 'GET'} ${url.pathname.replace('/v1/client/checkout-sessions/cs_express', '')}${body ? ` ${JSON.stringify(body)}` : ''}`);
    if (url.pathname.endsWith('/shipping-option')) {
      const option = SHIPPING.find((o) => o.id === body!.shippingOptionId)!;
      Object.assign(session, { selectedShippingOptionId: option.id, totals: { subtotal: 4900, shipping: option.amount, total: 4900 + option.amount } });
    }
    if (url.pathname.endsWith('/contact')) session.contact = body as never;
    if (url.pathname.endsWith('/shipping-address')) session.shippingAddress = body as never;
    if (url.pathname.endsWith('/confirm')) {
      Object.assign(session, { status: 'complete', orderId: 'ord_express' });
      return Response.json({ status: 'succeeded', session, order: { id: 'ord_express' } });
    }
    return Response.json(session);
  };
  return { fetch, calls, session };
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
  delete window.__omniFakeWallets;
  delete window.__omniFakeWalletSheet;
});

async function mount(wallets: { applePay: boolean; googlePay: boolean; link: boolean }) {
  window.__omniFakeWallets = wallets;
  const api = backend();
  const element = document.createElement('omni-express') as OmniExpress;
  const unavailable: OmniWalletUnavailableEvent[] = [];
  element.addEventListener('omni-wallet-unavailable', (event) => unavailable.push(event));
  const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
  element.publishableKey = 'pk_test_omni';
  element.apiBase = 'https://pay.example';
  element.fetch = api.fetch as typeof fetch;
  element.clientSecret = 'cs_express_secret_abc';
  document.body.append(element);
  cleanup.push(() => element.remove());
  await ready;
  return { element, api, unavailable };
}

describe('<omni-express>', () => {
  // First in this file: a module once loaded stays in the page's module map and is not requested again.
  it('loads nothing of the wallets until it is near the viewport: not their chunk, not Stripe.js', async () => {
    window.__omniFakeWallets = { applePay: false, googlePay: true, link: false };
    const api = backend();
    const below = document.createElement('div');
    below.style.height = '300vh';
    const element = document.createElement('omni-express') as OmniExpress;
    let ready = false;
    element.addEventListener('omni-ready', () => (ready = true));
    element.publishableKey = 'pk_test_omni';
    element.apiBase = 'https://pay.example';
    element.fetch = api.fetch as typeof fetch;
    element.clientSecret = 'cs_express_secret_abc';
    const stripes = window.__omniFakeStripe?.keys.length ?? 0;
    const requested = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/express/wallets.'));
    document.body.append(below, element);
    cleanup.push(() => (below.remove(), element.remove()));
    await expect.poll(() => api.calls).toContain('GET ');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requested()).toBe(false);
    expect(window.__omniFakeStripe?.keys.length ?? 0).toBe(stripes);
    expect([ready, element.children.length]).toEqual([false, 0]);

    element.scrollIntoView();
    await expect.poll(() => ready).toBe(true);
    expect(requested()).toBe(true);
    expect(window.__omniFakeStripe!.keys.length).toBeGreaterThan(stripes);
    await expect.element(page.getByRole('button', { name: 'Pay with Google Pay' })).toBeVisible();
  });

  it('shows the wallets Stripe offers and reports each missing one with its reason', async () => {
    const { element, unavailable } = await mount({ applePay: false, googlePay: false, link: true });
    await expect.element(page.getByRole('group', { name: 'Express checkout' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Pay with Link' })).toBeVisible();
    expect(unavailable.map((e) => [e.wallet, e.reason, e.provider])).toEqual([
      ['apple_pay', 'unsupported_browser', 'stripe'],
      ['google_pay', 'no_card_in_wallet', 'stripe'],
    ]);
    expect(element.getAvailability().filter((a) => a.available).map((a) => a.wallet)).toEqual(['link']);
    const results = await axe.run(element);
    expect(results.violations).toEqual([]);
  });

  it('hides itself when no wallet can show', async () => {
    const { element, unavailable } = await mount({ applePay: false, googlePay: false, link: false });
    expect(element.hidden).toBe(true);
    expect(unavailable).toHaveLength(3);
  });

  it('opens the sheet in the click, reprices shipping changes on the backend, and pays once', async () => {
    window.__omniFakeWalletSheet = {
      email: 'wallet@example.com',
      address: { country: 'DE', city: 'Berlin', postal_code: '10117', line1: 'Unter den Linden 1' },
      shippingRateId: 'express',
    };
    // The wallet's card is tokenised by "Stripe": answer api.stripe.com here.
    const realFetch = window.fetch;
    window.fetch = async (input, init) =>
      String(input).startsWith('https://api.stripe.com/') ? Response.json({ id: 'pm_wallet_1', object: 'payment_method' }) : realFetch(input, init);
    cleanup.push(() => (window.fetch = realFetch));
    const { element, api } = await mount({ applePay: false, googlePay: true, link: false });
    const complete = new Promise<CustomEvent & { orderId: string }>((resolve) => element.addEventListener('omni-complete', resolve as never, { once: true }));
    await page.getByRole('button', { name: 'Pay with Google Pay' }).click();
    const done = await complete;
    expect(done.orderId).toBe('ord_express');
    expect(window.__omniFakeStripe!.clicks.at(-1)).toEqual({ wallet: 'googlePay', synchronous: true });
    // Rate change in the sheet → the backend's price → Stripe's amount.
    expect(api.calls).toContain('POST /shipping-option {"shippingOptionId":"express"}');
    expect(window.__omniFakeStripe!.updates).toContainEqual(expect.objectContaining({ elements: true, amount: 6190, currency: 'eur' }));
    const confirm = api.calls.find((c) => c.startsWith('POST /confirm'));
    expect(confirm).toBe('POST /confirm {"paymentMethod":"pm_wallet_1","provider":"stripe"}');
    expect(api.calls.filter((c) => c.startsWith('POST /confirm'))).toHaveLength(1);
    expect(api.session.shippingAddress).toMatchObject({ name: 'Wallet Shopper', line1: 'Unter den Linden 1', city: 'Berlin', country: 'DE' });
  });

  it('inside <omni-checkout>: its context (one session read, one backend client), and its machine guards a double payment', async () => {
    window.__omniFakeWallets = { applePay: false, googlePay: true, link: false };
    const api = backend();
    const checkout = document.createElement('omni-checkout') as OmniCheckout;
    checkout.setAttribute('publishable-key', 'pk_test_omni');
    checkout.setAttribute('api-base', 'https://pay.example');
    const express = document.createElement('omni-express') as OmniExpress;
    express.slot = 'express';
    checkout.append(express);
    const ready = new Promise((resolve) => express.addEventListener('omni-ready', resolve, { once: true }));
    checkout.fetch = api.fetch as typeof fetch;
    checkout.clientSecret = 'cs_express_secret_abc';
    document.body.append(checkout);
    cleanup.push(() => checkout.remove());
    await ready;
    await expect.element(page.getByRole('button', { name: 'Pay with Google Pay' })).toBeVisible();
    // The express element has no configuration of its own: it uses the checkout's session as read once.
    expect(express.clientSecret).toBe('');
    expect(api.calls.filter((c) => c === 'GET ')).toHaveLength(1);

    // The checkout's own payment is in flight: a wallet payment is refused by the same machine.
    checkout.machine.send({ type: 'FORM_CHANGED', complete: true });
    checkout.machine.send({ type: 'PAY', idempotencyKey: 'k_checkout' });
    window.__omniFakeWalletSheet = { email: 'wallet@example.com', address: { country: 'DE', city: 'Berlin', postal_code: '10117', line1: 'Unter den Linden 1' } };
    const realFetch = window.fetch;
    window.fetch = async (input, init) =>
      String(input).startsWith('https://api.stripe.com/') ? Response.json({ id: 'pm_wallet_1', object: 'payment_method' }) : realFetch(input, init);
    cleanup.push(() => (window.fetch = realFetch));
    await page.getByRole('button', { name: 'Pay with Google Pay' }).click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.calls.filter((c) => c.startsWith('POST /confirm'))).toEqual([]);
    expect(checkout.machine.state).toMatchObject({ status: 'paying', attemptKey: 'k_checkout' });
  });
});
