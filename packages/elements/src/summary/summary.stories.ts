import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, within } from 'storybook/test';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import './define.js';

interface Args {
  readonly lang?: string;
  readonly currency: string;
}

/** `<omni-summary>` on its own, against the in-memory backend (no network). */
const meta: Meta<Args> = {
  title: 'Checkout/omni-summary',
  component: 'omni-summary',
  render: ({ lang, currency }) => {
    const backend = createMemoryBackend({
      currency,
      lineItems: [
        { id: 'beans', name: 'Coffee beans (250 g)', unitAmount: 1250, quantity: 2 },
        { id: 'dripper', name: 'Dripper', unitAmount: 1200, quantity: 1 },
      ],
      shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
    });
    return html`<omni-summary
      lang=${ifDefined(lang)}
      publishable-key=${backend.publishableKey}
      api-base=${backend.apiBase}
      .fetch=${backend.fetch}
      .clientSecret=${backend.clientSecret}
    ></omni-summary>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const English: Story = {
  args: { lang: 'en', currency: 'EUR' },
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('omni-summary')!;
    const shadow = within(element.shadowRoot as unknown as HTMLElement);
    await expect(await shadow.findByRole('heading', { name: 'Order summary' })).toBeVisible();
    await expect(await shadow.findByText('€42.00')).toBeVisible();
  },
};

/** Right to left, with a Latin product name isolated in the Arabic line. */
export const Arabic: Story = {
  args: { lang: 'ar', currency: 'SAR' },
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('omni-summary')!;
    const shadow = within(element.shadowRoot as unknown as HTMLElement);
    await expect(await shadow.findByRole('heading', { name: 'ملخص الطلب' })).toBeVisible();
  },
};
