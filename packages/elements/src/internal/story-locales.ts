/**
 * For stories: each first-class language (`LOCALES`) in a market that speaks it, and a play
 * check that a component really speaks it (its catalog's text is shown, and Arabic is right to
 * left). Each component's stories file exports one story per language with `inLocale`.
 */
import { expect, waitFor } from 'storybook/test';
import { loadTranslation, type Locale, type Translation } from '../i18n/index.js';

export const STORY_MARKETS: Readonly<Record<Locale, { readonly country: string; readonly currency: string }>> = {
  en: { country: 'US', currency: 'USD' },
  pl: { country: 'PL', currency: 'PLN' },
  ko: { country: 'KR', currency: 'KRW' },
  ar: { country: 'SA', currency: 'SAR' },
  de: { country: 'DE', currency: 'EUR' },
  fr: { country: 'FR', currency: 'EUR' },
  es: { country: 'ES', currency: 'EUR' },
  sv: { country: 'SE', currency: 'SEK' },
  tr: { country: 'TR', currency: 'TRY' },
  ja: { country: 'JP', currency: 'JPY' },
};

/** All text a person meets in `root`, through shadow roots (text, labels, accessible names). */
export function shownText(root: Node): string {
  let text = '';
  const walk = (node: Node) => {
    if (node instanceof Element) {
      text += ` ${node.getAttribute('aria-label') ?? ''}`;
      if (node.shadowRoot) walk(node.shadowRoot);
    } else if (node.nodeType === Node.TEXT_NODE) text += ` ${node.textContent ?? ''}`;
    node.childNodes.forEach(walk);
  };
  walk(root);
  return text;
}

/** Waits until `element` shows `expected(t)` from its language's catalog; Arabic must be right to left. */
export async function speaks(element: Element, lang: Locale, expected: (t: Translation) => string): Promise<void> {
  const t = await loadTranslation(lang);
  await waitFor(() => expect(shownText(element)).toContain(expected(t)), { timeout: 10_000 });
  if (t.$dir === 'rtl') await expect(getComputedStyle(element).direction).toBe('rtl');
}
