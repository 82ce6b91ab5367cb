/**
 * The markets table honoured by the real providers: the session's methods (core `marketMethods`
 * after the merchant's overrides) decide Stripe's `allowed_payment_method_types` on the
 * PaymentIntent (checked on the loopback fake of Stripe's API) and PayPal's `enable-funding` /
 * `disable-funding` in the SDK script (Venmo in the US only, Pay Later where offered).
 */
import type { CheckoutSession, ConfirmResponse, CreateCheckoutSessionRequest, Market, PaymentMethodType } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import { createPayPalProvider } from '@omni-checkout/paypal/server';
import { fundingFor, sdkOptions } from '@omni-checkout/paypal/client';
import { startPayPalRestFake } from '@omni-checkout/paypal/testing';
import { startFakeStripe } from '@omni-checkout/stripe/fake';
import { createStripeProvider, stripeMethodsFor, stripePaymentMethodTypes } from '@omni-checkout/stripe/server';
import { afterAll, describe, expect, it } from 'vitest';
import { newPublishableKey, newSecretKey } from './crypto.js';
import { Seed, applySeed } from './seed.js';
import { clientFor, createSession, createTestEnv, SAMPLE_SESSION, type TestMerchant } from './test/env.js';

const fakeStripe = await startFakeStripe({});
const stripe = createStripeProvider({
  secretKey: 'sk_test_markets_suite_0000000001',
  publishableKey: 'pk_test_markets_suite_0000000001',
  api: { host: '127.0.0.1', port: fakeStripe.port, protocol: 'http' },
});
const fakePayPal = await startPayPalRestFake();
const paypal = createPayPalProvider({ clientId: fakePayPal.clientId, clientSecret: fakePayPal.clientSecret, apiBase: fakePayPal.url });
const env = await createTestEnv({ providers: [stripe, paypal, createMockProvider({ force: true })] });
afterAll(async () => {
  await fakeStripe.close();
  await fakePayPal.close();
});

async function merchant(paymentMethods?: object, providers: string[] = ['stripe', 'paypal']): Promise<TestMerchant> {
  const origin = 'https://markets.example';
  const publishableKey = newPublishableKey();
  const secretKey = newSecretKey();
  await applySeed(env.storage, Seed.parse({
    merchants: [{ name: 'Markets', publishableKey, secretKey, allowedOrigins: [origin], providers, ...(paymentMethods ? { paymentMethods } : {}) }],
  }));
  return { publishableKey, secretKey, origin };
}

