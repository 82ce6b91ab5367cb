import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity, type IdentityDoubleOptions } from '@omni-checkout/mock/backend/identity';
import './define.js';
import { speaks } from '../internal/story-locales.js';
import { languageOf, loadTranslation, type Locale } from '../i18n/index.js';

interface Args {
  readonly double?: IdentityDoubleOptions;
  readonly lang?: string;
}

/** A fresh in-memory backend with the identity double per story render (the known shopper is ada@example.com, code 123456). */
function backend(options: IdentityDoubleOptions = {}) {
  const memory = createMemoryBackend();
  return { memory, identity: withIdentity(memory, options) };
}

/** The merchant the shopper is asked to share their saved details with. */
const MERCHANT = 'Omni Roasters';

const meta: Meta<Args> = {
  title: 'Identity/omni-identity',
  component: 'omni-identity',
  render: ({ double, lang }) => {
    const { memory, identity } = backend(double);
    return html`<omni-identity
      lang=${ifDefined(lang)}
      publishable-key=${memory.publishableKey}
      api-base=${memory.apiBase}
      merchant-name=${MERCHANT}
      .fetch=${identity.fetch}
      .clientSecret=${memory.clientSecret}
    ></omni-identity>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/**
 * The element, its light DOM (the email and code fields, which browsers fill) and its shadow root
 * (the buttons and messages), and the words it shows: its own catalog, in the story's `lang` or the
 * toolbar's language, so a play checks the same thing for a designer browsing in Arabic and in the
 * a11y pass's right-to-left run as in English.
 */
async function parts(canvasElement: HTMLElement) {
  const element = canvasElement.querySelector('omni-identity')!;
  const t = await loadTranslation(languageOf(element));
  return { element, t, canvas: within(canvasElement), shadow: within(element.shadowRoot as unknown as HTMLElement) };
}

/** The email step, with the passkey button. */
export const Email: Story = {
  play: async ({ canvasElement }) => {
    const { t, canvas } = await parts(canvasElement);
    await expect(await canvas.findByLabelText(t.email)).toHaveAttribute('autocomplete', 'email webauthn');
  },
};

/**
 * A valid email, the field left: "Saved your details with us? Send me a code", the same for every
 * shopper and nothing sent (no code field until the shopper asks).
 */
export const CodeOffer: Story = {
  play: async ({ canvasElement }) => {
    const { t, canvas, shadow } = await parts(canvasElement);
    await userEvent.type(await canvas.findByLabelText(t.email), 'guest@example.com');
    await userEvent.tab();
    await expect(await shadow.findByRole('button', { name: t.identity.askCode })).toBeVisible();
    await expect(canvas.queryByLabelText(t.identity.codeLabel)).toBeNull();
  },
};

/** The offer in Arabic (right to left). */
export const CodeOfferArabic: Story = {
  args: { lang: 'ar' },
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('omni-identity')!;
    await speaks(element, 'ar', (t) => t.identity.passkeyButton);
    const input = element.querySelector('input')!;
    await userEvent.type(input, 'guest@example.com');
    await userEvent.tab();
    await waitFor(() => expect(element.shadowRoot!.textContent).toContain('أرسل لي رمزًا'));
  },
};

/** After Enter: the one-time-code field with the masked hint (the same for known and unknown shoppers). */
export const Code: Story = {
  play: async ({ canvasElement }) => {
    const { t, canvas } = await parts(canvasElement);
    await userEvent.type(await canvas.findByLabelText(t.email), 'ada@example.com{Enter}');
    const code = await canvas.findByLabelText(t.identity.codeLabel);
    await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  },
};

/** Signed in: "Signed in as …" and the offer to save a passkey. */
export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    const { element, t, canvas } = await parts(canvasElement);
    await userEvent.type(await canvas.findByLabelText(t.email), 'ada@example.com{Enter}');
    await userEvent.type(await canvas.findByLabelText(t.identity.codeLabel), '123456');
    await waitFor(() => expect(element.shadowRoot!.textContent).toContain(t.identity.signedIn('ada@example.com')));
  },
};

/** Another merchant: the shopper is asked before their saved details are shared. */
export const ShareConsent: Story = {
  args: { double: { consentRequired: true } },
  play: async ({ canvasElement }) => {
    const { element, t, canvas } = await parts(canvasElement);
    await userEvent.type(await canvas.findByLabelText(t.email), 'ada@example.com{Enter}');
    await userEvent.type(await canvas.findByLabelText(t.identity.codeLabel), '123456');
    await waitFor(() => expect(element.shadowRoot!.textContent).toContain(t.identity.shareQuestion(MERCHANT)));
  },
};

/** The email step in each language (generated from the catalog list). */
function inLocale(lang: Locale): Story {
  return { args: { lang }, play: async ({ canvasElement }) => speaks(canvasElement.querySelector('omni-identity')!, lang, (t) => t.identity.passkeyButton) };
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
