/**
 * PayPal inside <omni-checkout>, in Chromium: the buttons beside the card fields, the form checked
 * before the PayPal window opens, an approval confirmed like the pay button, and the element two
 * shadow roots deep. The backend is the mock's memory backend with PayPal's steps (prepare, confirm
 * with provider paypal) answered by the real server half against the REST fake (vitest commands).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands, page, userEvent } from 'vitest/browser';
import '@omni-checkout/elements/checkout/define';
import '@omni-checkout/elements/express/define';
import type { OmniCheckout, OmniExpress } from '@omni-checkout/elements';
import { registerProvider } from '@omni-checkout/core/provider';
import type { CheckoutSession, PrepareRequest } from '@omni-checkout/core/types';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import type { PayPalCommands } from '../testing/vitest-commands.js';

const pp = commands as unknown as PayPalCommands;
let clientId = '';

registerProvider('mock', () => import('@omni-checkout/mock/client'));
registerProvider('paypal', () => import('./index.js'));

beforeAll(async () => {
  ({ clientId } = await pp.paypalSetup());
});

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
  // Each test starts at the top of the page, as a shopper arriving does (the wallets above the summary
  // load only once they are about to be visible).
  window.scrollTo(0, 0);
});

/** The memory backend, with PayPal offered beside the mock's cards and PayPal's steps played by its server half. */
function backendWithPayPal() {
  const backend = createMemoryBackend();
  const calls: string[] = [];
  const withPayPal = (session: CheckoutSession): CheckoutSession => ({
    ...session,
    providers: [...session.providers.filter((p) => p.id !== 'paypal'), { id: 'paypal', config: { clientId, environment: 'sandbox', intent: 'capture' }, methods: ['paypal', 'paylater'] }],
    // The ways to pay the checkout lists, as the backend answers them: PayPal's beside the cards.
    paymentMethods: [
      ...(session.paymentMethods ?? []).filter((m) => m.provider !== 'paypal' && m.type !== 'paypal' && m.type !== 'paylater'),
      { type: 'paypal', provider: 'paypal', available: true },
      { type: 'paylater', provider: 'paypal', available: true },
    ],
  });
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    if (url.pathname.endsWith('/prepare')) {
      calls.push('prepare');
      const session = withPayPal(backend.session());
      const { reference } = await pp.paypalPrepare(session, body as PrepareRequest);
      return json(200, { reference, provider: 'paypal', session });
    }
    if (url.pathname.endsWith('/confirm') && body['provider'] === 'paypal') {
      calls.push('confirm paypal');
      const session = withPayPal(backend.session());
      const result = await pp.paypalCapture(session, String(body['paymentMethod']));
      if (result.status !== 'succeeded') {
        const code = result.status === 'failed' ? result.code : 'provider_error';
        return json(402, { error: { code, message: 'PayPal declined.', ...(result.status === 'failed' && result.declineCode ? { declineCode: result.declineCode } : {}) } });
      }
      return json(200, { status: 'succeeded', session: { ...session, status: 'complete', orderId: `ord_${result.reference}` }, order: null });
    }
    const response = await backend.fetch(input, init);
    const answer = (await response.clone().json().catch(() => null)) as { object?: string; session?: CheckoutSession } | null;
    if (answer?.object === 'checkout_session') return json(response.status, withPayPal(answer as CheckoutSession));
    if (answer?.session) return json(response.status, { ...answer, session: withPayPal(answer.session) });
    return response;
  };
  return { backend, fetch, calls };
}

async function mount(host: HTMLElement | ShadowRoot = document.body) {
  const { backend, fetch, calls } = backendWithPayPal();
  const checkout = document.createElement('omni-checkout') as OmniCheckout;
  checkout.fetch = fetch;
  checkout.publishableKey = backend.publishableKey;
  checkout.apiBase = backend.apiBase;
  checkout.nonce = 'component-nonce';
  const completed: string[] = [];
  checkout.addEventListener('omni-complete', (event) => completed.push(event.orderId));
  host.append(checkout);
  checkout.clientSecret = backend.clientSecret;
  cleanup.push(() => checkout.remove());
  // PayPal loads once its buttons are about to be visible: scroll to the payment section and choose
  // PayPal among the ways to pay, as a shopper does (its buttons replace the card fields).
  await expect.element(page.getByLabelText('Card number')).toBeVisible();
  page.getByRole('group', { name: 'Payment' }).element().scrollIntoView();
  await choosePayPal();
  return { checkout, backend, calls, completed };
}

