/**
 * `<omni-checkout>` with cash on delivery offered (issue 18), against the in-memory backend double:
 * the row says its fee, choosing it hides the card fields, the summary and our pay button say the
 * total with the fee and the button confirms it with no payment fields; the order awaits payment on
 * delivery.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { registerProvider, type ClientProvider } from '@omni-checkout/core/provider';
import type { ConfirmResponse } from '@omni-checkout/core/types';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import './define.js';

beforeAll(() => {
  registerProvider('mock', async () => (await import('@omni-checkout/mock/client')).default as ClientProvider);
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

const field = (label: string | RegExp) => page.getByLabelText(label, { exact: typeof label === 'string' });

async function mount() {
  const backend = createMemoryBackend({
    lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 }],
    shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
    paymentMethods: { enable: ['cash_on_delivery'], cashOnDelivery: { maximum: { EUR: 100_000 }, fee: { EUR: 300 } } },
  });
  const confirms: ConfirmResponse[] = [];
  const element = document.createElement('omni-checkout');
  element.setAttribute('publishable-key', backend.publishableKey);
  element.setAttribute('api-base', backend.apiBase);
  element.fetch = async (input, init) => {
    const response = await backend.fetch(input, init);
    if (String(input).endsWith('/confirm')) confirms.push((await response.clone().json()) as ConfirmResponse);
    return response;
  };
  element.clientSecret = backend.clientSecret;
  document.body.append(element);
  cleanup.push(() => element.remove());
  await new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
  return { element, confirms };
}

describe('<omni-checkout>: cash on delivery', () => {
  it('shows its fee, pays with no card fields for the total with the fee, and the order awaits delivery', async () => {
    const { element, confirms } = await mount();
    const methods = page.getByRole('radiogroup', { name: 'Payment method' });
    const cod = methods.getByRole('radio', { name: 'Cash on delivery + €3.00' });
    await expect.element(cod).toBeVisible();
    // The card stays the default; its button says the session's total (2 × 12.50 + 5.00).
    await expect.element(page.getByRole('button', { name: 'Pay €30.00', exact: true })).toBeVisible();
    const summary = element.shadowRoot!.querySelector('omni-summary')!;
    const rows = () => [...summary.shadowRoot!.querySelectorAll('dl > div')].map((row) => `${row.querySelector('dt')!.textContent} ${row.querySelector('dd')!.textContent}`);
    expect(rows()).toEqual(['Subtotal €25.00', 'Shipping €5.00', 'Total €30.00']);
    await userEvent.click(cod);
    await expect.element(field('Card number')).not.toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Pay €33.00', exact: true })).toBeVisible();
    // The summary says the same as the button: the fee as a line of its own, and in the total.
    await expect.poll(rows).toEqual(['Subtotal €25.00', 'Shipping €5.00', 'Cash on delivery €3.00', 'Total €33.00']);
    // Back to the card: the fee goes again.
    await userEvent.click(methods.getByRole('radio', { name: 'Card' }));
    await expect.poll(rows).toEqual(['Subtotal €25.00', 'Shipping €5.00', 'Total €30.00']);
    await userEvent.click(cod);
    await expect.poll(rows).toEqual(['Subtotal €25.00', 'Shipping €5.00', 'Cash on delivery €3.00', 'Total €33.00']);

    await userEvent.fill(field('Email'), 'ada@example.com');
    await userEvent.fill(field('Full name'), 'Ada Lovelace');
    await userEvent.fill(field('Address line 1'), 'Unter den Linden 1');
    await userEvent.fill(field('City'), 'Berlin');
    await userEvent.fill(field('Postal code'), '10117');
    await userEvent.click(page.getByRole('button', { name: 'Pay €33.00', exact: true }));
    await expect.poll(() => confirms.length).toBe(1);
    expect(confirms[0]).toMatchObject({ status: 'succeeded', order: { status: 'authorized', provider: 'cash_on_delivery', amount: 3300 } });
  });
});
