/**
 * Gift cards in `<omni-checkout>` (issue 18), against the in-memory backend: the part shows only
 * where the session offers gift cards, the code field takes no autofill, a wrong code reads clearly,
 * an applied card shows in the summary with what is left to pay, the card pays only the rest, and a
 * card that covers everything places the order without card fields. Axe in LTR and RTL.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { formatGiftCardCode } from '@omni-checkout/core';
import { registerProvider } from '@omni-checkout/core/provider';
import '../checkout/define.js';
import type { OmniCheckout } from '../checkout/checkout.js';
import { createMemoryBackend, type MemoryBackendOptions } from '@omni-checkout/mock/backend';

/** Subtotal €37.00; standard delivery €5.00: €42.00. */
const CART: MemoryBackendOptions = {
  lineItems: [
    { id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 },
    { id: 'dripper', name: 'Dripper', unitAmount: 1200, quantity: 1 },
  ],
  shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
};
const OFFERED: MemoryBackendOptions['paymentMethods'] = { enable: ['gift_card'] };
const newCode = () => formatGiftCardCode(crypto.getRandomValues(new Uint8Array(20)));

beforeAll(() => {
  registerProvider('mock', () => import('@omni-checkout/mock/client'));
});

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

async function mount(options: MemoryBackendOptions = {}, attributes: Record<string, string> = {}) {
  const backend = createMemoryBackend({ ...CART, ...options });
  const confirms: string[] = [];
  const element = document.createElement('omni-checkout') as OmniCheckout;
  element.setAttribute('publishable-key', backend.publishableKey);
  element.setAttribute('api-base', backend.apiBase);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/confirm')) confirms.push(String(init?.body));
    return backend.fetch(input, init);
  };
  element.clientSecret = backend.clientSecret;
  const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
  document.body.appendChild(element);
  cleanup.push(() => element.remove());
  await ready;
  return { element, backend, confirms };
}

const field = (label: string | RegExp) => page.getByLabelText(label, { exact: typeof label === 'string' });

async function fillGuest(): Promise<void> {
  await userEvent.fill(field('Email'), 'ada@example.com');
  await userEvent.fill(field('Full name'), 'Ada Lovelace');
  await userEvent.fill(field('Address line 1'), 'Unter den Linden 1');
  await userEvent.fill(field('City'), 'Berlin');
  await userEvent.fill(field('Postal code'), '10117');
}

async function applyCode(code: string): Promise<void> {
  await userEvent.click(page.getByRole('button', { name: 'Add a gift card' }));
  await userEvent.fill(field('Gift card code'), code);
  await userEvent.click(page.getByRole('button', { name: 'Apply', exact: true }));
}