async function choosePayPal() {
  await userEvent.click(page.getByRole('radiogroup', { name: 'Payment method' }).getByRole('radio', { name: 'PayPal', exact: true }));
  await expect.element(page.getByRole('button', { name: 'PayPal', exact: true })).toBeVisible();
}

async function fillDetails() {
  await userEvent.fill(page.getByLabelText('Email', { exact: true }), 'ada@example.com');
  await userEvent.fill(page.getByLabelText('Full name'), 'Ada Lovelace');
  await userEvent.fill(page.getByLabelText(/^(street )?address( line 1)?$/i), 'Unter den Linden 1');
  await userEvent.fill(page.getByLabelText('City'), 'Berlin');
  await userEvent.fill(page.getByLabelText('Postal code'), '10117');
  await userEvent.click(page.getByRole('radio', { name: /Standard/ }));
}

describe('PayPal in <omni-checkout>', () => {
  it('shows PayPal and Pay Later in place of the card fields and our pay button once PayPal is chosen, and keeps the window closed until the form is complete', async () => {
    const { calls } = await mount();
    await expect.element(page.getByRole('button', { name: 'Pay Later' })).toBeVisible();
    await expect.element(page.getByLabelText('Card number')).not.toBeVisible();
    // Our pay button is gone: PayPal's own buttons pay.
    await expect.poll(() => page.getByRole('button', { name: /^Pay €/ }).query()).toBeNull();
    await userEvent.click(page.getByRole('button', { name: 'PayPal', exact: true }));
    await expect.element(page.getByLabelText('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(document.querySelector('dialog[data-paypal-double]')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('pays with PayPal: details saved, order prepared, approval confirmed with provider paypal, omni-complete', async () => {
    const { calls, completed, backend } = await mount();
    await fillDetails();
    await userEvent.click(page.getByRole('button', { name: 'PayPal', exact: true }));
    await expect.element(page.getByRole('dialog', { name: 'PayPal window' })).toBeVisible();
    expect(backend.session().contact).toEqual({ email: 'ada@example.com' });
    await userEvent.click(page.getByRole('button', { name: /^Pay now/ }));
    await expect.poll(() => completed).toHaveLength(1);
    expect(completed[0]).toMatch(/^ord_[A-Z0-9]{17}$/);
    expect(calls).toEqual(['prepare', 'confirm paypal']);
    const loads = window.__paypalDoubleLoads ?? [];
    expect(loads.at(-1)?.nonce).toBe('component-nonce');
  });

  it('a cancelled PayPal window says nothing was charged', async () => {
    await mount();
    await fillDetails();
    await userEvent.click(page.getByRole('button', { name: 'PayPal', exact: true }));
    await userEvent.click(page.getByRole('button', { name: 'Cancel and return to the store' }));
    await expect.element(page.getByRole('status').filter({ hasText: 'You closed the payment window, so nothing was charged.' })).toBeVisible();
  });

  it('works two shadow roots deep: the buttons live in the document’s light DOM, slotted up into the checkout', async () => {
    const outer = document.createElement('div');
    document.body.append(outer);
    cleanup.push(() => outer.remove());
    const inner = document.createElement('div');
    outer.attachShadow({ mode: 'open' }).append(inner);
    const { checkout } = await mount(inner.attachShadow({ mode: 'open' }));
    const button = [...document.querySelectorAll<HTMLButtonElement>('button[data-funding-source="paypal"]')].at(-1)!;
    // In the document itself, not in a shadow root…
    expect(button.getRootNode()).toBe(document);
    // …and shown inside the checkout, through the slots.
    const box = button.getBoundingClientRect();
    const host = checkout.getBoundingClientRect();
    expect(box.width).toBeGreaterThan(0);
    expect(box.top).toBeGreaterThanOrEqual(host.top);
    expect(box.bottom).toBeLessThanOrEqual(host.bottom);
    await userEvent.click(page.getByRole('button', { name: 'PayPal', exact: true }));
    await expect.element(page.getByLabelText('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  });
});

/** A checkout (not yet in the page) with `<omni-express>` in its express slot. */
function withExpress(providers?: string) {
  const { backend, fetch, calls } = backendWithPayPal();
  const checkout = document.createElement('omni-checkout') as OmniCheckout;
  checkout.fetch = fetch;
  checkout.publishableKey = backend.publishableKey;
  checkout.apiBase = backend.apiBase;
  const express = document.createElement('omni-express') as OmniExpress;
  express.slot = 'express';
  if (providers) express.setAttribute('providers', providers);
  checkout.append(express);
  return { backend, calls, checkout, express };
}

describe('PayPal in <omni-express> inside <omni-checkout>', () => {
  it('shows PayPal and Pay Later as express wallets (Venmo: unsupported currency); one approval pays, and the checkout shows its success state with one omni-complete', async () => {
    // PayPal's buttons in the express area rather than among the payment methods.
    const { backend, calls, checkout, express } = withExpress('paypal');
    const unavailable: [string, string, string][] = [];
    express.addEventListener('omni-wallet-unavailable', (e) => unavailable.push([e.wallet, e.reason, e.provider]));
    const expressReady = new Promise((resolve) => express.addEventListener('omni-ready', resolve, { once: true }));
    const completed: { orderId: string; target: EventTarget | null }[] = [];
    const onComplete = (e: GlobalEventHandlersEventMap['omni-complete']) => completed.push({ orderId: e.orderId, target: e.target });
    document.addEventListener('omni-complete', onComplete);
    cleanup.push(() => document.removeEventListener('omni-complete', onComplete));
    document.body.append(checkout);
    checkout.clientSecret = backend.clientSecret;
    cleanup.push(() => checkout.remove());
    await expressReady;

    expect(express.getAvailability().map((a) => [a.wallet, a.available])).toEqual([
      ['paypal', true],
      ['paylater', true],
      ['venmo', false],
    ]);
    expect(unavailable).toEqual([['venmo', 'unsupported_currency', 'paypal']]);
    expect(express.hidden).toBe(false);
    // Shown once: not also as a payment method of the checkout.
    expect(checkout.querySelectorAll('button[data-funding-source="paypal"]')).toHaveLength(1);
    expect(checkout.querySelector('.omni-wallet')).toBeNull();
    const button = express.querySelector<HTMLButtonElement>('button[data-funding-source="paypal"]')!;
    // Rendered in the document's light DOM, inside <omni-express>.
    expect(button.getRootNode()).toBe(document);
    await expect.element(page.getByRole('group', { name: 'Express checkout' })).toBeVisible();

    // Express: no form to fill first; the shopper picks the address and shipping in PayPal.
    await userEvent.click(button);
    await expect.element(page.getByRole('dialog', { name: 'PayPal window' })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: /^Pay now/ }));
    await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    await expect.poll(() => completed.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(completed).toHaveLength(1);
    expect(completed[0]!.target).toBe(checkout);
    expect(completed[0]!.orderId).toMatch(/^ord_[A-Z0-9]{17}$/);
    expect(calls[0]).toBe('prepare');
    expect(calls.filter((c) => c === 'confirm paypal')).toHaveLength(1);
    // The payer's email and PayPal's address reached the backend before the confirm.
    expect(backend.session().contact).toEqual({ email: 'buyer@example.com' });
    expect(backend.session().shippingAddress).toMatchObject({ name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', country: 'DE' });
  });

  it('by default leaves PayPal to the checkout’s payment methods: its buttons never show twice', async () => {
    const { backend, checkout, express } = withExpress();
    const expressReady = new Promise((resolve) => express.addEventListener('omni-ready', resolve, { once: true }));
    document.body.append(checkout);
    checkout.clientSecret = backend.clientSecret;
    cleanup.push(() => checkout.remove());
    await expressReady;
    expect(express.getAvailability()).toEqual([]);
    expect(express.hidden).toBe(true);
    // The form shows in steps after the express wallets answer: scroll once it is there, as a shopper does.
    await expect.element(page.getByLabelText('Card number')).toBeVisible();
    page.getByRole('group', { name: 'Payment' }).element().scrollIntoView();
    await choosePayPal();
    expect(document.querySelectorAll('button[data-funding-source="paypal"]')).toHaveLength(1);
    expect(express.querySelector('button')).toBeNull();
  });
});
