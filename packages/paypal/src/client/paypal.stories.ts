/**
 * PayPal's buttons (PayPal, Pay Later; Venmo for US shoppers) with the SDK double, in
 * `<omni-express>` and as a payment method in `<omni-checkout>`. Storybook has no network: the
 * adapter's `<script src="https://www.sandbox.paypal.com/sdk/js?…">` runs the double in the page
 * instead (`installPayPalDouble`), from the same URL, so currency and buyer country decide as they
 * would with PayPal. The PayPal window's approval needs the REST fake, so stories stop at the buttons.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import '@omni-checkout/elements/checkout/define';
import '@omni-checkout/elements/express/define';
import type { OmniExpress } from '@omni-checkout/elements';
import { registerProvider } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { installPayPalDouble } from '../testing/sdk-double.js';
import { PAYPAL_SDK_URL } from '../testing/sdk-url.js';

registerProvider('mock', () => import('@omni-checkout/mock/client'));
registerProvider('paypal', () => import('./index.js'));

// The adapter appends PayPal's SDK script to <head>: run the double for it, then let the script
// "load" from an empty data: URL (its load event resolves the adapter's loader).
const append = document.head.append.bind(document.head);
document.head.append = (...nodes: (Node | string)[]) => {
  for (const node of nodes) {
    if (node instanceof HTMLScriptElement && PAYPAL_SDK_URL.test(node.src)) {
      installPayPalDouble({ src: node.src, nonce: node.nonce });
      node.src = 'data:text/javascript,';
    }
  }
  append(...nodes);
};

const PAYPAL = { id: 'paypal' as const, config: { clientId: 'sb-story-client', environment: 'sandbox', intent: 'capture' } };

interface Args {
  readonly market: 'DE' | 'US';
  readonly where: 'express' | 'checkout';
}

/** The memory backend's session, with PayPal offered beside the mock's cards (and Venmo in the US). */
function backendWithPayPal(market: Args['market']) {
  const backend = createMemoryBackend();
  const us = market === 'US';
  const methods = us ? (['paypal', 'paylater', 'venmo'] as const) : (['paypal', 'paylater'] as const);
  // PayPal carries its methods as the backend lists them: a provider, and each way to pay it takes
  // (`<omni-checkout>` offers only listed methods, in its method list).
  const withPayPal = (session: CheckoutSession): CheckoutSession => ({
    ...session,
    ...(us ? { currency: 'USD', country: 'US' } : {}),
    providers: [...session.providers.filter((p) => p.id !== 'paypal'), { ...PAYPAL, methods: [...methods] }],
    paymentMethods: [...session.paymentMethods.filter((m) => m.provider !== 'paypal'), ...methods.map((type) => ({ type, provider: 'paypal' as const, available: true }))],
  });
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await backend.fetch(input, init);
    const answer = (await response.clone().json().catch(() => null)) as { object?: string; session?: CheckoutSession } | null;
    if (answer?.object === 'checkout_session') return Response.json(withPayPal(answer as CheckoutSession), { status: response.status });
    if (answer?.session) return Response.json({ ...answer, session: withPayPal(answer.session) }, { status: response.status });
    return response;
  };
  return { backend, fetch };
}

const meta: Meta<Args> = {
  title: 'PayPal/Buttons',
  args: { market: 'DE', where: 'express' },
  render: ({ market, where }) => {
    const { backend, fetch } = backendWithPayPal(market);
    return where === 'express'
      ? html`<omni-express
          providers="paypal"
          publishable-key=${backend.publishableKey}
          api-base=${backend.apiBase}
          .fetch=${fetch}
          .clientSecret=${backend.clientSecret}
        ></omni-express>`
      : html`<omni-checkout publishable-key=${backend.publishableKey} api-base=${backend.apiBase} .fetch=${fetch} .clientSecret=${backend.clientSecret}></omni-checkout>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** In `<omni-express>`: PayPal and Pay Later; Venmo is reported unavailable (euros, Germany). */
export const InExpress: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('button', { name: 'PayPal' })).toBeVisible(), { timeout: 10_000 });
    await expect(canvas.getByRole('button', { name: 'Pay Later' })).toBeVisible();
    const express = canvasElement.querySelector<OmniExpress>('omni-express')!;
    await waitFor(() => expect(express.getAvailability().find((a) => a.wallet === 'venmo')).toEqual({ wallet: 'venmo', available: false, reason: 'unsupported_currency', provider: 'paypal' }));
  },
};

/** In `<omni-express>` for a US shopper: Venmo too. */
export const InExpressUS: Story = {
  args: { market: 'US' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Venmo' })).toBeVisible(), { timeout: 10_000 });
  },
};

/** As a payment method in `<omni-checkout>`: chosen in the method list, its buttons, with Pay Later messaging, take the card fields' place. */
export const InCheckout: Story = {
  args: { where: 'checkout' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The method list is in the checkout's shadow root; PayPal keeps its name in every language.
    const checkout = canvasElement.querySelector('omni-checkout')!;
    await waitFor(() => expect(checkout.shadowRoot!.querySelector('omni-payment-methods')).not.toBeNull(), { timeout: 10_000 });
    const list = checkout.shadowRoot!.querySelector('omni-payment-methods')!;
    await userEvent.click(within(list.shadowRoot as unknown as HTMLElement).getByRole('radio', { name: 'PayPal' }));
    // PayPal loads once its buttons are about to be visible, as for a shopper scrolling down.
    await waitFor(() => expect(canvasElement.querySelector('.omni-wallet:not([hidden])')).not.toBeNull(), { timeout: 10_000 });
    canvasElement.querySelector('.omni-wallet')!.scrollIntoView();
    await waitFor(() => expect(canvas.getByRole('button', { name: 'PayPal' })).toBeVisible(), { timeout: 10_000 });
    await waitFor(() => expect(canvas.getByText(/^Pay in 4 interest-free payments of/)).toBeVisible());
  },
};
