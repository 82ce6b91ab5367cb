/**
 * The pages of a payment link on the backend's origin (docs/omnichannel.md), exactly as the backend
 * renders them (page.ts), in the toolbar's language (Arabic right to left): the hosted pay page of
 * an active link with `<omni-checkout>` (the in-memory backend stands in for the API), the same
 * page once paid, and the pages of a link that is paid, expired, disabled or unknown, or of a
 * backend without the built page.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { expect, waitFor, within } from 'storybook/test';
import '@omni-checkout/elements/checkout/define';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { LINK_LANGUAGES, PAGE_STYLE, PAGE_TEXT, activeLinkMain, closedLinkMain, formatAmount, type LinkLanguage } from './page.js';

registerProvider('mock', () => import('@omni-checkout/mock/client'));

type State = 'active' | 'paid-here' | 'paid' | 'expired' | 'disabled' | 'missing' | 'unavailable';

interface Args {
  readonly state: State;
  readonly merchantName: string;
}

const LINE = { id: 'invoice', name: 'Invoice 2026-117', unitAmount: 4200, quantity: 1 };

const languageOf = (locale: unknown): LinkLanguage => {
  const lang = String(locale ?? 'en').split('-')[0]!;
  return (LINK_LANGUAGES as readonly string[]).includes(lang) ? (lang as LinkLanguage) : 'en';
};

const meta: Meta<Args> = {
  title: 'Payment links/Link page',
  args: { state: 'active', merchantName: 'Omni Roasters' },
  argTypes: { state: { control: 'select', options: ['active', 'paid-here', 'paid', 'expired', 'disabled', 'missing', 'unavailable'] } },
  render: ({ state, merchantName }, { globals }) => {
    const lang = languageOf(globals.locale);
    const style = html`<style>
      ${PAGE_STYLE}
    </style>`;
    if (state !== 'active' && state !== 'paid-here') return html`${style}${unsafeHTML(closedLinkMain(lang, state, merchantName))}`;
    const backend = createMemoryBackend({ lineItems: [LINE], shippingOptions: [], locale: lang, merchantName });
    const page = html`${style}${unsafeHTML(
      activeLinkMain({ lang, merchantName, currency: 'EUR', amount: LINE.unitAmount, token: 'story-token', publishableKey: backend.publishableKey, apiBase: backend.apiBase }),
    )}`;
    // What link-page/main.js does once the token is exchanged (the in-memory backend needs none).
    queueMicrotask(() => {
      const root = document.getElementById('omni-link');
      if (!root) return;
      root.removeAttribute('data-token');
      if (state === 'paid-here') {
        root.remove();
        document.getElementById('omni-link-order')!.textContent = 'ORD-8WZ22-DQKMA';
        document.getElementById('omni-link-paid')!.hidden = false;
        return;
      }
      const checkout = Object.assign(document.createElement('omni-checkout'), { clientSecret: backend.clientSecret, fetch: backend.fetch });
      checkout.setAttribute('publishable-key', backend.publishableKey);
      checkout.setAttribute('api-base', backend.apiBase);
      checkout.setAttribute('lang', lang);
      checkout.addEventListener('omni-ready', () => document.getElementById('omni-link-status')?.remove(), { once: true });
      root.append(checkout);
    });
    return page;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** An active link: the merchant, the amount due, and the checkout in the shopper's language. */
export const Active: Story = {
  play: async ({ canvasElement, globals }) => {
    const lang = languageOf(globals.locale);
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { level: 1 })).toHaveTextContent(PAGE_TEXT[lang].payTo.replace('{merchant}', 'Omni Roasters'));
    // The amount exactly as Intl writes it: in Arabic a no-break space parts it from the currency, which
    // Testing Library's default normalizer turns into a space in the page's text but not in ours.
    await expect(canvas.getByText(formatAmount(lang, 'EUR', 4200), { selector: 'strong', normalizer: (text) => text })).toBeVisible();
    await waitFor(() => expect(canvasElement.querySelector('#omni-link-status')).toBeNull(), { timeout: 10_000 });
    await expect(canvasElement.querySelector('omni-checkout')).not.toBeNull();
  },
};

/** The same page once paid there: the thanks (focused) and the order number. */
export const PaidHere: Story = {
  args: { state: 'paid-here' },
  play: async ({ canvasElement, globals }) => {
    const lang = languageOf(globals.locale);
    await waitFor(() => expect(within(canvasElement).getByRole('heading', { level: 2 })).toHaveTextContent(PAGE_TEXT[lang].thanks));
    await expect(within(canvasElement).getByText('ORD-8WZ22-DQKMA')).toBeVisible();
  },
};

/** A single-use link already paid (410). */
export const Paid: Story = { args: { state: 'paid' } };

/** A link past its expiry (410). */
export const Expired: Story = { args: { state: 'expired' } };

/** A link the merchant disabled (410). */
export const Disabled: Story = { args: { state: 'disabled' } };

/** No link at this address (404). */
export const Missing: Story = { args: { state: 'missing' } };

/** A backend without the built page (503); links to the merchant's own checkout page still work. */
export const Unavailable: Story = { args: { state: 'unavailable' } };
