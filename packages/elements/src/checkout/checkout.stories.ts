import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { registerProvider } from '@omni-checkout/core/provider';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import './define.js';
import type { OmniCheckout } from './checkout.js';
import { STORY_MARKETS, speaks } from '../internal/story-locales.js';
import { languageOf, loadTranslation, type Locale } from '../i18n/index.js';
import { loadOrderUpdatesTranslation } from '../i18n/order-updates/index.js';

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

/**
 * The element, its light DOM (the form and the card fields, which browsers autofill), its shadow
 * root (the chrome) and the words it shows: its own catalog, in the story's `lang` or the toolbar's
 * language, so a play checks the same thing for a designer browsing in Arabic and in the a11y pass's
 * right-to-left run as in English.
 */
async function parts(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const checkout = canvasElement.querySelector<OmniCheckout>('omni-checkout')!;
  await waitFor(() => expect(field(canvasElement, 'email')).not.toBeNull(), { timeout: 10_000 });
  await waitFor(() => expect(field(canvasElement, 'cc-number')).not.toBeNull(), { timeout: 10_000 });
  const shadow = within(checkout.shadowRoot as unknown as HTMLElement);
  const t = await loadTranslation(languageOf(checkout));
  return { canvas, shadow, checkout, t };
}

/**
 * A field of the form or the card fields by its autocomplete token, in any language: the address
 * fields' names depend on the country as well (`t.address`), the card fields' on the provider.
 */
const field = (canvasElement: HTMLElement, token: string) => canvasElement.querySelector<HTMLInputElement | HTMLSelectElement>(`[autocomplete="${token}"]`);

/**
 * A catalog message with a part the element fills in (an amount, an example number) as a pattern:
 * `part` where the message puts it, the words around it as the catalog writes them.
 */
