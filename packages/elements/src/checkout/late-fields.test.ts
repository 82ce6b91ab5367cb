/**
 * A provider's payment fields tell the checkout their state by events, and those can trail the
 * shopper: Stripe's fields live in an iframe and post their `change` across frames, so a tab chosen
 * (or a last digit typed) just before pressing pay may not have been told yet. The click must not
 * be lost to that: the provider itself decides whether its fields are complete.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { registerProvider, type ClientProvider, type PaymentFieldsChange } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import './define.js';
import { field, fillCard, fillGuest } from './shopper.test-support.js';

/** How long the fields' change events trail what the shopper did. */
const LATE_MS = 800;

beforeAll(() => {
  // The mock provider's fields, with their change events held back as an iframe's can be.
  registerProvider('mock', async () => {
    const mock = (await import('@omni-checkout/mock/client')).default as ClientProvider;
    return {
      ...mock,
      async mountPaymentFields(container, context) {
        const fields = await mock.mountPaymentFields(container, context);
        return {
          ...fields,
          onChange: (listener: (change: PaymentFieldsChange) => void) => fields.onChange((change) => void setTimeout(() => listener(change), LATE_MS)),
        };
      },
    };
  });
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

async function mount() {
  const backend = createMemoryBackend({
    lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 }],
    shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  });
  const element = document.createElement('omni-checkout');
  element.setAttribute('publishable-key', backend.publishableKey);
  element.setAttribute('api-base', backend.apiBase);
  const paths: string[] = [];
  element.fetch = (input, init) => {
    paths.push(new URL(String(input)).pathname.replace(/^.*\/checkout-sessions\/[^/]+/, ''));
    return backend.fetch(input, init);
  };
  element.clientSecret = backend.clientSecret;
  document.body.append(element);
  cleanup.push(() => element.remove());
  await new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
  return { element, backend, confirms: () => paths.filter((p) => p === '/confirm').length };
}

it('pay pressed before the fields said they are complete: the provider decides, and it pays once', async () => {
  const { backend, confirms } = await mount();
  await fillGuest();
  await fillCard('4242424242424242');
  // At once: the fields' "complete" is still on its way.
  await userEvent.click(page.getByRole('button', { name: /^Pay\b/ }));
  await expect.element(page.getByRole('heading', { name: 'Payment successful' })).toBeVisible();
  expect(confirms()).toBe(1);
  expect(backend.session().status).toBe('complete');
});

it('pay pressed with a card the provider finds incomplete: its message, focus on its fields, nothing confirmed', async () => {
  const { element, backend, confirms } = await mount();
  await fillGuest();
  await userEvent.fill(field('Card number'), '4242424242424242');
  await userEvent.click(page.getByRole('button', { name: /^Pay\b/ }));
  await expect.element(element.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!).not.toBeEmptyDOMElement();
  await expect.element(field(/^Expiry/)).toHaveFocus();
  expect(confirms()).toBe(0);
  expect(backend.session().status).toBe('open');
});
