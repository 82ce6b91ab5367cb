import { describe, expect, it } from 'vitest';
import { PaymentMethodType } from './schemas.js';
import { DEFAULT_ORDER, MARKET_ORDER, METHOD_AVAILABILITY, assignProviders, isMethodAvailable, marketMethods } from './markets.js';
import { isKnownCurrency } from './money.js';
import { isKnownCountry } from './schemas.js';

describe('markets: default methods per country and currency', () => {
  it.each([
    ['PL', 'PLN', ['blik', 'p24', 'card', 'google_pay', 'apple_pay', 'paypal', 'klarna', 'link']],
    ['KR', 'KRW', ['kakao_pay', 'naver_pay', 'card', 'apple_pay']],
    ['SA', 'SAR', ['mada', 'stc_pay', 'apple_pay', 'card']],
    ['SE', 'SEK', ['swish', 'klarna', 'card', 'apple_pay', 'google_pay', 'paypal', 'link']],
    ['NL', 'EUR', ['ideal', 'card', 'apple_pay', 'paypal', 'klarna', 'link']],
    ['BE', 'EUR', ['bancontact', 'card', 'apple_pay', 'paypal', 'klarna', 'link']],
    ['US', 'USD', ['card', 'apple_pay', 'google_pay', 'paypal', 'venmo', 'paylater', 'link', 'klarna', 'afterpay_clearpay']],
    ['TR', 'TRY', ['card_installments', 'card']],
  ] as const)('%s in %s offers its local methods first', (country, currency, expected) => {
    expect(marketMethods({ country, currency })).toEqual(expected);
  });

  it('drops what cannot settle in the session currency', () => {
    // A Polish shop selling in euros: no BLIK (PLN only), Przelewy24 stays (PLN and EUR), no Klarna (PLN in Poland).
    expect(marketMethods({ country: 'PL', currency: 'EUR' })).toEqual(['p24', 'card', 'google_pay', 'apple_pay', 'paypal', 'link']);
    // PayPal does not take Korean won, Saudi riyal or Turkish lira.
    for (const [country, currency] of [['KR', 'KRW'], ['SA', 'SAR'], ['TR', 'TRY']] as const) {
      expect(marketMethods({ country, currency })).not.toContain('paypal');
    }
    // Venmo is for US dollars in the US only.
    expect(marketMethods({ country: 'US', currency: 'EUR' })).not.toContain('venmo');
    expect(marketMethods({ country: 'US', currency: 'EUR' })).toContain('paypal');
  });

  it('uses the default order for a country without a row, without local methods from elsewhere', () => {
    expect(marketMethods({ country: 'IS', currency: 'ISK' })).toEqual(['card', 'apple_pay', 'google_pay']);
    expect(marketMethods({ country: 'HU', currency: 'HUF' })).toEqual(['card', 'apple_pay', 'google_pay', 'link', 'paypal']);
  });

  it('never offers cash on delivery or gift cards unless the merchant enables them', () => {
    for (const country of Object.keys(MARKET_ORDER)) {
      const methods = marketMethods({ country, currency: 'EUR' });
      expect(methods).not.toContain('cash_on_delivery');
      expect(methods).not.toContain('gift_card');
    }
    // Enabled, cash on delivery takes the market's place for it; elsewhere it goes last.
    const sa = marketMethods({ country: 'SA', currency: 'SAR' }, { enable: ['cash_on_delivery', 'gift_card'] });
    expect(sa).toEqual(['mada', 'stc_pay', 'apple_pay', 'card', 'cash_on_delivery', 'gift_card']);
    expect(marketMethods({ country: 'IS', currency: 'ISK' }, { enable: ['cash_on_delivery'] })).toEqual(['card', 'apple_pay', 'google_pay', 'cash_on_delivery']);
  });
});

describe('markets: merchant overrides', () => {
  const pl = { country: 'PL', currency: 'PLN' };

  it('disables, reorders and enables', () => {
    expect(marketMethods(pl, { disable: ['klarna', 'link'] })).toEqual(['blik', 'p24', 'card', 'google_pay', 'apple_pay', 'paypal']);
    expect(marketMethods(pl, { order: ['paypal', 'card'] })).toEqual(['paypal', 'card', 'blik', 'p24', 'google_pay', 'apple_pay', 'klarna', 'link']);
    // `disable` wins over `enable` and over `order`.
    expect(marketMethods(pl, { enable: ['gift_card'], disable: ['gift_card', 'blik'], order: ['blik'] })).not.toContain('blik');
    // A method the market does not list by default, enabled where it can work: appended.
    expect(marketMethods({ country: 'FR', currency: 'EUR' }, { enable: ['sepa_debit'] }).at(-1)).toBe('sepa_debit');
  });

  it('refuses to enable a method where it cannot work', () => {
    const us = marketMethods({ country: 'US', currency: 'USD' }, { enable: ['blik', 'ideal', 'mada'], order: ['blik'] });
    expect(us.filter((m) => ['blik', 'ideal', 'mada'].includes(m))).toEqual([]);
    expect(us[0]).toBe('card');
    expect(marketMethods(pl, { enable: ['swish'] })).not.toContain('swish');
  });

  it('applies per-country overrides on top of the global ones', () => {
    const settings = {
      disable: ['klarna'] as const,
      countries: { SA: { enable: ['cash_on_delivery'] as const, order: ['card'] as const }, PL: { disable: ['p24'] as const } },
    };
    expect(marketMethods({ country: 'SA', currency: 'SAR' }, settings)).toEqual(['card', 'mada', 'stc_pay', 'apple_pay', 'cash_on_delivery']);
    expect(marketMethods(pl, settings)).toEqual(['blik', 'card', 'google_pay', 'apple_pay', 'paypal', 'link']);
    expect(marketMethods({ country: 'DE', currency: 'EUR' }, settings)).not.toContain('klarna');
    expect(marketMethods({ country: 'DE', currency: 'EUR' }, settings)).not.toContain('cash_on_delivery');
    // Keys that are not countries are ignored, not crashes.
    expect(marketMethods(pl, { countries: { __proto__: { enable: ['gift_card'] } } as never })).not.toContain('gift_card');
  });

  it('ignores repeated entries in the order', () => {
    expect(marketMethods(pl, { order: ['card', 'card', 'blik'] }).slice(0, 3)).toEqual(['card', 'blik', 'p24']);
  });
});

