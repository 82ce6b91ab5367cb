import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { createBackendClient } from '@omni-checkout/core/client';
import { redeemHandoff } from '@omni-checkout/core/handoff-client';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withHandoff } from '@omni-checkout/mock/backend/handoff';
import { TEST_CARDS, tokenFor } from '@omni-checkout/mock/test-cards';
import '../checkout/define.js';
import './define.js';
import type { OmniCheckout } from '../checkout/checkout.js';
import type { OmniHandoff } from './handoff.js';
import type { OmniHandoffRedeemEvent } from '../events/handoff-redeem.js';

const CART = {
  lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 }],
  shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
};
const ADDRESS = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };

beforeAll(() => {
  registerProvider('mock', () => import('@omni-checkout/mock/client'));
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
  history.replaceState(null, '', location.pathname + location.search);
});

const violations = async (element: Element) => (await axe.run(element, { resultTypes: ['violations'] })).violations.map((v) => v.id);

/** `<omni-checkout>` with `<omni-handoff slot="handoff">`, on the in-memory backend with its handoff routes. */
async function mountCheckout(minutes = 10) {
  const memory = createMemoryBackend(CART);
  const handoff = withHandoff(memory, { minutes });
  const checkout = document.createElement('omni-checkout') as OmniCheckout;
  checkout.setAttribute('publishable-key', memory.publishableKey);
  checkout.setAttribute('api-base', memory.apiBase);
  checkout.fetch = handoff.fetch;
  checkout.clientSecret = memory.clientSecret;
  const element = document.createElement('omni-handoff') as OmniHandoff;
  element.slot = 'handoff';
  element.setAttribute('link-base', 'https://shop.example/pay');
  checkout.append(element);
  const completes: Event[] = [];
  const record = (event: Event) => completes.push(event);
  document.addEventListener('omni-complete', record);
  // A page's own listener on the checkout, added before it connects (as the demo shop does).
  const onCheckout: Event[] = [];
  checkout.addEventListener('omni-complete', (event) => onCheckout.push(event));
  const ready = new Promise((resolve) => checkout.addEventListener('omni-ready', resolve, { once: true }));
  document.body.append(checkout);
  cleanup.push(() => {
    checkout.remove();
    document.removeEventListener('omni-complete', record);
  });
  await ready;
  const options = { apiBase: memory.apiBase, publishableKey: memory.publishableKey, fetch: handoff.fetch };
  return { memory, handoff, checkout, element, completes, onCheckout, options };
}

/** What a phone does: open the link, enter its own details, pay with the success card. */
async function phonePays(options: { apiBase: string; publishableKey: string; fetch: typeof fetch }, token: string) {
  const device = await redeemHandoff(options, token);
  const phone = createBackendClient({ ...options, clientSecret: device.clientSecret });
  return {
    device,
    async pay() {
      await phone.setContact({ email: 'phone@example.com' });
      await phone.setShippingAddress(ADDRESS);
      return phone.confirm(tokenFor('success', TEST_CARDS.success.slice(-4)), `phone-${device.deviceId}`);
    },
  };
}

