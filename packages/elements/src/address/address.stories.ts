import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { PostalAddress } from '@omni-checkout/core/types';
import './define.js';
import { languageOf, loadTranslation } from '../i18n/index.js';
import type { OmniAddress } from './address.js';

interface Args {
  readonly country: string;
  readonly lang?: string;
  readonly dir?: 'ltr' | 'rtl';
  readonly mode?: 'shipping' | 'billing';
  readonly value?: Partial<PostalAddress>;
}

const meta: Meta<Args> = {
  title: 'Address/omni-address',
  component: 'omni-address',
  args: { country: 'US' },
  render: ({ country, lang, dir, mode, value }) =>
    html`<omni-address name="shipping" country=${country} lang=${ifDefined(lang)} dir=${ifDefined(dir)} mode=${ifDefined(mode)} .value=${value ?? null}></omni-address>`,
};
export default meta;

type Story = StoryObj<Args>;

async function ready(canvasElement: HTMLElement): Promise<OmniAddress> {
  const element = canvasElement.querySelector<OmniAddress>('omni-address')!;
  await waitFor(() => expect(element.querySelector('[data-field="line1"]')).not.toBeNull(), { timeout: 10_000 });
  await element.updateComplete;
  return element;
}

/**
 * The words the element shows: its own catalog, in the story's `lang` or else the toolbar's language
 * (Arabic for a designer browsing in Arabic and in the a11y pass's right-to-left run).
 */
const catalogOf = (element: OmniAddress) => loadTranslation(languageOf(element));

/** The country's own field (the postal code) is there, labelled in the story's language, and takes input. */
function localeStory(country: string, lang: string, postalLabel: string, postalCode: string, dir?: 'rtl'): Story {
  return {
    args: { country, lang, ...(dir ? { dir } : {}) },
    play: async ({ canvasElement }) => {
      const element = await ready(canvasElement);
      const input = within(canvasElement).getByLabelText(postalLabel, { exact: false });
      await userEvent.type(input, postalCode);
      await userEvent.tab();
      await expect(element.getValue().value.postalCode).toBe(postalCode);
      await expect(element.querySelector('[aria-invalid="true"]')).toBeNull();
    },
  };
}

/** One story per first-class language, each in a country that speaks it. */
export const EnglishUnitedStates = localeStory('US', 'en', 'ZIP code', '94043');
export const PolishPoland = localeStory('PL', 'pl', 'Kod pocztowy', '00-950');
export const KoreanKorea = localeStory('KR', 'ko', '우편번호', '03051');
export const ArabicSaudiArabia = localeStory('SA', 'ar', 'الرمز البريدي', '11564', 'rtl');
export const GermanGermany = localeStory('DE', 'de', 'Postleitzahl', '10117');
export const FrenchFrance = localeStory('FR', 'fr', 'Code postal', '75008');
export const SpanishSpain = localeStory('ES', 'es', 'Código postal', '28013');
export const SwedishSweden = localeStory('SE', 'sv', 'Postnummer', '114 55');
export const TurkishTurkey = localeStory('TR', 'tr', 'Posta kodu', '34433');
export const JapaneseJapan = localeStory('JP', 'ja', '郵便番号', '154-0023');

/** A billing address, prefilled (e.g. from the shopper's profile). */
export const BillingPrefilled: Story = {
  args: {
    country: 'GB',
    mode: 'billing',
    value: { name: 'Ada Lovelace', line1: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' },
  },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement);
    const { address } = await catalogOf(element);
    await expect(element.getValue().complete).toBe(true);
    // Great Britain's city is its post town.
    await expect(within(canvasElement).getByLabelText(address.cityKinds.post_town)).toHaveAttribute('autocomplete', 'billing address-level2');
  },
};

/** Everything missing, after a submit attempt: each field says what it needs. */
export const Errors: Story = {
  args: { country: 'US' },
  play: async ({ canvasElement }) => {
    const element = await ready(canvasElement);
    const t = await catalogOf(element);
    element.reportValidity();
    await waitFor(() => expect(within(canvasElement).getByText(t.errors.required(t.fullName))).toBeVisible());
  },
};