describe('<omni-checkout> gift cards', () => {
  it('offers no gift card where the session does not (the part is not even loaded)', async () => {
    await mount({ giftCards: [{ code: newCode(), balance: 1000, currency: 'EUR' }] });
    await expect.element(page.getByRole('button', { name: /^Pay €42\.00$/ })).toBeVisible();
    expect(page.getByRole('button', { name: 'Add a gift card' }).query()).toBeNull();
  });

  it('a wrong code reads clearly; an applied card shows in the summary and the card pays only the rest', async () => {
    const code = newCode();
    const { element, backend } = await mount({ paymentMethods: OFFERED, giftCards: [{ code, balance: 1000, currency: 'EUR' }] });
    await userEvent.click(page.getByRole('button', { name: 'Add a gift card' }));
    const input = field('Gift card code').element() as HTMLInputElement;
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.getAttribute('spellcheck')).toBe('false');
    await userEvent.click(page.getByRole('button', { name: 'Apply', exact: true }));
    await expect.element(page.getByText('Enter the code of your gift card.')).toBeVisible();
    await userEvent.fill(field('Gift card code'), 'ABCD-EFGH-JKMN-PQRS-TVWX');
    await userEvent.click(page.getByRole('button', { name: 'Apply', exact: true }));
    await expect.element(page.getByText('We could not find a gift card with this code. Check the code and try again.')).toBeVisible();
    expect(field('Gift card code').element().getAttribute('aria-invalid')).toBe('true');

    await userEvent.fill(field('Gift card code'), code.toLowerCase());
    await userEvent.click(page.getByRole('button', { name: 'Apply', exact: true }));
    await expect.poll(() => element.querySelector('.tender-summary')?.textContent).toContain(`Gift card •••• ${code.slice(-4)}`);
    expect(element.querySelector('.tender-summary')!.textContent).toContain('To pay');
    await expect.element(page.getByRole('button', { name: /^Pay €32\.00$/ })).toBeVisible();
    await expect.element(page.getByRole('status')).toHaveTextContent('Gift card •••• ' + code.slice(-4) + ' applied: €10.00.');

    await fillGuest();
    await userEvent.fill(field('Card number'), '4242424242424242');
    await userEvent.fill(field(/^Expiry/), '12 / 34');
    await userEvent.fill(field(/^Security code/), '123');
    await userEvent.click(page.getByRole('button', { name: /^Pay €32\.00$/ }));
    await expect.poll(() => backend.order()?.amount).toBe(4200);
    expect(backend.session().tenders).toEqual([expect.objectContaining({ kind: 'gift_card', amount: 1000 })]);
  });

  it('a card that covers everything places the order without card fields', async () => {
    const code = newCode();
    const { backend, confirms } = await mount({ paymentMethods: OFFERED, giftCards: [{ code, balance: 10_000, currency: 'EUR' }] });
    await applyCode(code);
    const place = page.getByRole('button', { name: 'Place order (€42.00)' });
    await expect.element(place).toBeVisible();
    await expect.element(page.getByRole('status')).toHaveTextContent('Your gift card or store credit pays the whole order.');
    await expect.element(field('Card number')).not.toBeVisible();
    await fillGuest();
    await userEvent.click(place);
    await expect.poll(() => backend.order()?.status).toBe('paid');
    expect(JSON.parse(confirms[0]!)).toEqual({ paymentMethod: 'gift_card', provider: 'mock' });
  });

  it('a removed card gives the whole total back to the card', async () => {
    const code = newCode();
    await mount({ paymentMethods: OFFERED, giftCards: [{ code, balance: 500, currency: 'EUR' }] });
    await applyCode(code);
    await expect.element(page.getByRole('button', { name: /^Pay €37\.00$/ })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: `Remove Gift card •••• ${code.slice(-4)}` }));
    await expect.element(page.getByRole('button', { name: /^Pay €42\.00$/ })).toBeVisible();
  });

  for (const dir of ['ltr', 'rtl'] as const) {
    it(`has no axe violations with a card applied and an error shown (${dir})`, async () => {
      const code = newCode();
      const { element } = await mount({ paymentMethods: OFFERED, giftCards: [{ code, balance: 1000, currency: 'EUR' }] }, dir === 'rtl' ? { dir: 'rtl', lang: 'ar' } : {});
      const add = dir === 'rtl' ? 'إضافة بطاقة هدية' : 'Add a gift card';
      await userEvent.click(page.getByRole('button', { name: add }));
      await userEvent.fill(field(dir === 'rtl' ? 'رمز بطاقة الهدية' : 'Gift card code'), code);
      await userEvent.click(page.getByRole('button', { name: dir === 'rtl' ? 'تطبيق' : 'Apply', exact: true }));
      await expect.poll(() => element.querySelector('.tender-summary')).not.toBeNull();
      await userEvent.click(page.getByRole('button', { name: add }));
      await userEvent.click(page.getByRole('button', { name: dir === 'rtl' ? 'تطبيق' : 'Apply', exact: true }));
      await expect.poll(() => element.querySelector('.field-error')).not.toBeNull();
      const result = await axe.run(element, { resultTypes: ['violations'] });
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});
