/**
 * The way to pay, as a shopper meets it: the method list decides what shows (PayPal chosen → its
 * button, no card fields, and nothing charges the card), a provider whose script cannot load says
 * so and gives way to the others, and the pay button looks locked when it is.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { registerProvider, type ClientProvider, type MountedPaymentFields } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity } from '@omni-checkout/mock/backend/identity';
import './define.js';

/**
 * A stand-in for PayPal's client half: its own button pays (or its script fails, when told to). Like
 * the real adapter (`@omni-checkout/paypal`'s `keepRendered`), it waits for the host's visibility gate
 * before it loads its SDK and draws the button.
 */
let walletFails = false;
const wallet: ClientProvider = {
  id: 'paypal',
  async mountPaymentFields(container, context): Promise<MountedPaymentFields> {
    if (walletFails) throw new Error('script blocked');
    await context.nearViewport?.(container);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'PayPal';
    container.append(button);
    return {
      ownButton: true,
      createPaymentMethod: async () => ({ error: { code: 'incomplete', message: '' } }),
      onChange: () => () => {},
      update: () => {},
      setDisabled: () => {},
      focus: () => button.focus(),
      destroy: () => button.remove(),
    } as MountedPaymentFields;
  },
  handleNextAction: async () => ({ status: 'completed' }),
};

let mockFails = false;
beforeAll(() => {
  registerProvider('mock', async () => {
    const mock = (await import('@omni-checkout/mock/client')).default as ClientProvider;
    return { ...mock, mountPaymentFields: (container, context) => (mockFails ? Promise.reject(new Error('blocked')) : mock.mountPaymentFields(container, context)) };
  });
  registerProvider('paypal', async () => wallet);
});

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
  walletFails = false;
  mockFails = false;
});

/** The memory backend's session, offered with PayPal beside the mock provider's card. */
function withPayPal(session: CheckoutSession): CheckoutSession {
  return {
    ...session,
    providers: [...session.providers, { id: 'paypal', config: {}, methods: ['paypal'] }],
    paymentMethods: [{ type: 'card', provider: 'mock', available: true }, { type: 'paypal', provider: 'paypal', available: true }],
  };
}

async function mount(confirmDelayMs = 0) {
  const backend = createMemoryBackend({
    lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 }],
    shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
    confirmDelayMs,
  });
  const paths: string[] = [];
  const element = document.createElement('omni-checkout');
  element.setAttribute('publishable-key', backend.publishableKey);
  element.setAttribute('api-base', backend.apiBase);
  element.fetch = async (input, init) => {
    paths.push(new URL(String(input)).pathname.replace(/^.*\/checkout-sessions\/[^/]+/, ''));
    const response = await backend.fetch(input, init);
    const body = (await response.json()) as Record<string, unknown>;
    const patched = body.object === 'checkout_session' ? withPayPal(body as unknown as CheckoutSession) : body;
    return Response.json(patched, { status: response.status });
  };
  element.clientSecret = backend.clientSecret;
  document.body.append(element);
  cleanup.push(() => element.remove());
  await new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
  return { element, paths };
}

const field = (label: string | RegExp) => page.getByLabelText(label, { exact: typeof label === 'string' });
const payButton = () => page.getByRole('button', { name: /^Pay\b/ });

