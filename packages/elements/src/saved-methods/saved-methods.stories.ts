import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, within } from 'storybook/test';
import type { SavedMethod } from '@omni-checkout/core/identity';
import { DEFAULT_SAVED_METHODS } from '@omni-checkout/mock/backend/identity';
import './define.js';
import { speaks } from '../internal/story-locales.js';
import { languageOf, loadTranslation, type Locale } from '../i18n/index.js';

interface Args {
  readonly methods: readonly SavedMethod[];
  readonly lang?: string;
}

const meta: Meta<Args> = {
  title: 'Identity/omni-saved-methods',
  component: 'omni-saved-methods',
  args: { methods: DEFAULT_SAVED_METHODS },
  render: ({ methods, lang }) => html`<omni-saved-methods lang=${ifDefined(lang)} .methods=${methods}></omni-saved-methods>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Two saved cards, the default chosen; choosing the other moves the choice. Names in the toolbar's language. */
export const TwoCards: Story = {
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('omni-saved-methods')!;
    const { identity } = await loadTranslation(languageOf(element));
    const group = within(element.shadowRoot as unknown as HTMLElement);
    const visa = await group.findByRole('radio', { name: (name) => name.includes(identity.card('Visa', '4242')) });
    const mastercard = group.getByRole('radio', { name: (name) => name.includes(identity.card('Mastercard', '4444')) });
    await expect(visa).toBeChecked();
    // A click, not the arrow keys: Testing Library's keyboard looks for a radio's group in the
    // document, not in the shadow root, and throws. saved-methods.test.ts presses the real keys.
    await userEvent.click(mastercard);
    await expect(mastercard).toBeChecked();
    await expect(visa).not.toBeChecked();
  },
};

/** One card: it is the default; "add a new card" is the other choice. */
export const OneCard: Story = {
  args: { methods: DEFAULT_SAVED_METHODS.slice(0, 1) },
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('omni-saved-methods')!;
    const { identity } = await loadTranslation(languageOf(element));
    const group = within(element.shadowRoot as unknown as HTMLElement);
    await expect(await group.findByRole('radio', { name: identity.addNew })).not.toBeChecked();
  },
};

/** The picker in each language (generated from the catalog list): card names, expiry, "add new". */
function inLocale(lang: Locale): Story {
  return { args: { lang }, play: async ({ canvasElement }) => speaks(canvasElement.querySelector('omni-saved-methods')!, lang, (t) => t.identity.addNew) };
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
