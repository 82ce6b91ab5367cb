import { describe, expect, it } from 'vitest';
import en from './en.js';
import ar from './ar.js';
import { languageOf, loadTranslation, translationFor } from './index.js';

describe('message catalogs', () => {
  it('has the same keys in every language', () => {
    const keys = (t: object): string[] =>
      Object.entries(t).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((c) => `${k}.${c}`) : [k])).sort();
    expect(keys(ar)).toEqual(keys(en));
    expect([en.$dir, ar.$dir]).toEqual(['ltr', 'rtl']);
  });

  it('loads Arabic lazily and falls back to English for other languages', async () => {
    expect(translationFor('de').translation).toBe(en);
    expect(await loadTranslation('ar-SA')).toBe(ar);
    expect(translationFor('ar').translation).toBe(ar);
    expect(await loadTranslation('xx')).toBe(en);
  });

  it('takes the language from the element, then <html lang>, then the browser', () => {
    const element = document.createElement('div');
    document.body.append(element);
    const html = document.documentElement;
    const before = html.lang;
    html.lang = 'de-DE';
    expect(languageOf(element)).toBe('de-DE');
    element.lang = 'ar';
    expect(languageOf(element)).toBe('ar');
    element.lang = 'en_US'; // malformed: would break Intl
    expect(languageOf(element)).toBe('en');
    element.removeAttribute('lang');
    html.removeAttribute('lang');
    expect(languageOf(element)).toBe(Intl.getCanonicalLocales(navigator.language)[0]);
    html.lang = before;
    element.remove();
  });

  it('writes delivery estimates for people', () => {
    expect(en.deliveryEstimate(2, 4)).toBe('2–4 business days');
    expect(en.deliveryEstimate(1, 1)).toBe('1 business day');
    expect(en.pay('€42.00')).toBe('Pay €42.00');
  });
});
