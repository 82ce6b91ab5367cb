/**
 * Issue 18, part 1: a shopper never sees a method that cannot be paid. The merchant's developer gets
 * the reasons instead: `GET /v1/checkout-sessions/{id}/payment-methods/diagnostics` (any mode) and the
 * session's `hiddenPaymentMethods` (test mode, logged by the page's development build).
 */
import type { CheckoutSession, CreateCheckoutSessionRequest, PaymentMethodDiagnostics } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import { createStripeProvider } from '@omni-checkout/stripe/server';
import { startFakeStripe } from '@omni-checkout/stripe/fake';
import { afterAll, describe, expect, it } from 'vitest';
import { stripeMethodsFromEnv } from '../cli/run.js';
import { newPublishableKey, newSecretKey } from '../crypto.js';
import { Seed, applySeed } from '../seed.js';
import { clientFor, createSession, createTestEnv, merchantGet, SAMPLE_SESSION, type TestMerchant } from '../test/env.js';

const fake = await startFakeStripe({});
afterAll(() => fake.close());
const stripe = createStripeProvider({
  secretKey: 'sk_test_diagnostics000000000001',
  publishableKey: 'pk_test_diagnostics000000000001',
  api: { host: '127.0.0.1', port: fake.port, protocol: 'http' },
});
// The same Stripe account with only cards, Apple Pay and BLIK activated (STRIPE_METHODS).
const stripeFew = createStripeProvider({
  secretKey: 'sk_test_diagnostics000000000002',
  publishableKey: 'pk_test_diagnostics000000000002',
  api: { host: '127.0.0.1', port: fake.port, protocol: 'http' },
  methods: stripeMethodsFromEnv('card, apple_pay, blik'),
});
const env = await createTestEnv({ providers: [stripe, createMockProvider({ force: true })] });
const fewEnv = await createTestEnv({ providers: [stripeFew] });

async function merchant(providers: ('stripe' | 'mock')[], paymentMethods?: object): Promise<TestMerchant> {
  const origin = 'https://shop.example';
  const publishableKey = newPublishableKey();
  const secretKey = newSecretKey();
  await applySeed(env.storage, Seed.parse({
    merchants: [{ name: 'Diagnostics', publishableKey, secretKey, allowedOrigins: [origin], providers, ...(paymentMethods ? { paymentMethods } : {}) }],
  }));
  return { publishableKey, secretKey, origin };
}

/** A session of one line item costing `amount` minor units, no shipping. */
const session = (country: string, currency: string, amount = 4200): CreateCheckoutSessionRequest => ({
  ...SAMPLE_SESSION,
  country,
  currency,
  lineItems: [{ id: 'sku', name: 'Coffee', unitAmount: amount, quantity: 1 }],
  shippingOptions: [],
});

async function diagnostics(m: TestMerchant, id: string): Promise<PaymentMethodDiagnostics> {
  const response = await merchantGet(env, m, `/v1/checkout-sessions/${id}/payment-methods/diagnostics`);
  expect(response.status).toBe(200);
  return (await response.json()) as PaymentMethodDiagnostics;
}

const reasons = (d: { hidden: PaymentMethodDiagnostics['hidden'] }) => Object.fromEntries(d.hidden.map((h) => [h.type, h.reason]));