function wording(message: (value: string) => string, part = '.+'): RegExp {
  const hole = '\u{E000}';
  const [before = '', after = ''] = message(hole).split(hole).map((words) => words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${before}${part}${after}$`);
}

/** Waits (up to 10 s, in any language) until the "Order updates" choice is in the form; its words in the element's language. */
async function orderUpdates(canvasElement: HTMLElement) {
  await waitFor(() => expect(canvasElement.querySelector('input[name="notifyBy"]')).not.toBeNull(), { timeout: 10_000 });
  const u = await loadOrderUpdatesTranslation(languageOf(canvasElement.querySelector('omni-checkout')!));
  return { canvas: within(canvasElement), u };
}

async function fillGuest(canvasElement: HTMLElement): Promise<void> {
  const { checkout } = await parts(canvasElement);
  const entries: [string, string][] = [
    ['email', 'ada@example.com'],
    ['shipping name', 'Ada Lovelace'],
    ['shipping address-line1', 'Unter den Linden 1'],
    ['shipping address-level2', 'Berlin'],
    ['shipping postal-code', '10117'],
  ];
  for (const [token, value] of entries) {
    const input = field(canvasElement, token)!;
    await userEvent.clear(input);
    await userEvent.type(input, value);
  }
  await userEvent.selectOptions(field(canvasElement, 'shipping country')!, 'DE');
  // The shipping options are `<omni-shipping>`'s, a shadow root inside the checkout's.
  const shipping = checkout.shadowRoot!.querySelector('omni-shipping')!;
  const [firstOption] = within(shipping.shadowRoot as unknown as HTMLElement).getAllByRole('radio');
  await userEvent.click(firstOption!);
}

async function payWith(canvasElement: HTMLElement, card: string): Promise<void> {
  const { shadow, t } = await parts(canvasElement);
  await userEvent.type(field(canvasElement, 'cc-number')!, card);
  await userEvent.type(field(canvasElement, 'cc-exp')!, '1234');
  await userEvent.type(field(canvasElement, 'cc-csc')!, '123');
  await userEvent.click(shadow.getByRole('button', { name: wording(t.pay) }));
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
    const { canvas, t } = await parts(canvasElement);
    await expect(canvas.getByLabelText(t.email, { exact: true })).toHaveValue('ada@example.com');
    await expect(canvas.getByLabelText(t.country)).toHaveValue('DE');
  },
};

/** The backend never answers the confirm: the pay button stays locked while paying. */
export const Paying: Story = {
  args: { backend: { ...FILLED, hangConfirm: true } },
  play: async ({ canvasElement }) => {
    await fillGuest(canvasElement);
    await payWith(canvasElement, CARDS.success);
    const { shadow, checkout, t } = await parts(canvasElement);
    await waitFor(() => expect(shadow.getByRole('button', { name: wording(t.paying) })).toHaveAttribute('aria-disabled', 'true'));
    await expect(checkout.matches(':state(paying)')).toBe(true);
  },
};

/** The bank asks for 3-D Secure: the challenge dialog opens. */
export const ThreeDSecureChallenge: Story = {
  play: async ({ canvasElement }) => {
    await fillGuest(canvasElement);
    await payWith(canvasElement, CARDS.threeDSecure);
    const dialog = await within(canvasElement).findByRole('dialog', {}, { timeout: 10_000 });
    // The mock bank's dialog has its own words (the mock provider's, not the element's): its Approve
    // button is the last, after Cancel, and has the focus as the dialog opens.
    const approve = within(dialog).getAllByRole('button').at(-1);
    await expect(approve).toHaveFocus();
    await expect(approve).toBeVisible();
  },
};

/** The card is declined: the message explains it and the form stays editable. */
export const Declined: Story = {
  play: async ({ canvasElement }) => {
    await fillGuest(canvasElement);
    await payWith(canvasElement, CARDS.decline);
    const { shadow, t } = await parts(canvasElement);
    // In the catalog's words for the backend's code; English has none and shows the backend's own.
    const declined = t.errors.backend?.card_declined ?? 'Your card was declined. Try another card.';
    await waitFor(() => expect(shadow.getByRole('alert')).toHaveTextContent(declined), { timeout: 10_000 });
    await expect(shadow.getByRole('button', { name: wording(t.pay) })).toHaveAttribute('aria-disabled', 'false');
  },
};

/** Paid: the success message shows the order number. */
export const Succeeded: Story = {
  play: async ({ canvasElement }) => {
    // Before paying: the form and the card fields leave once paid.
    const { shadow, t } = await parts(canvasElement);
    await fillGuest(canvasElement);
    await payWith(canvasElement, CARDS.success);
    await expect(await shadow.findByRole('heading', { name: t.succeeded }, { timeout: 10_000 })).toBeVisible();
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
    const { canvas, u } = await orderUpdates(canvasElement);
    await expect(canvas.getByRole('radio', { name: u.email })).toBeChecked();
  },
};

/** The shopper chose SMS and gave a mobile number (from the session's contact). */
export const OrderUpdatesBySms: Story = {
  args: { backend: { ...FILLED, contact: { email: 'ada@example.com', phone: '+4915123456789', notifyBy: 'sms' }, smsUpdates: true } },
  play: async ({ canvasElement }) => {
    const { canvas, u } = await orderUpdates(canvasElement);
    await expect(await canvas.findByLabelText(u.phone)).toHaveValue('+4915123456789');
    await expect(canvas.getByRole('radio', { name: u.sms })).toBeChecked();
  },
};

/** SMS chosen with a number that is not a mobile number: the field says so, with an example of the country. */
export const OrderUpdatesInvalidNumber: Story = {
  args: { backend: { ...FILLED, smsUpdates: true } },
  play: async ({ canvasElement }) => {
    const { canvas, u } = await orderUpdates(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: u.both }));
    const phone = await canvas.findByLabelText(u.phone);
    // Only a mobile prefix: too short for any German number. (libphonenumber's metadata takes
    // 12345 as a German number: their lengths vary.)
    await userEvent.type(phone, '0151');
    await userEvent.tab();
    await waitFor(() => expect(phone).toHaveAttribute('aria-invalid', 'true'));
    await expect(canvas.getByText(wording(u.invalid, '\\+49 .+'))).toBeVisible();
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