describe('<omni-checkout>: the way to pay', () => {
  it('PayPal chosen: its button shows, the card fields and our pay button go, and Enter charges nothing', async () => {
    const { element, paths } = await mount();
    const methods = page.getByRole('radiogroup', { name: 'Payment method' });
    await expect.element(methods.getByRole('radio', { name: 'Card' })).toBeChecked();
    await expect.element(field('Card number')).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'PayPal', exact: true })).not.toBeInTheDocument();

    await userEvent.click(methods.getByRole('radio', { name: 'PayPal' }));
    await expect.element(page.getByRole('button', { name: 'PayPal', exact: true })).toBeVisible();
    await expect.element(field('Card number')).not.toBeVisible();
    await expect.element(payButton()).not.toBeInTheDocument();
    // Submitting the form (Enter in a field) must not charge the card PayPal replaced.
    await userEvent.fill(field('Email'), 'ada@example.com');
    element.querySelector('form')!.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(paths.filter((p) => p === '/confirm')).toEqual([]);

    await userEvent.click(methods.getByRole('radio', { name: 'Card' }));
    await expect.element(field('Card number')).toBeVisible();
    expect(element.querySelector<HTMLElement>('.omni-wallet')!.hidden).toBe(true);
    await expect.element(payButton()).toBeVisible();
  });

  it('PayPal chosen in the list loads at once, though the shopper scrolls away before its place was in view', async () => {
    // The checkout far down a long page.
    const spacer = document.createElement('div');
    spacer.style.height = '4000px';
    document.body.prepend(spacer);
    cleanup.push(() => spacer.remove());
    await mount();
    const radio = page.getByRole('radiogroup', { name: 'Payment method' }).getByRole('radio', { name: 'PayPal' });
    // Chosen, and straight back up to the top (to fill the email) in the same moment: the page never saw PayPal's place.
    (radio.element() as HTMLInputElement).click();
    window.scrollTo(0, 0);
    await expect.element(page.getByRole('button', { name: 'PayPal', exact: true })).toBeInTheDocument();
    expect(window.scrollY).toBe(0);
  });

  it('a wallet whose script cannot load says so, is marked, and the card stays the choice', async () => {
    walletFails = true;
    await mount();
    const methods = page.getByRole('radiogroup', { name: 'Payment method' });
    await userEvent.click(methods.getByRole('radio', { name: 'PayPal' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('PayPal: Could not be loaded. Choose another way to pay.');
    await expect.element(methods.getByRole('radio', { name: 'PayPal' })).toBeDisabled();
    await expect.element(methods.getByRole('radio', { name: 'PayPal' })).toHaveAccessibleDescription('Could not be loaded. Choose another way to pay.');
    await expect.element(methods.getByRole('radio', { name: 'Card' })).toBeChecked();
    await expect.element(field('Card number')).toBeVisible();
  });

  it('card fields that cannot load: the checkout stays, says so, and offers PayPal', async () => {
    mockFails = true;
    await mount();
    await expect.element(page.getByRole('alert')).toHaveTextContent('Card: Could not be loaded. Choose another way to pay.');
    await expect.element(page.getByRole('heading', { name: 'Order summary' })).toBeVisible();
    const methods = page.getByRole('radiogroup', { name: 'Payment method' });
    await expect.element(methods.getByRole('radio', { name: 'PayPal' })).toBeChecked();
    // PayPal's button loads once its place is about to be visible, as the shopper scrolls to it.
    document.querySelector('omni-checkout')!.querySelector('.omni-wallet')!.scrollIntoView();
    await expect.element(page.getByRole('button', { name: 'PayPal', exact: true })).toBeVisible();
  });

  it('the pay button looks locked while it is (paying), unlike when it can be pressed', async () => {
    const { element } = await mount(1500);
    await userEvent.fill(field('Email'), 'ada@example.com');
    await userEvent.fill(field('Full name'), 'Ada Lovelace');
    await userEvent.fill(field('Address line 1'), 'Unter den Linden 1');
    await userEvent.fill(field('City'), 'Berlin');
    await userEvent.fill(field('Postal code'), '10117');
    await userEvent.fill(field('Card number'), '4242424242424242');
    await userEvent.fill(field(/^Expiry/), '12 / 34');
    await userEvent.fill(field(/^Security code/), '123');
    const button = () => element.shadowRoot!.querySelector<HTMLElement>('[part~="pay-button"]')!;
    await expect.poll(() => button().getAttribute('aria-disabled')).toBe('false');
    const look = () => {
      const style = getComputedStyle(button());
      return { background: style.backgroundColor, color: style.color, boxShadow: style.boxShadow };
    };
    const enabled = look();
    await userEvent.click(payButton());
    await expect.poll(() => button().getAttribute('aria-disabled')).toBe('true');
    expect(look()).not.toEqual(enabled);
    expect(look().background).not.toBe(enabled.background);
  });

  it('the method list and the card details below it do not touch', async () => {
    const { element } = await mount();
    await expect.element(field('Card number')).toBeVisible();
    const list = element.shadowRoot!.querySelector('omni-payment-methods')!.getBoundingClientRect();
    const card = element.querySelector('.omni-payment')!.getBoundingClientRect();
    expect(card.top - list.bottom).toBeGreaterThanOrEqual(8);
  });

  it('a recognised shopper: saved and new methods are one choice (one radio checked, no second "Add a new card")', async () => {
    const memory = createMemoryBackend({
      lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 }],
      shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
    });
    const identity = withIdentity(memory);
    const element = document.createElement('omni-checkout');
    element.setAttribute('publishable-key', memory.publishableKey);
    element.setAttribute('api-base', memory.apiBase);
    element.setAttribute('identity', '');
    // Two ways to pay (the mock's card, PayPal), so the method list shows beside the saved methods.
    element.fetch = async (input, init) => {
      const response = await identity.fetch(input, init);
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json(body.object === 'checkout_session' ? withPayPal(body as unknown as CheckoutSession) : body, { status: response.status });
    };
    element.clientSecret = memory.clientSecret;
    const ready = new Promise((resolve) => element.addEventListener('omni-ready', resolve, { once: true }));
    document.body.append(element);
    cleanup.push(() => element.remove());
    await ready;
    await userEvent.type(page.getByLabelText('Email', { exact: true }), 'ada@example.com{Enter}');
    await userEvent.type(page.getByLabelText(/Verification code/), '123456');
    const visa = page.getByRole('radio', { name: /Visa ending in 4242/ });
    await expect.element(visa).toBeChecked();
    await expect.element(page.getByRole('radio', { name: 'Add a new card' })).not.toBeInTheDocument();
    const methods = page.getByRole('radiogroup', { name: 'Payment method' });
    const checked = () =>
      [...page.getByRole('radio').elements()].filter((r) => (r as HTMLInputElement).checked && (r as HTMLInputElement).name !== 'shipping' && (r as HTMLInputElement).name !== 'saved-address');
    expect(checked().map((r) => (r as HTMLInputElement).value)).toEqual(['spm_visa4242']);

    await userEvent.click(methods.getByRole('radio', { name: 'Card' }));
    await expect.element(methods.getByRole('radio', { name: 'Card' })).toBeChecked();
    await expect.element(visa).not.toBeChecked();
    await expect.element(field('Card number')).toBeVisible();
    expect(checked().map((r) => (r as HTMLInputElement).value)).toEqual(['card']);

    await userEvent.click(visa);
    await expect.element(methods.getByRole('radio', { name: 'Card' })).not.toBeChecked();
    expect(checked().map((r) => (r as HTMLInputElement).value)).toEqual(['spm_visa4242']);
  });
});
