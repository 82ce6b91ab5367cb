import { describe, expect, it } from 'vitest';
import { ORDER_STATES } from '../order-status.js';
import { loadOrderText, ORDER_TEXT_LOCALES, orderTextLocale } from './index.js';

describe('order-status catalogs', () => {
  it('have every state, return state and notification in all ten languages, each different from English where the language differs', async () => {
    const en = await loadOrderText('en');
    for (const code of ORDER_TEXT_LOCALES) {
      const t = await loadOrderText(code);
      expect(t.$code).toBe(code);
      expect(Object.keys(t.states).sort()).toEqual([...ORDER_STATES].sort());
      for (const state of ORDER_STATES) expect(t.states[state].length).toBeGreaterThan(0);
      for (const kind of ['confirmed', 'shipped', 'delivered', 'return_received', 'refunded'] as const) {
        expect(t.mail.subjects[kind]('Shop', 'ord_1')).toContain('ord_1');
        expect(t.mail.sms[kind]('Shop')).toContain('Shop');
        if (code !== 'en') expect(t.mail.intros[kind]('Shop')).not.toBe(en.mail.intros[kind]('Shop'));
      }
      expect(t.orderList.placed('DATE')).toContain('DATE');
      expect(t.orderList.open('ord_1')).toContain('ord_1');
      for (const key of ['title', 'empty', 'more', 'back', 'loadError'] as const) {
        expect(t.orderList[key].length).toBeGreaterThan(0);
        if (code !== 'en') expect(t.orderList[key]).not.toBe(en.orderList[key]);
      }
    }
    expect((await loadOrderText('ar')).$dir).toBe('rtl');
  });

  it('count items with each language’s plural forms, Arabic’s six included', async () => {
    const ar = await loadOrderText('ar');
    const n = (x: number) => new Intl.NumberFormat('ar').format(x);
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102].map(ar.itemCount)).toEqual([
      'لا منتجات',
      'منتج واحد',
      'منتجان',
      `${n(3)} منتجات`,
      `${n(10)} منتجات`,
      `${n(11)} منتجًا`,
      `${n(99)} منتجًا`,
      `${n(100)} منتج`,
      `${n(102)} منتج`,
    ]);
    const pl = await loadOrderText('pl');
    expect([1, 2, 5, 22, 25].map(pl.itemCount)).toEqual(['1 produkt', '2 produkty', '5 produktów', '22 produkty', '25 produktów']);
    expect([1, 2].map((await loadOrderText('en')).itemCount)).toEqual(['1 item', '2 items']);
    expect([0, 1, 2].map((await loadOrderText('fr')).itemCount)).toEqual(['0 article', '1 article', '2 articles']);
  });

  it('picks the catalog from a language tag, English for others', () => {
    expect([orderTextLocale('pl-PL'), orderTextLocale('ar'), orderTextLocale('pt-BR'), orderTextLocale(null)]).toEqual(['pl', 'ar', 'en', 'en']);
  });
});
