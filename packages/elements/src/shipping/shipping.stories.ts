import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, within } from 'storybook/test';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import './define.js';

interface Args {
  readonly lang?: string;
  readonly currency: string;
}

/** `<omni-shipping>` on its own, against the in-memory backend (no network): a choice is saved and repriced. */
const meta: Meta<Args> = {
  title: 'Checkout/omni-shipping',
  component: 'omni-shipping',
  render: ({ lang, currency }) => {
    const backend = createMemoryBackend({
      currency,
      lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 }],
      shippingOptions: [
        { id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } },
        { id: 'express', label: 'Express delivery', amount: 1200, deliveryEstimate: { minDays: 1, maxDays: 1 } },
        { id: 'pickup', label: 'Pick up in store', amount: 0, deliveryEstimate: { minDays: 0, maxDays: 0 } },
      ],
    });
    return html`<omni-shipping
      lang=${ifDefined(lang)}
      publishable-key=${backend.publishableKey}
      api-base=${backend.apiBase}
      .fetch=${backend.fetch}
      .clientSecret=${backend.clientSecret}
    ></omni-shipping>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const English: Story = {
  args: { lang: 'en', currency: 'EUR' },
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('omni-shipping')!;
    const shadow = within(element.shadowRoot as unknown as HTMLElement);
    const express = await shadow.findByRole('radio', { name: /Express delivery/ });
    await userEvent.click(express);
    await expect(express).toBeChecked();
  },
};

export const Polish: Story = { args: { lang: 'pl', currency: 'PLN' } };
export const Arabic: Story = { args: { lang: 'ar', currency: 'SAR' } };
