import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import './define.js';
import type { OmniCheckout } from './checkout.js';
import { STORY_MARKETS, speaks } from '../internal/story-locales.js';
import type { Locale } from '../i18n/index.js';

registerProvider('mock', () => import('@omni-checkout/mock/client'));

type BackendOptions = NonNullable<Parameters<typeof createMemoryBackend>[0]>;

interface Args {
  readonly backend: BackendOptions;
  readonly lang?: string;
  readonly dir?: 'ltr' | 'rtl';
}

const CARDS = {
  success: '4242 4242 4242 4242',
  decline: '4000 0000 0000 0002',
  threeDSecure: '4000 0000 0000 3220',
};

const meta: Meta<Args> = {
  title: 'Checkout/omni-checkout',
  component: 'omni-checkout',
  args: { backend: {} },
  render: ({ backend: options, lang, dir }) => {
    // A fresh in-memory backend per render: stories never share a session.
    const backend = createMemoryBackend(options);
    return html`<omni-checkout
      publishable-key=${backend.publishableKey}
      api-base=${backend.apiBase}
      lang=${ifDefined(lang)}
      dir=${ifDefined(dir)}
      .fetch=${backend.fetch}
      .clientSecret=${backend.clientSecret}
    ></omni-checkout>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The element's shadow root, queried like the page: by role and label. */
async function parts(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const checkout = canvasElement.querySelector<OmniCheckout>('omni-checkout')!;
  // The form and the card fields are light DOM (browsers autofill them); the chrome is shadow DOM.
  // Found by their autocomplete tokens, in any language: the plays below are written in English, and
  // in the Storybook a11y pass's Arabic run they stop at their first English label at once, not after
  // a 10 s wait for a label that never comes.
  await waitFor(() => expect(canvasElement.querySelector('input[autocomplete~="email"]')).not.toBeNull(), { timeout: 10_000 });
  await waitFor(() => expect(canvasElement.querySelector('input[autocomplete="cc-number"]')).not.toBeNull(), { timeout: 10_000 });
  const shadow = within(checkout.shadowRoot as unknown as HTMLElement);
  return { canvas, shadow, checkout };
}

/** Waits (up to 10 s, in any language) until the "Order updates" choice is in the form. */
async function orderUpdates(canvasElement: HTMLElement) {
  await waitFor(() => expect(canvasElement.querySelector('input[name="notifyBy"]')).not.toBeNull(), { timeout: 10_000 });
  return within(canvasElement);
}

async function fillGuest(canvasElement: HTMLElement): Promise<void> {
  const { canvas, shadow } = await parts(canvasElement);
  const entries: [string, string][] = [
    ['Full name', 'Ada Lovelace'],
    ['Address line 1', 'Unter den Linden 1'],
    ['City', 'Berlin'],
    ['Postal code', '10117'],
  ];
  const email = canvas.getByLabelText('Email', { exact: true });
  await userEvent.clear(email);
  await userEvent.type(email, 'ada@example.com');
  for (const [label, value] of entries) {
    const input = canvas.getByLabelText(label);
    await userEvent.clear(input);
    await userEvent.type(input, value);
  }
  await userEvent.selectOptions(canvas.getByLabelText('Country'), 'DE');
  const [firstOption] = shadow.getAllByRole('radio');
  if (firstOption) await userEvent.click(firstOption);
}

async function payWith(canvasElement: HTMLElement, card: string): Promise<void> {
  const { canvas, shadow } = await parts(canvasElement);
  await userEvent.type(canvas.getByLabelText('Card number'), card);
  await userEvent.type(canvas.getByLabelText(/^Expiry/), '1234');
  await userEvent.type(canvas.getByLabelText(/^Security code/), '123');
  await userEvent.click(shadow.getByRole('button', { name: /^Pay\b/ }));
}

const FILLED: BackendOptions = {
  contact: { email: 'ada@example.com' },
  shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
};

/** A guest arrives: nothing is filled in yet. */
export const Empty: Story = {};

/** Contact and address already known to the session (e.g. from the merchant's account page). */
export const Filled: Story = {
  args: { backend: FILLED },
  play: async ({ canvasElement }) => {
    const { canvas } = await parts(canvasElement);
    await expect(canvas.getByLabelText('Email', { exact: true })).toHaveValue('ada@example.com');
    await expect(canvas.getByLabelText('Country')).toHaveValue('DE');
  },
};

/** The backend never answers the confirm: the pay button stays locked while paying. */
export const Paying: Story = {
  args: { backend: { ...FILLED, hangConfirm: true } },
  play: async ({ canvasElement }) => {
    await fillGuest(canvasElement);
    await payWith(canvasElement, CARDS.success);
    const { shadow, checkout } = await parts(canvasElement);
    await waitFor(() => expect(shadow.getByRole('button', { name: /^Paying\b/ })).toHaveAttribute('aria-disabled', 'true'));
    await expect(checkout.matches(':state(paying)')).toBe(true);
  },
};

/** The bank asks for 3-D Secure: the challenge dialog opens. */
export const ThreeDSecureChallenge: Story = {
  play: async ({ canvasElement }) => {
    await fillGuest(canvasElement);
    await payWith(canvasElement, CARDS.threeDSecure);
    const dialog = await within(canvasElement).findByRole('dialog', {}, { timeout: 10_000 });
    await expect(within(dialog).getByRole('button', { name: 'Approve' })).toBeVisible();
  },
};

/** The card is declined: the message explains it and the form stays editable. */
export const Declined: Story = {
  play: async ({ canvasElement }) => {
    await fillGuest(canvasElement);
    await payWith(canvasElement, CARDS.decline);
    const { shadow } = await parts(canvasElement);
    await waitFor(() => expect(shadow.getByRole('alert')).toHaveTextContent(/declined/i), { timeout: 10_000 });
    await expect(shadow.getByRole('button', { name: /^Pay\b/ })).toHaveAttribute('aria-disabled', 'false');
  },
};

/** Paid: the success message shows the order number. */
export const Succeeded: Story = {
  play: async ({ canvasElement }) => {
    await fillGuest(canvasElement);
    await payWith(canvasElement, CARDS.success);
    const checkout = canvasElement.querySelector<OmniCheckout>('omni-checkout')!;
    const shadow = within(checkout.shadowRoot as unknown as HTMLElement);
    await expect(await shadow.findByRole('heading', { name: 'Payment successful' }, { timeout: 10_000 })).toBeVisible();
  },
};

/** Arabic, right to left: layout mirrors through logical properties; money and countries via Intl. */
export const RightToLeft: Story = {
  args: { backend: FILLED, lang: 'ar', dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const checkout = canvasElement.querySelector<OmniCheckout>('omni-checkout')!;
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText('البريد الإلكتروني', {}, { timeout: 10_000 })).toHaveValue('ada@example.com');
    await expect(getComputedStyle(checkout).direction).toBe('rtl');
  },
};

/** The shop can send texts: "Order updates" offers email (the default), SMS or both. */
export const OrderUpdatesOffered: Story = {
  args: { backend: { ...FILLED, smsUpdates: true } },
  play: async ({ canvasElement }) => {
    const canvas = await orderUpdates(canvasElement);
    await expect(canvas.getByRole('radio', { name: 'By email' })).toBeChecked();
  },
};

/** The shopper chose SMS and gave a mobile number (from the session's contact). */
export const OrderUpdatesBySms: Story = {
  args: { backend: { ...FILLED, contact: { email: 'ada@example.com', phone: '+4915123456789', notifyBy: 'sms' }, smsUpdates: true } },
  play: async ({ canvasElement }) => {
    const canvas = await orderUpdates(canvasElement);
    await expect(await canvas.findByLabelText('Mobile number')).toHaveValue('+4915123456789');
    await expect(canvas.getByRole('radio', { name: 'By SMS' })).toBeChecked();
  },
};

/** SMS chosen with a number that is not a mobile number: the field says so, with an example of the country. */
export const OrderUpdatesInvalidNumber: Story = {
  args: { backend: { ...FILLED, smsUpdates: true } },
  play: async ({ canvasElement }) => {
    const canvas = await orderUpdates(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: 'By email and SMS' }));
    const phone = await canvas.findByLabelText('Mobile number');
    // Only a mobile prefix: too short for any German number. (libphonenumber's metadata takes
    // 12345 as a German number: their lengths vary.)
    await userEvent.type(phone, '0151');
    await userEvent.tab();
    await waitFor(() => expect(phone).toHaveAttribute('aria-invalid', 'true'));
    await expect(canvas.getByText(/^Enter a mobile number like \+49 /)).toBeVisible();
  },
};

/** "Order updates" in Arabic, right to left, with email and SMS chosen. */
export const OrderUpdatesRightToLeft: Story = {
  args: {
    backend: { ...FILLED, country: 'SA', currency: 'SAR', contact: { email: 'layla@example.com', phone: '+966501234567', notifyBy: 'email_sms' }, smsUpdates: true },
    lang: 'ar',
    dir: 'rtl',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('radio', { name: 'بالبريد الإلكتروني والرسائل النصية' }, { timeout: 10_000 })).toBeChecked();
    await expect(canvas.getByLabelText('رقم الجوال')).toHaveValue('+966501234567');
  },
};

/**
 * Each language in a market that speaks it (generated from the catalog list): the guest form
 * with the country's address fields, the market's payment methods and money in its currency.
 */
function inLocale(lang: Locale): Story {
  return {
    args: { lang, backend: { ...STORY_MARKETS[lang] } },
    play: async ({ canvasElement }) => speaks(canvasElement.querySelector('omni-checkout')!, lang, (t) => t.orderSummary),
  };
}

export const InEnglishUnitedStates = inLocale('en');
export const InPolishPoland = inLocale('pl');
export const InKoreanKorea = inLocale('ko');
export const InArabicSaudiArabia = inLocale('ar');
export const InGermanGermany = inLocale('de');
export const InFrenchFrance = inLocale('fr');
export const InSpanishSpain = inLocale('es');
export const InSwedishSweden = inLocale('sv');
export const InTurkishTurkey = inLocale('tr');
export const InJapaneseJapan = inLocale('ja');
