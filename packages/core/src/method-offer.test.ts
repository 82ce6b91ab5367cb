import { describe, expect, it } from 'vitest';
import {
  HIDDEN_METHOD_REASONS,
  cashOnDeliveryCarrier,
  cashOnDeliveryFee,
  decideMethods,
  marketProblem,
  withCashOnDeliveryFee,
  type MethodProvider,
} from './method-offer.js';
import { HiddenPaymentMethod } from './schemas.js';
import type { PaymentMethodType } from './types.js';

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

describe('marketProblem and the reasons’ messages', () => {
  it('a method the table does not know (a newer page, stale settings) is refused, not a crash', () => {
    expect(marketProblem('bitcoin' as PaymentMethodType, PL)).toBe('unsupported_country');
  });

  it('a method limited to currencies per country works in that country’s currency', () => {
    expect(marketProblem('mobilepay', { country: 'DK', currency: 'DKK' })).toBeNull();
    expect(marketProblem('mobilepay', { country: 'FI', currency: 'EUR' })).toBeNull();
  });

  it('a limit with only a maximum takes any amount up to it', () => {
    const stripe: MethodProvider = { id: 'stripe', methods: ['blik'], limits: { blik: { max: 1000 } } };
    expect(decideMethods(PL, 1, { disable: ['p24', 'card', 'google_pay', 'apple_pay', 'paypal', 'klarna', 'link'] }, [stripe]).shown).toEqual([
      { type: 'blik', provider: 'stripe', available: true },
    ]);
  });

  it('every hidden method tells the developer what it is about: the method, the market, the provider', () => {
    const de = { country: 'DE', currency: 'EUR' };
    const hidden = (market: typeof de, amount: number, settings: Parameters<typeof decideMethods>[2], providers: MethodProvider[]) =>
      Object.fromEntries(decideMethods(market, amount, settings, providers).hidden.map((h) => [h.reason, h.message]));
    const one = hidden(de, 5000, { disable: ['klarna'], enable: ['blik'] }, [
      { id: 'mock', methods: [], displayOnly: ['card'] },
      { id: 'stripe', methods: ['link', 'sepa_debit'], limits: { link: { max: 100 }, sepa_debit: { min: 10_000 } } },
    ]);
    expect(one).toEqual({
      test_mode: 'The mock provider cannot take card payments in this mode; configure a provider that carries it.',
      amount_above_maximum: 'The total is above the largest EUR amount stripe takes for link.',
      amount_below_minimum: 'The total is below the smallest EUR amount stripe takes for sepa_debit.',
      no_provider: expect.stringMatching(/^No provider configured for this merchant carries \w+; add one that does/),
      disabled_by_merchant: "klarna is disabled in the merchant's payment method settings.",
      unsupported_country: 'blik does not work for shoppers in DE.',
      not_enabled: expect.stringMatching(/^\w+ is offered only when the merchant enables it \(paymentMethods\.enable\)\.$/),
    });
    const blik = decideMethods({ country: 'PL', currency: 'EUR' }, 5000, {}, []).hidden.find((h) => h.type === 'blik');
    expect(blik).toEqual({ type: 'blik', reason: 'unsupported_currency', provider: null, message: 'blik does not work in EUR for shoppers in PL.' });
  });
});

describe('cash on delivery terms', () => {
  const terms = { maximum: { PLN: 50_000, EUR: 20_000 }, fee: { PLN: 500 } };
  const onlyCod = { enable: ['cash_on_delivery' as const], disable: ['blik' as const, 'p24' as const, 'card' as const, 'google_pay' as const, 'apple_pay' as const, 'paypal' as const, 'klarna' as const, 'link' as const] };

  it('the fee is the merchant’s for that currency, 0 where none is set', () => {
    expect(cashOnDeliveryFee(terms, 'PLN')).toBe(500);
    expect(cashOnDeliveryFee(terms, 'EUR')).toBe(0);
    expect(cashOnDeliveryFee({ maximum: {} }, 'PLN')).toBe(0);
    expect(cashOnDeliveryFee(undefined, 'PLN')).toBe(0);
  });

  it('carried up to the maximum with the fee included: 495.00 + 5.00 fee is the most a courier collects', () => {
    expect(cashOnDeliveryCarrier(terms, 'PLN')).toEqual([{ id: 'cash_on_delivery', methods: ['cash_on_delivery'], limits: { cash_on_delivery: { max: 49_500 } } }]);
    const at = (amount: number) => decideMethods(PL, amount, onlyCod, cashOnDeliveryCarrier(terms, 'PLN'));
    expect(at(49_500).shown).toEqual([{ type: 'cash_on_delivery', provider: 'cash_on_delivery', available: true }]);
    expect(at(49_501).shown).toEqual([]);
    expect(at(49_501).hidden.find((h) => h.type === 'cash_on_delivery')).toMatchObject({ reason: 'amount_above_maximum' });
  });

  it('not carried without terms or in a currency the merchant gave no maximum for', () => {
    expect(cashOnDeliveryCarrier(undefined, 'PLN')).toEqual([]);
    expect(cashOnDeliveryCarrier(terms, 'USD')).toEqual([]);
    expect(decideMethods(PL, 100, onlyCod, cashOnDeliveryCarrier(terms, 'USD')).shown).toEqual([]);
  });

  it('the page sees the fee on cash on delivery only, and nothing when it is free', () => {
    const decision = decideMethods(PL, 1000, { enable: ['cash_on_delivery'] }, [{ id: 'stripe', methods: ['card'] }, ...cashOnDeliveryCarrier(terms, 'PLN')]);
    const withFee = withCashOnDeliveryFee(decision, 500);
    expect(withFee.shown).toEqual([
      { type: 'card', provider: 'stripe', available: true },
      { type: 'cash_on_delivery', provider: 'cash_on_delivery', available: true, fee: 500 },
    ]);
    expect(withFee.hidden).toEqual(decision.hidden);
    expect(withCashOnDeliveryFee(decision, 0)).toBe(decision);
    expect(decision.shown.every((m) => !('fee' in m))).toBe(true);
  });
});
