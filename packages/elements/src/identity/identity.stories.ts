import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createMemoryBackend } from '@omni-checkout/mock/backend';
import { withIdentity, type IdentityDoubleOptions } from '@omni-checkout/mock/backend/identity';
import './define.js';
import { speaks } from '../internal/story-locales.js';
import type { Locale } from '../i18n/index.js';

interface Args {
  readonly double?: IdentityDoubleOptions;
  readonly lang?: string;
}

/** A fresh in-memory backend with the identity double per story render (the known shopper is ada@example.com, code 123456). */
function backend(options: IdentityDoubleOptions = {}) {
  const memory = createMemoryBackend();
  return { memory, identity: withIdentity(memory, options) };
}

const meta: Meta<Args> = {
  title: 'Identity/omni-identity',
  component: 'omni-identity',
  render: ({ double, lang }) => {
    const { memory, identity } = backend(double);
    return html`<omni-identity
      lang=${ifDefined(lang)}
      publishable-key=${memory.publishableKey}
      api-base=${memory.apiBase}
      merchant-name="Omni Roasters"
      .fetch=${identity.fetch}
      .clientSecret=${memory.clientSecret}
    ></omni-identity>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The email step, with the passkey button. */
export const Email: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText('Email')).toHaveAttribute('autocomplete', 'email webauthn');
  },
};

/**
 * A valid email, the field left: "Saved your details with us? Send me a code", the same for every
 * shopper and nothing sent (no code field until the shopper asks).
 */
export const CodeOffer: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The offer is a button in the element's shadow root; the email and code fields are light DOM.
    const shadow = within(canvasElement.querySelector('omni-identity')!.shadowRoot as unknown as HTMLElement);
    await userEvent.type(await canvas.findByLabelText('Email'), 'guest@example.com');
    await userEvent.tab();
    await expect(await shadow.findByRole('button', { name: 'Saved your details with us? Send me a code' })).toBeVisible();
    await expect(canvas.queryByLabelText('Verification code')).toBeNull();
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
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Email'), 'ada@example.com{Enter}');
    const code = await canvas.findByLabelText('Verification code');
    await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  },
};

/** Signed in: "Signed in as …" and the offer to save a passkey. */
export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Email'), 'ada@example.com{Enter}');
    await userEvent.type(await canvas.findByLabelText('Verification code'), '123456');
    await waitFor(() => expect(canvasElement.querySelector('omni-identity')!.shadowRoot!.textContent).toContain('Signed in as ada@example.com'));
  },
};

/** Another merchant: the shopper is asked before their saved details are shared. */
export const ShareConsent: Story = {
  args: { double: { consentRequired: true } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Email'), 'ada@example.com{Enter}');
    await userEvent.type(await canvas.findByLabelText('Verification code'), '123456');
    await waitFor(() => expect(canvasElement.querySelector('omni-identity')!.shadowRoot!.textContent).toContain('Share your saved address'));
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
