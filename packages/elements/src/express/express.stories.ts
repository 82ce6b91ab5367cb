import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, waitFor, within } from 'storybook/test';
import { registerProvider } from '@omni-checkout/core/provider';
import type { CheckoutSession } from '@omni-checkout/core/types';
import { FakeStripe } from '@omni-checkout/stripe/fake/stripe-js';
import './define.js';
import { speaks } from '../internal/story-locales.js';
import { languageOf, loadTranslation, type Locale } from '../i18n/index.js';

// Stripe's client half with the Stripe.js double (no network): the wallets it reports come from the story.
(window as unknown as { Stripe: unknown }).Stripe = FakeStripe;
registerProvider('stripe', () => import('@omni-checkout/stripe/client'));

const session: CheckoutSession = {
  id: 'cs_story',
  object: 'checkout_session',
  status: 'open',
  livemode: false,
  merchant: { name: 'Omni Demo Coffee' },
  currency: 'EUR',
  country: 'DE',
  locale: null,
  channel: 'web',
  lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 1250, quantity: 2, amount: 2500 }],
  shippingOptions: [],
  selectedShippingOptionId: null,
  contact: null,
  shippingAddress: null,
  totals: { subtotal: 2500, shipping: 0, total: 2500 },
  provider: { id: 'stripe', config: { publishableKey: 'pk_test_story' } },
  providers: [{ id: 'stripe', config: { publishableKey: 'pk_test_story' }, methods: ['card', 'apple_pay', 'google_pay', 'link'] }],
  paymentMethods: [
    { type: 'card', provider: 'stripe', available: true },
    { type: 'apple_pay', provider: 'stripe', available: true },
    { type: 'google_pay', provider: 'stripe', available: true },
    { type: 'link', provider: 'stripe', available: true },
  ],
  nextAction: null,
  lastPaymentError: null,
  orderId: null,
  expiresAt: '2100-01-01T00:00:00.000Z',
};

const fetchSession = (async () => Response.json(session)) as typeof fetch;

interface Args {
  readonly wallets: { applePay: boolean; googlePay: boolean; link: boolean };
  readonly lang?: string;
}

const meta: Meta<Args> = {
  title: 'Express/omni-express',
  component: 'omni-express',
  render: ({ wallets, lang }) => {
    window.__omniFakeWallets = wallets;
    return html`<omni-express lang=${ifDefined(lang)} publishable-key="pk_test_omni" api-base="https://pay.example" .fetch=${fetchSession} .clientSecret=${'cs_story_secret_x'}></omni-express>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Google Pay and Link show; Apple Pay is reported unavailable (not Safari). */
export const Wallets: Story = {
  args: { wallets: { applePay: false, googlePay: true, link: true } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The buttons are the Stripe.js double's (light DOM, its words in every language); the group
    // around them is the element's (shadow DOM), named from its catalog in the toolbar's language.
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Pay with Google Pay' })).toBeVisible(), { timeout: 10_000 });
    const element = canvasElement.querySelector('omni-express')!;
    const t = await loadTranslation(languageOf(element));
    await expect(within(element.shadowRoot as unknown as HTMLElement).getByRole('group', { name: t.expressCheckout })).toBeVisible();
    // Each wallet's answer comes on its own: Apple Pay's may follow the buttons that show.
    await waitFor(() => expect(element.getAvailability().find((a) => a.wallet === 'apple_pay')).toEqual({ wallet: 'apple_pay', available: false, reason: 'unsupported_browser', provider: 'stripe' }));
  },
};

/** No wallet can show: the element hides itself. */
export const NoWallet: Story = {
  args: { wallets: { applePay: false, googlePay: false, link: false } },
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('omni-express')!;
    await waitFor(() => expect(element.getAvailability()).toHaveLength(3), { timeout: 10_000 });
    await expect(element.hidden).toBe(true);
  },
};

/** The wallets in each language (generated from the catalog list): the group's name, Stripe's locale. */
function inLocale(lang: Locale): Story {
  return {
    args: { lang, wallets: { applePay: false, googlePay: true, link: true } },
    play: async ({ canvasElement }) => speaks(canvasElement.querySelector('omni-express')!, lang, (t) => t.expressCheckout),
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