describe('a shopper sees only methods a provider can take now', () => {
  it('Germany with the mock provider: only the card is shown; every method it cannot take is explained', async () => {
    const m = await merchant(['mock']);
    const created = await createSession(env, m, session('DE', 'EUR'));
    expect(created.session.paymentMethods.map((p) => p.type)).toEqual(['card']);
    expect(created.session.paymentMethods.every((p) => p.available)).toBe(true);
    const d = await diagnostics(m, created.id);
    expect(d).toMatchObject({ object: 'payment_method_diagnostics', session: created.id, country: 'DE', currency: 'EUR', amount: 4200 });
    expect(d.shown).toEqual([{ type: 'card', provider: 'mock', available: true }]);
    expect(reasons(d)).toEqual({
      paypal: 'test_mode', klarna: 'test_mode', apple_pay: 'test_mode', google_pay: 'test_mode', sepa_debit: 'test_mode', paylater: 'test_mode', link: 'test_mode',
      gift_card: 'not_enabled',
    });
    expect(d.hidden.find((h) => h.type === 'klarna')).toMatchObject({ provider: 'mock', message: expect.stringContaining('klarna') });
    // Test mode: the page gets the same reasons (its development build logs them).
    const viewed = (await (await clientFor(env, m, created).get()).json()) as CheckoutSession;
    expect(viewed.hiddenPaymentMethods).toEqual(d.hidden);
    expect(viewed.paymentMethods).toEqual(d.shown);
  });

  it('Saudi Arabia with Stripe: mada and STC Pay have no provider; cash on delivery is not enabled', async () => {
    const m = await merchant(['stripe']);
    const created = await createSession(env, m, session('SA', 'SAR'));
    expect(created.session.paymentMethods.map((p) => `${p.type}@${p.provider}`)).toEqual(['apple_pay@stripe', 'card@stripe']);
    expect(reasons(await diagnostics(m, created.id))).toEqual({ mada: 'no_provider', stc_pay: 'no_provider', cash_on_delivery: 'not_enabled', gift_card: 'not_enabled' });
  });

  it('amount limits of the provider: BLIK above 50,000 PLN and everything below Stripe’s 2 PLN minimum are hidden', async () => {
    const m = await merchant(['stripe']);
    const big = await createSession(env, m, session('PL', 'PLN', 5_000_001));
    expect(big.session.paymentMethods.map((p) => p.type)).not.toContain('blik');
    expect(big.session.paymentMethods.map((p) => p.type)).toContain('p24');
    const d = await diagnostics(m, big.id);
    expect(d.hidden.find((h) => h.type === 'blik')).toMatchObject({ reason: 'amount_above_maximum', provider: 'stripe' });
    // Exactly the limit is payable.
    const edge = await createSession(env, m, session('PL', 'PLN', 5_000_000));
    expect(edge.session.paymentMethods[0]).toEqual({ type: 'blik', provider: 'stripe', available: true });

    const small = await createSession(env, m, session('PL', 'PLN', 199));
    expect(small.session.paymentMethods).toEqual([]);
    expect(new Set(Object.values(reasons(await diagnostics(m, small.id))))).toEqual(new Set(['amount_below_minimum', 'no_provider', 'not_enabled']));
    // Stripe is given no method it would refuse for this amount.
    expect(small.session.providers.find((p) => p.id === 'stripe')?.methods).toEqual([]);
  });

  it('a Stripe account offers only the methods activated on it (STRIPE_METHODS)', async () => {
    const m = await (async () => {
      const publishableKey = newPublishableKey();
      const secretKey = newSecretKey();
      await applySeed(fewEnv.storage, Seed.parse({ merchants: [{ name: 'Few', publishableKey, secretKey, allowedOrigins: ['https://shop.example'], providers: ['stripe'] }] }));
      return { publishableKey, secretKey, origin: 'https://shop.example' };
    })();
    const created = await createSession(fewEnv, m, session('PL', 'PLN'));
    expect(created.session.paymentMethods.map((p) => p.type)).toEqual(['blik', 'card', 'apple_pay']);
    const response = await merchantGet(fewEnv, m, `/v1/checkout-sessions/${created.id}/payment-methods/diagnostics`);
    const d = (await response.json()) as PaymentMethodDiagnostics;
    expect(reasons(d)).toMatchObject({ p24: 'no_provider', google_pay: 'no_provider', klarna: 'no_provider', link: 'no_provider' });
    expect(() => stripeMethodsFromEnv('card,bitcoin')).toThrow(/bitcoin/);
    expect(() => stripeMethodsFromEnv(' , ')).toThrow(/STRIPE_METHODS/);
  });

  it('the merchant’s own settings: disabled, and enabled where the method cannot work', async () => {
    const m = await merchant(['mock'], { disable: ['link'], enable: ['blik'] });
    const created = await createSession(env, m, session('DE', 'EUR'));
    const r = reasons(await diagnostics(m, created.id));
    expect(r.link).toBe('disabled_by_merchant');
    expect(r.blik).toBe('unsupported_country');
    const pl = await createSession(env, m, session('PL', 'EUR'));
    expect(reasons(await diagnostics(m, pl.id)).blik).toBe('unsupported_currency');
  });

  it('answers 404 session_not_found for another merchant’s session, and needs the secret key', async () => {
    const a = await merchant(['mock']);
    const b = await merchant(['mock']);
    const created = await createSession(env, a, session('DE', 'EUR'));
    const foreign = await merchantGet(env, b, `/v1/checkout-sessions/${created.id}/payment-methods/diagnostics`);
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('session_not_found');
    const anonymous = await env.app.request(`/v1/checkout-sessions/${created.id}/payment-methods/diagnostics`);
    expect(anonymous.status).toBe(401);
  });
});