describe('markets: providers', () => {
  it('gives each method to the first provider that carries it and leaves out the rest', () => {
    const methods = marketMethods({ country: 'PL', currency: 'PLN' });
    const carried = assignProviders(methods, [
      { id: 'stripe', methods: ['card', 'blik', 'p24', 'apple_pay', 'google_pay', 'link', 'klarna'] },
      { id: 'paypal', methods: ['paypal', 'card', 'blik'] },
    ]);
    expect(carried).toEqual([
      { type: 'blik', provider: 'stripe' },
      { type: 'p24', provider: 'stripe' },
      { type: 'card', provider: 'stripe' },
      { type: 'google_pay', provider: 'stripe' },
      { type: 'apple_pay', provider: 'stripe' },
      { type: 'paypal', provider: 'paypal' },
      { type: 'klarna', provider: 'stripe' },
      { type: 'link', provider: 'stripe' },
    ]);
    expect(assignProviders(methods, [{ id: 'paypal', methods: ['paypal', 'card', 'blik'] }]).map((m) => m.type)).toEqual(['blik', 'card', 'paypal']);
    expect(assignProviders(methods, [])).toEqual([]);
  });
});

describe('markets: the tables themselves', () => {
  it('name every payment method type, real countries and real currencies', () => {
    expect(Object.keys(METHOD_AVAILABILITY).sort()).toEqual([...PaymentMethodType.options].sort());
    for (const [method, rule] of Object.entries(METHOD_AVAILABILITY)) {
      const countries = Array.isArray(rule.countries) ? rule.countries : Object.keys(rule.countries ?? {});
      for (const country of countries) expect(isKnownCountry(country), `${method} ${country}`).toBe(true);
      const currencies = [...(rule.currencies ?? []), ...(Array.isArray(rule.countries) ? [] : Object.values(rule.countries ?? {}).flat())];
      for (const currency of currencies) expect(isKnownCurrency(currency), `${method} ${currency}`).toBe(true);
    }
    for (const [country, order] of Object.entries(MARKET_ORDER)) {
      expect(isKnownCountry(country), country).toBe(true);
      expect(new Set(order).size, `${country} lists a method twice`).toBe(order.length);
    }
    expect(new Set(DEFAULT_ORDER).size).toBe(DEFAULT_ORDER.length);
  });

  it('lists in each market only methods that can work there in its local currency', () => {
    const local: Record<string, string> = { PL: 'PLN', KR: 'KRW', SA: 'SAR', AE: 'AED', EG: 'EGP', SE: 'SEK', DK: 'DKK', NO: 'NOK', CH: 'CHF', GB: 'GBP', US: 'USD', CA: 'CAD', AU: 'AUD', NZ: 'NZD', TR: 'TRY', JP: 'JPY', BR: 'BRL', MX: 'MXN', IN: 'INR' };
    for (const [country, order] of Object.entries(MARKET_ORDER)) {
      const currency = local[country] ?? 'EUR';
      const unreachable = order.filter((m) => !isMethodAvailable(m, { country, currency }));
      // PayPal does not settle every local currency; that is the only expected gap.
      expect(unreachable.filter((m) => m !== 'paypal'), `${country}/${currency}`).toEqual([]);
    }
  });
});

describe('Alipay and WeChat Pay (issue 18)', () => {
  it('are offered first to shoppers in China, in yuan and in the other currencies Stripe presents them in', () => {
    expect(marketMethods({ country: 'CN', currency: 'CNY' }).slice(0, 2)).toEqual(['alipay', 'wechat_pay']);
    expect(marketMethods({ country: 'CN', currency: 'USD' })).toEqual(expect.arrayContaining(['alipay', 'wechat_pay']));
    // WeChat Pay settles in Swedish kronor, Alipay does not.
    expect(marketMethods({ country: 'CN', currency: 'SEK' })).toContain('wechat_pay');
    expect(marketMethods({ country: 'CN', currency: 'SEK' })).not.toContain('alipay');
  });

  it('are never offered outside China, even when the merchant enables them', () => {
    expect(marketMethods({ country: 'DE', currency: 'EUR' }, { enable: ['alipay', 'wechat_pay'] })).not.toEqual(expect.arrayContaining(['alipay']));
    expect(marketMethods({ country: 'DE', currency: 'EUR' }, { enable: ['alipay', 'wechat_pay'] })).not.toContain('wechat_pay');
    expect(marketMethods({ country: 'CN', currency: 'KRW' })).not.toContain('wechat_pay');
  });
});
