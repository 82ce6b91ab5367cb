import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import type { OmniShippingChangeEvent } from '../events/shipping-change.js';
import './define.js';
import '../summary/define.js';
import type { OmniShipping } from './shipping.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

const OPTIONS = [
  { id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } },
  { id: 'express', label: 'Express delivery', amount: 1200, deliveryEstimate: { minDays: 1, maxDays: 1 } },
  { id: 'pickup', label: 'Pick up in store', amount: 0, deliveryEstimate: { minDays: 0, maxDays: 0 } },
];

async function mount(read: (response: Response) => Promise<Response> = async (response) => response) {
  const backend = createMemoryBackend({ lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 }], shippingOptions: OPTIONS });
  const requests: string[] = [];
  const element = document.createElement('omni-shipping') as OmniShipping;
  element.setAttribute('publishable-key', backend.publishableKey);
  element.setAttribute('api-base', backend.apiBase);
  element.fetch = async (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname.replace(/^.*\/checkout-sessions\/[^/]+/, '')}`);
    return read(await backend.fetch(input, init));
  };
  element.clientSecret = backend.clientSecret;
  const changes: string[] = [];
  element.addEventListener('omni-shipping-change', (e: OmniShippingChangeEvent) => changes.push(e.value));
  document.body.append(element);
  cleanup.push(() => element.remove());
  return { element, requests, changes, backend };
}

describe('<omni-shipping>', () => {
  it('on its own: one radio group with name, price (or Free) and the delivery estimate', async () => {
    const { element } = await mount();
    const group = page.getByRole('group', { name: 'Shipping method' });
    await expect.element(group).toBeVisible();
    await expect.element(page.getByRole('radio', { name: /Standard delivery.*€5\.00.*2–4 business days/ })).toBeVisible();
    await expect.element(page.getByRole('radio', { name: /Express delivery.*€12\.00.*1 business day/ })).toBeVisible();
    await expect.element(page.getByRole('radio', { name: /Pick up in store.*Free/ })).toBeVisible();
    const result = await axe.run(element, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('saves the choice on the session, fires omni-shipping-change, and the backend reprices', async () => {
    const { element, requests, changes, backend } = await mount();
    await userEvent.click(page.getByRole('radio', { name: /Express delivery/ }));
    await expect.element(page.getByRole('radio', { name: /Express delivery/ })).toBeChecked();
    expect(changes).toEqual(['express']);
    await expect.poll(() => requests).toContain('POST /shipping-option');
    await expect.poll(() => backend.session().totals.shipping).toBe(1200);
    expect(element.value).toBe('express');
  });

  it('a session without a choice: says one is needed and moves focus to the options', async () => {
    // The session read as one where nothing is chosen yet.
    const { element } = await mount(async (response) => Response.json({ ...(await response.json()), selectedShippingOptionId: null }));
    await expect.element(page.getByRole('group', { name: 'Shipping method' })).toBeVisible();
    expect(element.value).toBe(null);
    expect(element.checkValidity()).toBe(false);
    expect(element.reportValidity()).toBe(false);
    await expect.element(page.getByText('Choose a shipping method.')).toBeVisible();
    expect(element.shadowRoot!.activeElement).toBe(element.shadowRoot!.querySelector('input[value="standard"]'));
    await expect.element(page.getByRole('group', { name: 'Shipping method' })).toHaveAccessibleDescription('Choose a shipping method.');
  });
});
