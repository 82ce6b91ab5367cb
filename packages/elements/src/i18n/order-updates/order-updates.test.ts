/** The "Order updates" words: one catalog per first-class language, each complete and translated, English for others. */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../index.js';
import en from './en.js';
import { loadOrderUpdatesTranslation } from './index.js';

describe('order updates catalogs', () => {
  it('translates every string in each of the ten languages (nothing empty, nothing left in English)', async () => {
    const keys = Object.keys(en).sort();
    for (const lang of LOCALES.filter((l) => l !== 'en')) {
      const t = await loadOrderUpdatesTranslation(lang);
      expect(Object.keys(t).sort(), lang).toEqual(keys);
      for (const key of keys as (keyof typeof en)[]) {
        const value = t[key];
        const text = typeof value === 'function' ? value('+1 201 555 0123') : value;
        const english = typeof en[key] === 'function' ? (en[key] as (e: string) => string)('+1 201 555 0123') : en[key];
        expect(text.trim(), `${lang}.${key}`).not.toBe('');
        expect(text, `${lang}.${key}`).not.toBe(english);
      }
      // The example number stays whole inside the sentence.
      expect(t.invalid('+1 201 555 0123'), lang).toContain('+1 201 555 0123');
    }
  });

  it('takes the base language of a tag and falls back to English', async () => {
    expect((await loadOrderUpdatesTranslation('ar-SA')).legend).toBe('تحديثات الطلب');
    expect(await loadOrderUpdatesTranslation('pt-BR')).toEqual(en);
  });
});
