import { describe, expect, it } from 'vitest';
import { HIDDEN_METHOD_REASONS, decideMethods, marketProblem } from './method-offer.js';
import { HiddenPaymentMethod } from './schemas.js';

const PL = { country: 'PL', currency: 'PLN' };

describe('decideMethods: shown only when a provider takes it now', () => {
  it('hides what a provider can only show (test_mode), in the market order, and shows the rest', () => {
    const { shown, hidden } = decideMethods(PL, 5000, {}, [{ id: 'mock', methods: ['card'], displayOnly: ['blik', 'p24', 'paypal'] }]);
    expect(shown).toEqual([{ type: 'card', provider: 'mock', available: true }]);
    expect(hidden.map((h) => [h.type, h.reason, h.provider])).toEqual([
      ['blik', 'test_mode', 'mock'],
      ['p24', 'test_mode', 'mock'],
      ['google_pay', 'no_provider', null],
      ['apple_pay', 'no_provider', null],
      ['paypal', 'test_mode', 'mock'],
      ['klarna', 'no_provider', null],
      ['link', 'no_provider', null],
      ['cash_on_delivery', 'not_enabled', null],
      ['gift_card', 'not_enabled', null],
    ]);
  });

  it('a provider that takes a method wins over one that can only show it; the merchant’s provider order decides', () => {
    const { shown } = decideMethods(PL, 5000, {}, [
      { id: 'mock', methods: ['card'], displayOnly: ['blik'] },
      { id: 'stripe', methods: ['blik', 'card'] },
    ]);
    expect(shown.map((m) => `${m.type}@${m.provider}`)).toEqual(['blik@stripe', 'card@mock']);
  });

  it('amount limits: below the minimum and above the maximum hide; the bounds themselves are payable; the next provider may take it', () => {
    const stripe = { id: 'stripe' as const, methods: ['blik' as const, 'card' as const], limits: { blik: { min: 200, max: 5_000_000 }, card: { min: 200 } } };
    const at = (amount: number) => decideMethods(PL, amount, { disable: ['p24', 'google_pay', 'apple_pay', 'paypal', 'klarna', 'link'] }, [stripe]);
    expect(at(200).shown.map((m) => m.type)).toEqual(['blik', 'card']);
    expect(at(5_000_000).shown.map((m) => m.type)).toEqual(['blik', 'card']);
    expect(at(5_000_001).shown.map((m) => m.type)).toEqual(['card']);
    expect(at(5_000_001).hidden.find((h) => h.type === 'blik')).toMatchObject({ reason: 'amount_above_maximum', provider: 'stripe' });
    expect(at(199).shown).toEqual([]);
    expect(at(199).hidden.filter((h) => h.reason === 'amount_below_minimum').map((h) => h.type)).toEqual(['blik', 'card']);
    const withMock = decideMethods(PL, 199, { disable: ['p24', 'google_pay', 'apple_pay', 'paypal', 'klarna', 'link'] }, [stripe, { id: 'mock', methods: ['card'] }]);
    expect(withMock.shown).toEqual([{ type: 'card', provider: 'mock', available: true }]);
  });

  it('explains the merchant’s settings: disabled, enabled where it cannot work, opt-in not enabled', () => {
    const { shown, hidden } = decideMethods({ country: 'DE', currency: 'EUR' }, 5000, { disable: ['klarna'], enable: ['blik', 'swish'], countries: { DE: { disable: ['link'] } } }, [
      { id: 'stripe', methods: ['card', 'klarna', 'link', 'blik', 'swish', 'sepa_debit'] },
    ]);
    expect(shown.map((m) => m.type)).toEqual(['card', 'sepa_debit']);
    const reasons = Object.fromEntries(hidden.map((h) => [h.type, h.reason]));
    expect(reasons).toMatchObject({ klarna: 'disabled_by_merchant', link: 'disabled_by_merchant', blik: 'unsupported_country', swish: 'unsupported_country', gift_card: 'not_enabled', paypal: 'no_provider' });
  });

  it('tells country from currency problems', () => {
    expect(marketProblem('blik', { country: 'DE', currency: 'EUR' })).toBe('unsupported_country');
    expect(marketProblem('blik', { country: 'PL', currency: 'EUR' })).toBe('unsupported_currency');
    expect(marketProblem('mobilepay', { country: 'DK', currency: 'EUR' })).toBe('unsupported_currency');
    expect(marketProblem('mobilepay', { country: 'SE', currency: 'EUR' })).toBe('unsupported_country');
    expect(marketProblem('blik', PL)).toBeNull();
  });

  it('the API schema lists the same reasons', () => {
    expect(HiddenPaymentMethod.shape.reason.options).toEqual(HIDDEN_METHOD_REASONS);
  });
});