describe('<omni-handoff> on the first screen', () => {
  it('shows a QR code and the link on request, follows the phone live, and the checkout completes once', async () => {
    const { handoff, checkout, element, completes, onCheckout, options } = await mountCheckout();
    const toggle = page.getByRole('button', { name: 'Pay on your phone' });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    // Nothing minted before the shopper asks.
    expect(handoff.tokens).toEqual([]);
    await userEvent.click(toggle);
    await expect.element(page.getByRole('img', { name: 'QR code of the link below' })).toBeVisible();
    expect(handoff.tokens).toHaveLength(1);
    const token = handoff.tokens[0]!;
    await expect.element(page.getByLabelText('Link for your phone')).toHaveValue(`https://shop.example/pay#omni-handoff=${token}`);
    // The link carries the token, never the client secret.
    expect((element.shadowRoot!.querySelector('input') as HTMLInputElement).value).not.toContain('_secret_');
    await expect.element(page.getByText('The code works once, for 10 minutes.')).toBeVisible();
    await expect.element(page.getByRole('status').filter({ hasText: 'Waiting for your phone…' })).toBeVisible();
    expect(await violations(element)).toEqual([]);

    const phone = await phonePays(options, token);
    await expect.element(page.getByText('Opened on your phone. Finish paying there.')).toBeVisible();
    // The code is gone once the phone opened it.
    expect(element.shadowRoot!.querySelector('[part~="qr"]')).toBeNull();
    const paid = await phone.pay();
    expect(paid.status).toBe('succeeded');
    await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
    await expect.poll(() => completes.length).toBe(1);
    expect(completes[0]!.target).toBe(checkout);
    expect((completes[0] as Event & { orderId: string }).orderId).toBe(paid.order!.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(completes).toHaveLength(1);
    expect(onCheckout).toEqual(completes);
  });

  it('an expired code says so and a new one can be shown', async () => {
    const { handoff } = await mountCheckout(0.002); // 120 ms
    await userEvent.click(page.getByRole('button', { name: 'Pay on your phone' }));
    await expect.element(page.getByText('This code has expired.')).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Show a new code' }));
    await expect.element(page.getByRole('img', { name: 'QR code of the link below' })).toBeVisible();
    expect(handoff.tokens).toHaveLength(2);
  });

  it('speaks the shopper’s language, right to left in Arabic', async () => {
    const { checkout, element } = await mountCheckout();
    checkout.lang = 'ar';
    const toggle = page.getByRole('button', { name: 'الدفع من هاتفك' });
    await expect.element(toggle).toBeVisible();
    await userEvent.click(toggle);
    await expect.element(page.getByText('في انتظار هاتفك…')).toBeVisible();
    expect(getComputedStyle(element).direction).toBe('rtl');
    expect(await violations(element)).toEqual([]);
  });
});

describe('<omni-handoff redeem> on the phone', () => {
  async function mountPhone(hash: string, lang = 'en', fetch?: typeof globalThis.fetch, memory = createMemoryBackend(CART)) {
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    const element = document.createElement('omni-handoff') as OmniHandoff;
    element.redeem = true;
    element.lang = lang;
    element.setAttribute('publishable-key', memory.publishableKey);
    element.setAttribute('api-base', memory.apiBase);
    if (fetch) element.fetch = fetch;
    const redeemed: OmniHandoffRedeemEvent[] = [];
    element.addEventListener('omni-handoff-redeem', (event) => redeemed.push(event));
    document.body.append(element);
    cleanup.push(() => element.remove());
    return { element, redeemed };
  }

  async function minted(minutes = 10) {
    const memory = createMemoryBackend(CART);
    const handoff = withHandoff(memory, { minutes });
    const { token } = await (await import('@omni-checkout/core/handoff-client'))
      .createHandoffClient({ apiBase: memory.apiBase, publishableKey: memory.publishableKey, clientSecret: memory.clientSecret, fetch: handoff.fetch })
      .create();
    return { memory, handoff, token };
  }

  it('opens the link once: this device’s own credential, and the token leaves the address at once', async () => {
    const { memory, handoff, token } = await minted();
    const { redeemed } = await mountPhone(`#omni-handoff=${token}`, 'en', handoff.fetch, memory);
    expect(location.hash).toBe('');
    await expect.poll(() => redeemed.length).toBe(1);
    expect(redeemed[0]!.clientSecret).not.toBe(memory.clientSecret);
    expect(redeemed[0]!.sessionId).toBe(memory.session().id);
    // The same link again: a clear page, in the shopper's language.
    const again = await mountPhone(`#omni-handoff=${token}`, 'de', handoff.fetch, memory);
    await expect.element(page.getByRole('heading', { name: 'Dieser Link wurde bereits verwendet' })).toBeVisible();
    expect(again.redeemed).toEqual([]);
    expect(await violations(again.element)).toEqual([]);
  });

  it('an expired link and an unknown one each get their page', async () => {
    const { memory, handoff, token } = await minted(0.0001); // 6 ms
    await new Promise((resolve) => setTimeout(resolve, 20));
    await mountPhone(`#omni-handoff=${token}`, 'en', handoff.fetch, memory);
    await expect.element(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
    cleanup.splice(0).forEach((fn) => fn());
    await mountPhone('#omni-handoff=AAAAAAAAAAAAAAAAAAAAAA', 'en', handoff.fetch, memory);
    await expect.element(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
    cleanup.splice(0).forEach((fn) => fn());
    const { element } = await mountPhone('', 'ar', handoff.fetch, memory);
    await expect.element(page.getByRole('heading', { name: 'هذا الرابط غير صالح' })).toBeVisible();
    expect(getComputedStyle(element).direction).toBe('rtl');
    expect(await violations(element)).toEqual([]);
  });
});
