import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend, type MemoryBackendOptions } from '@omni-checkout/mock/backend';
import { languageOf } from '../i18n/index.js';
import { loadTenderTranslation } from '../i18n/tenders/index.js';
import '../checkout/define.js';

registerProvider('mock', () => import('@omni-checkout/mock/client'));

/** Fixed codes, so every story shows the same card (the in-memory backend knows them). */
const PARTIAL = 'GFT1-2345-6789-ABCD-EF01';
const FULL = 'GFT9-8765-4321-ZYXW-VT23';
const EMPTY = 'GFT0-0000-1111-2222-3333';

const BACKEND: MemoryBackendOptions = {
  lineItems: [
    { id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2 },
    { id: 'dripper', name: 'Dripper', unitAmount: 1200, quantity: 1 },
  ],
  shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  paymentMethods: { enable: ['gift_card'] },
  giftCards: [
    { code: PARTIAL, balance: 1500, currency: 'EUR' },
    { code: FULL, balance: 10_000, currency: 'EUR' },
    { code: EMPTY, balance: 0, currency: 'EUR' },
  ],
};

interface Args {
  /** What the story types into the code field (nothing: the field stays closed). */
  readonly code: string | null;
  readonly lang?: string;
  readonly dir?: 'ltr' | 'rtl';
}

/**
 * Gift cards in `<omni-checkout>` (issue 18): the part loads lazily where the session offers gift
 * cards. Each story types a code and applies it against the in-memory backend.
 */
const meta: Meta<Args> = {
  title: 'Checkout/Gift cards',
  component: 'omni-checkout',
  args: { code: null },
  render: ({ lang, dir }) => {
    const backend = createMemoryBackend(BACKEND);
    return html`<omni-checkout
      publishable-key=${backend.publishableKey}
      api-base=${backend.apiBase}
      lang=${ifDefined(lang)}
      dir=${ifDefined(dir)}
      .fetch=${backend.fetch}
      .clientSecret=${backend.clientSecret}
    ></omni-checkout>`;
  },
  play: async ({ canvasElement, args }) => {
    const checkout = canvasElement.querySelector('omni-checkout')!;
    const t = await loadTenderTranslation(languageOf(checkout));
    const shadow = within(checkout);
    const add = await shadow.findByRole('button', { name: t.add }, { timeout: 10_000 });
    await userEvent.click(add);
    if (args.code === null) return;
    if (args.code) await userEvent.type(await shadow.findByLabelText(t.codeLabel), args.code);
    await userEvent.click(shadow.getByRole('button', { name: t.apply }));
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The code field, open: no autofill, no spell check, a hint with the code's shape. */
export const CodeEntry: Story = {
  play: async (context) => {
    await meta.play!(context);
    const checkout = context.canvasElement.querySelector('omni-checkout')!;
    const t = await loadTenderTranslation(languageOf(checkout));
    const input = await within(checkout).findByLabelText(t.codeLabel);
    await expect(input).toHaveAttribute('autocomplete', 'off');
  },
};

/** A card worth less than the order (insufficient alone): it takes its balance, the card pays the rest (split tender). */
export const AppliedSplit: Story = {
  args: { code: PARTIAL },
  play: async (context) => {
    await meta.play!(context);
    const checkout = context.canvasElement.querySelector('omni-checkout')!;
    const t = await loadTenderTranslation(languageOf(checkout));
    await waitFor(() => expect(checkout.querySelector('.tender-summary')?.textContent).toContain(t.toPay));
  },
};

/** A card that pays the whole order: the button places the order, no card fields. */
export const CoversEverything: Story = {
  args: { code: FULL },
  play: async (context) => {
    await meta.play!(context);
    const checkout = context.canvasElement.querySelector('omni-checkout')!;
    const t = await loadTenderTranslation(languageOf(checkout));
    await waitFor(() => expect(checkout.querySelector('.tenders')?.textContent).toContain(t.remove));
    await waitFor(() => expect(checkout.querySelector<HTMLElement>('.omni-payment')?.hidden).toBe(true));
  },
};

/** A wrong code: a clear message, the field marked invalid, nothing told about whether the code exists. */
export const WrongCode: Story = {
  args: { code: 'ABCD-EFGH-JKMN-PQRS-TVWX' },
  play: async (context) => {
    await meta.play!(context);
    const checkout = context.canvasElement.querySelector('omni-checkout')!;
    const t = await loadTenderTranslation(languageOf(checkout));
    await within(checkout).findByText(t.errors.notFound);
  },
};

/** A card with nothing left on it. */
export const EmptyCard: Story = {
  args: { code: EMPTY },
  play: async (context) => {
    await meta.play!(context);
    const checkout = context.canvasElement.querySelector('omni-checkout')!;
    const t = await loadTenderTranslation(languageOf(checkout));
    await within(checkout).findByText(t.errors.noBalance);
  },
};

/** Right to left, in Arabic, with a card applied. */
export const AppliedArabic: Story = {
  args: { code: PARTIAL, lang: 'ar', dir: 'rtl' },
  play: AppliedSplit.play!,
};
