/**
 * Design / Theming: every `--omni-*` token of @omni-checkout/elements as a live control, applied at
 * once to <omni-checkout> (the in-memory backend and the mock provider's card fields behind it) and
 * to PayPal's button style (packages/paypal/src/client/style.ts), shown beside it.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { tokens, type TokenName } from '@omni-checkout/elements';
import '@omni-checkout/elements/checkout/define';
import { buttonStyleFor } from '@omni-checkout/paypal/client/style';

registerProvider('mock', () => import('@omni-checkout/mock/client'));

type Args = Partial<Record<TokenName, string>>;

const isColor = (name: string) => name.startsWith('--omni-color-');

/** A control per token; colours as colour pickers. Empty means "the default". */
const argTypes = Object.fromEntries(
  Object.entries(tokens).map(([name, token]) => [
    name,
    {
      name,
      description: `${token.description} Default: \`${token.value}\`.`,
      control: isColor(name) ? { type: 'color' } : { type: 'text' },
      table: { category: 'Tokens', defaultValue: { summary: token.value } },
    },
  ]),
);

const FILLED = {
  contact: { email: 'ada@example.com' },
  shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
};

/** PayPal's button style for the theme around `host`, in words. */
function describePayPal(host: HTMLElement): string {
  const style = buttonStyleFor(host, 'paypal');
  return `shape ${style.shape}${style.borderRadius !== undefined ? ` (radius ${style.borderRadius}px)` : ''}, height ${style.height}px, colour ${style.color}`;
}

const meta: Meta<Args> = {
  title: 'Design/Theming',
  argTypes,
  args: {},
  parameters: { docs: { description: { component: 'Every `--omni-*` token as a live control. Set tokens on any ancestor of the checkout (`:root`, a wrapper, `omni-checkout` itself).' } } },
  render: (args) => {
    const backend = createMemoryBackend(FILLED);
    const theme = Object.fromEntries(Object.entries(args).filter(([name, value]) => name.startsWith('--omni-') && value));
    // The PayPal style is read once the element is in the page (the theme resolved in place).
    const update = (event: Event) => {
      const host = event.currentTarget as HTMLElement;
      const output = host.querySelector('output');
      if (output) output.value = describePayPal(host);
    };
    return html`<div class="theme" style=${styleMap(theme)} @omni-ready=${update}>
      <omni-checkout
        publishable-key=${backend.publishableKey}
        api-base=${backend.apiBase}
        .fetch=${backend.fetch}
        .clientSecret=${backend.clientSecret}
      ></omni-checkout>
      <p>PayPal's buttons with this theme: <output aria-live="polite"></output></p>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The defaults: no token set. */
export const Defaults: Story = {};

/** A warm, rounded brand: every control can be changed from here. */
export const Roastery: Story = {
  args: {
    '--omni-color-primary': '#6b3e26',
    '--omni-color-on-primary': '#ffffff',
    '--omni-radius': '22px',
    '--omni-font-family': 'Georgia, serif',
    '--omni-font-size': '1.0625rem',
  },
};