/** A valid address in each market (Google's address rules are checked on the way in). */
const ADDRESSES: Record<string, object> = {
  PL: { name: 'Jan Kowalski', line1: 'ul. Długa 5', city: 'Warszawa', postalCode: '00-950', country: 'PL' },
  KR: { name: '김민준', line1: '세종대로 110', city: '중구', region: '서울', postalCode: '04524', country: 'KR' },
  SA: { name: 'محمد', line1: 'طريق الملك فهد', city: 'الرياض', postalCode: '12211', country: 'SA' },
  SE: { name: 'Anna Svensson', line1: 'Drottninggatan 1', city: 'Stockholm', postalCode: '111 51', country: 'SE' },
  NL: { name: 'Eva de Vries', line1: 'Damrak 1', city: 'Amsterdam', postalCode: '1012 LG', country: 'NL' },
  BE: { name: 'Lucas Peeters', line1: 'Grote Markt 1', city: 'Brussel', postalCode: '1000', country: 'BE' },
  US: { name: 'Ada Lovelace', line1: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  TR: { name: 'Ayşe Yılmaz', line1: 'İstiklal Cd. 1', city: 'Beyoğlu', region: 'İstanbul', postalCode: '34430', country: 'TR' },
  MX: { name: 'Juan Pérez', line1: 'Av. Reforma 1', city: 'Ciudad de México', region: 'CDMX', postalCode: '06600', country: 'MX' },
};

const CURRENCY: Record<string, string> = { PL: 'PLN', KR: 'KRW', SA: 'SAR', SE: 'SEK', NL: 'EUR', BE: 'EUR', US: 'USD', TR: 'TRY', MX: 'MXN' };

const request = (country: string): CreateCheckoutSessionRequest => ({ ...SAMPLE_SESSION, country, currency: CURRENCY[country]! });

async function open(m: TestMerchant, country: string) {
  const created = await createSession(env, m, request(country));
  return { created, session: created.session, client: clientFor(env, m, created) };
}

const methodsOf = (session: CheckoutSession, provider: string) => session.providers.find((p) => p.id === provider)?.methods ?? [];
const types = (session: CheckoutSession) => session.paymentMethods.map((m) => m.type);

/** Pays with a Stripe test card and answers the PaymentIntent the fake recorded. */
async function payWithStripe(m: TestMerchant, country: string) {
  const { created, client } = await open(m, country);
  for (const [path, body] of [['/contact', { email: 'shopper@example.com' }], ['/shipping-address', ADDRESSES[country]]] as const) {
    const response = await client.post(path, body);
    expect(response.status, `${path} ${await response.clone().text()}`).toBe(200);
  }
  const response = await client.confirm('pm_card_visa', `markets-${country}`, { provider: 'stripe', returnUrl: `${m.origin}/checkout` });
  expect(response.status, await response.clone().text()).toBe(200);
  expect(((await response.json()) as ConfirmResponse).order).toBeTruthy();
  const intent = fakeStripe.paymentIntents().find((pi) => pi.metadata.omni_session === created.id)!;
  return { session: created.session, intent };
}

describe('Stripe: the market decides the PaymentIntent’s payment method types', () => {
  it('Poland: BLIK and Przelewy24 first in the session and in allowed_payment_method_types', async () => {
    const m = await merchant();
    const { session, intent } = await payWithStripe(m, 'PL');
    expect(types(session).slice(0, 2)).toEqual(['blik', 'p24']);
    expect(session.paymentMethods.slice(0, 2)).toEqual([
      { type: 'blik', provider: 'stripe', available: true },
      { type: 'p24', provider: 'stripe', available: true },
    ]);
    expect(intent.allowed_payment_method_types).toEqual(['blik', 'p24', 'card', 'klarna', 'link']);
    expect(intent.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'always' });
    // The page's Payment Element gets the same types, in the same order, from the session.
    expect(session.providers.find((p) => p.id === 'stripe')?.config).toEqual({ publishableKey: 'pk_test_markets_suite_0000000001', paymentMethodTypes: 'blik,p24,card,klarna,link' });
  });

  it('Korea: Kakao Pay and Naver Pay first, in KRW', async () => {
    const { session, intent } = await payWithStripe(await merchant(), 'KR');
    expect(types(session)).toEqual(['kakao_pay', 'naver_pay', 'card', 'apple_pay']);
    expect(intent).toMatchObject({ currency: 'krw', allowed_payment_method_types: ['kakao_pay', 'naver_pay', 'card'] });
  });

  it('Saudi Arabia: mada and STC Pay are not carried by Stripe or PayPal, so cards and Apple Pay lead; never sent to Stripe', async () => {
    const { session, intent } = await payWithStripe(await merchant(), 'SA');
    expect(types(session)).toEqual(['apple_pay', 'card']);
    expect(stripeMethodsFor({ country: 'SA' })).not.toContain('mada');
    expect(stripeMethodsFor({ country: 'SA' })).not.toContain('stc_pay');
    expect(intent.allowed_payment_method_types).toEqual(['card']);
  });

  it('Sweden → Swish, the Netherlands → iDEAL, Belgium → Bancontact, each first', async () => {
    const m = await merchant();
    for (const [country, first, allowed] of [
      ['SE', 'swish', ['swish', 'klarna', 'card', 'link']],
      ['NL', 'ideal', ['ideal', 'card', 'klarna', 'link']],
      ['BE', 'bancontact', ['bancontact', 'card', 'klarna', 'link']],
    ] as const) {
      const { session, intent } = await payWithStripe(m, country);
      expect(session.paymentMethods[0], country).toEqual({ type: first, provider: 'stripe', available: true });
      expect(intent.allowed_payment_method_types, country).toEqual(allowed);
    }
  });

  it('card installments: enabled on the card in Mexico (Stripe’s meses sin intereses); in Turkey no provider here carries them, so cards lead', async () => {
    const m = await merchant();
    const mx = await payWithStripe(m, 'MX');
    expect(types(mx.session).slice(0, 2)).toEqual(['card', 'card_installments']);
    expect(mx.intent.payment_method_options).toMatchObject({ card: { installments: { enabled: true } } });
    const tr = await payWithStripe(m, 'TR');
    expect(types(tr.session)).toEqual(['card']);
    expect(tr.intent.payment_method_options).toBeNull();
  });

  it('merchant overrides reach Stripe: disable BLIK in Poland, put cards first, and Klarna off everywhere', async () => {
    const m = await merchant({ disable: ['klarna'], countries: { PL: { disable: ['blik'], order: ['card'] } } });
    const { session, intent } = await payWithStripe(m, 'PL');
    expect(types(session)).toEqual(['card', 'p24', 'google_pay', 'apple_pay', 'paypal', 'link']);
    expect(intent.allowed_payment_method_types).toEqual(['card', 'p24', 'link']);
  });

  it('a payment method of a type the session does not allow is refused by Stripe (the fake, as Stripe does)', async () => {
    const response = await fetch(`${fakeStripe.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_markets_suite_0000000001', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ amount: '100', currency: 'pln', payment_method: 'pm_card_visa', confirm: 'true', 'allowed_payment_method_types[0]': 'blik' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'payment_intent_incompatible_payment_method', param: 'payment_method' } });
  });

  it('maps every method Stripe carries to a Stripe type, cards once', () => {
    expect(stripePaymentMethodTypes(['apple_pay', 'card', 'google_pay', 'blik', 'mada', 'cash_on_delivery'])).toEqual(['card', 'blik']);
  });
});

describe('PayPal: funding sources from the market', () => {
  const sdkFor = (session: CheckoutSession) =>
    Object.fromEntries(new URL(sdkOptions({ session: { ...session, provider: { id: 'paypal', config: { clientId: 'id', environment: 'sandbox' } } }, locale: 'en' }).url).searchParams);

  it('US: Venmo and Pay Later enabled in the SDK script', async () => {
    const { session } = await open(await merchant(), 'US');
    expect(methodsOf(session, 'paypal')).toEqual(['paypal', 'venmo', 'paylater']);
    expect(sdkFor(session)).toMatchObject({ 'enable-funding': 'paylater,venmo', currency: 'USD', 'buyer-country': 'US' });
    expect(sdkFor(session)['disable-funding']).toBeUndefined();
  });

  it('Poland: PayPal without Venmo or Pay Later (disabled in the SDK), after BLIK and Przelewy24', async () => {
    const { session } = await open(await merchant(), 'PL');
    expect(methodsOf(session, 'paypal')).toEqual(['paypal']);
    expect(types(session).indexOf('paypal')).toBeGreaterThan(types(session).indexOf('p24'));
    expect(sdkFor(session)).toMatchObject({ 'disable-funding': 'paylater,venmo' });
    expect(sdkFor(session)['enable-funding']).toBeUndefined();
  });

  it('Korea and Saudi Arabia: PayPal does not settle KRW or SAR, so it is not offered at all', async () => {
    const m = await merchant();
    for (const country of ['KR', 'SA']) expect(methodsOf((await open(m, country)).session, 'paypal'), country).toEqual([]);
  });

  it('a merchant turning Venmo off in the US turns it off in the SDK', async () => {
    const { session } = await open(await merchant({ countries: { US: { disable: ['venmo'] } } }), 'US');
    expect(methodsOf(session, 'paypal')).toEqual(['paypal', 'paylater']);
    expect(fundingFor({ ...session, provider: { id: 'paypal', config: {} } })).toEqual({ enableFunding: 'paylater', disableFunding: 'venmo' });
  });
});

describe('opt-in methods: cash on delivery and gift cards only when the merchant enables them', () => {
  const market = (country: string): Market => ({ country, currency: CURRENCY[country]! });
  const optIn: PaymentMethodType[] = ['cash_on_delivery', 'gift_card'];

  it('never in the session by default; listed once enabled, in the market’s place; never given to Stripe or PayPal', async () => {
    // Not enabled: hidden with `not_enabled`; enabled but no provider takes them yet: hidden with the mock's `test_mode`.
    const reasons = (session: CheckoutSession) => (session.hiddenPaymentMethods ?? []).filter((m) => optIn.includes(m.type)).map((m) => `${m.type}:${m.reason}`);
    for (const country of ['PL', 'SA', 'TR']) {
      const plain = await open(await merchant(undefined, ['stripe', 'paypal', 'mock']), country);
      expect(types(plain.session).filter((t) => optIn.includes(t)), country).toEqual([]);
      expect(reasons(plain.session), country).toEqual(['cash_on_delivery:not_enabled', 'gift_card:not_enabled']);
    }
    const enabled = await open(await merchant({ enable: optIn }, ['stripe', 'paypal', 'mock']), 'SA');
    expect(types(enabled.session).filter((t) => optIn.includes(t))).toEqual([]);
    // Gift cards are carried by the backend's own ledger: enabled, the session offers them (`giftCards`).
    expect(reasons(enabled.session)).toEqual(['cash_on_delivery:test_mode']);
    expect(enabled.session.giftCards).toBe(true);
    const tr = await open(await merchant({ countries: { TR: { enable: ['cash_on_delivery'] } } }, ['stripe', 'paypal', 'mock']), 'TR');
    expect(types(tr.session)).toEqual(['card']);
    expect(reasons(tr.session)).toEqual(['cash_on_delivery:test_mode', 'gift_card:not_enabled']);
    for (const country of ['SA', 'TR']) {
      expect(stripeMethodsFor(market(country)).filter((t) => optIn.includes(t))).toEqual([]);
      expect(paypal.supportedMethods!(market(country)).filter((t) => optIn.includes(t))).toEqual([]);
    }
  });
});
