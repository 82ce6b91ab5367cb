import { describe, expect, it } from 'vitest';
import en from './en.js';
import ar from './ar.js';
import { BRAND_NAMES } from './brands.js';
import { LOCALES, languageOf, loadTranslation, loadedCatalog, type Translation } from './index.js';
import type { BackendMessageCode } from './translation.js';

const keys = (t: object): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((c) => `${k}.${c}`) : [k])).sort();

/**
 * Every string a catalog holds; each function is called with a marker for every argument (the
 * catalogs' arguments are labels, amounts and counts, and a marker does not crash any of them).
 */
function strings(t: object, path = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]): [string, string][] => {
    const at = path ? `${path}.${k}` : k;
    if (typeof v === 'object') return strings(v as object, at);
    if (typeof v === 'function') {
      const fn = v as (...args: unknown[]) => string;
      return [[`${at}()`, fn(...Array.from({ length: fn.length }, () => '«X»'))]];
    }
    return [[at, String(v)]];
  });
}

/** The backend's messages a shopper meets by code (the payment failures, an expired session or link, the backend out of reach). */
const BACKEND_CODES = [
  'authentication_canceled',
  'authentication_failed',
  'card_declined',
  'insufficient_funds',
  'invalid_client_secret',
  'network_error',
  'provider_error',
  'session_expired',
] as const satisfies readonly BackendMessageCode[];

describe('message catalogs', () => {
  const catalogs = Promise.all(LOCALES.map((code) => loadTranslation(code)));

  it('covers the ten first-class languages, each loading its own catalog with every key', async () => {
    const all = await catalogs;
    expect(LOCALES).toEqual(['en', 'pl', 'ko', 'ar', 'de', 'fr', 'es', 'sv', 'tr', 'ja']);
    expect(all.map((t) => t.$code)).toEqual([...LOCALES]);
    // English has no words for the backend's codes (the backend's own are English): every other catalog has them all.
    const backend = BACKEND_CODES.map((code) => `errors.backend.${code}`);
    for (const t of all) expect(keys(t), t.$code).toEqual(t.$code === 'en' ? keys(en) : [...keys(en), ...backend].sort());
    expect(all.filter((t) => t.$dir === 'rtl').map((t) => t.$code)).toEqual(['ar']);
  });

  it('translates every string (nothing left in English, nothing empty)', async () => {
    const english = new Map(strings(en));
    // Words that are legitimately the same in another language.
    const same = new Set(['contact', 'total', 'subtotal', 'optional()', 'lineItem()']);
    for (const t of (await catalogs).slice(1)) {
      for (const [key, text] of strings(t as Translation)) {
        expect(text.trim(), `${t.$code} ${key}`).not.toBe('');
        // Names of address divisions are often loanwords (Eircode, Townland, Oblast, County, District).
        const loanword = /^address\.\w+Kinds\./.test(key) || (key.startsWith('methods.') && key.slice(8) in BRAND_NAMES);
        if (!same.has(key) && !loanword && !key.startsWith('$')) expect(text, `${t.$code} ${key} is untranslated`).not.toBe(english.get(key));
        if (english.get(key)?.includes('«X»')) expect(text, `${t.$code} ${key} keeps its argument`).toContain('«X»');
      }
    }
  });

  it('loads catalogs lazily, English included, and falls back to English for other languages', async () => {
    await catalogs;
    expect(loadedCatalog('xx')).toBe(en);
    expect(await loadTranslation('ar-SA')).toBe(ar);
    expect(loadedCatalog('ar')).toBe(ar);
    expect((await loadTranslation('pl-PL')).$code).toBe('pl');
    expect(loadedCatalog('ko-KR')?.$code).toBe('ko');
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

  it('writes delivery estimates for people, with each language’s plural rules', async () => {
    expect(en.deliveryEstimate(2, 4)).toBe('2–4 business days');
    expect(en.deliveryEstimate(1, 1)).toBe('1 business day');
    expect(en.pay('€42.00')).toBe('Pay €42.00');
    const pl = await loadTranslation('pl');
    expect([pl.deliveryEstimate(1, 1), pl.deliveryEstimate(2, 4), pl.deliveryEstimate(5, 5), pl.deliveryEstimate(2, 22)]).toEqual([
      '1 dzień roboczy',
      '2–4 dni robocze',
      '5 dni roboczych',
      '2–22 dni robocze',
    ]);
    expect((await loadTranslation('ko')).deliveryEstimate(2, 4)).toBe('영업일 기준 2~4일');
    const ar = await loadTranslation('ar');
    const n = (x: number) => new Intl.NumberFormat('ar').format(x);
    // Arabic's plural forms: the dual, 3–10, 11–99 and 100 each take their own noun.
    expect([ar.deliveryEstimate(2, 4), ar.deliveryEstimate(1, 1), ar.deliveryEstimate(2, 2), ar.deliveryEstimate(5, 5), ar.deliveryEstimate(2, 14), ar.deliveryEstimate(100, 100)]).toEqual([
      `من ${n(2)} إلى ${n(4)} أيام عمل`,
      'يوم عمل واحد',
      'يوما عمل',
      `${n(5)} أيام عمل`,
      `من ${n(2)} إلى ${n(14)} يوم عمل`,
      `${n(100)} يوم عمل`,
    ]);
  });
});
