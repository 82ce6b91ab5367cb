/**
 * Market-aware payment methods in the session: the markets table (core `marketMethods`) after the
 * merchant's stored overrides, each method with the provider that carries it; a method no provider
 * can take now (the mock in test mode takes cards only) is left out (issue 18). Also: addresses checked against their
 * country's rules (Google's address data) on the way in.
 */
import type { CheckoutSession, CreateCheckoutSessionRequest } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import { describe, expect, it } from 'vitest';
import { newPublishableKey, newSecretKey } from './crypto.js';
import { clientFor, createSession, createTestEnv, SAMPLE_SESSION, type TestMerchant } from './test/env.js';
import { createFakeProvider } from './test/fake-provider.js';
import { Seed, applySeed } from './seed.js';

const stripe = createFakeProvider({ id: 'stripe', methods: ['card', 'blik', 'p24', 'apple_pay', 'google_pay', 'link', 'klarna'] });
const env = await createTestEnv({ providers: [stripe, createMockProvider({ force: true })] });

async function merchant(options: { providers?: ('stripe' | 'mock')[]; paymentMethods?: object } = {}): Promise<TestMerchant> {
  const origin = 'https://shop.example';
  const publishableKey = newPublishableKey();
  const secretKey = newSecretKey();
  await applySeed(env.storage, Seed.parse({
    merchants: [{ name: 'Markets', publishableKey, secretKey, allowedOrigins: [origin], providers: options.providers ?? ['mock'], ...(options.paymentMethods ? { paymentMethods: options.paymentMethods } : {}) }],
  }));
  return { publishableKey, secretKey, origin };
}

const market = (country: string, currency: string): CreateCheckoutSessionRequest => ({ ...SAMPLE_SESSION, country, currency });
const list = (session: CheckoutSession) => session.paymentMethods.map((m) => `${m.type}${m.available ? '' : '?'}@${m.provider}`);
const hidden = (session: CheckoutSession) => (session.hiddenPaymentMethods ?? []).map((m) => `${m.type}:${m.reason}`);

describe('payment methods in the session', () => {
  it('shows only what the mock can take (cards); the rest of the market is hidden with test_mode', async () => {
    const m = await merchant();
    const pl = (await createSession(env, m, market('PL', 'PLN'))).session;
    expect(list(pl)).toEqual(['card@mock']);
    expect(hidden(pl)).toEqual([
      'blik:test_mode', 'p24:test_mode', 'google_pay:test_mode', 'apple_pay:test_mode', 'paypal:test_mode', 'klarna:test_mode', 'link:test_mode',
      'cash_on_delivery:not_enabled', 'gift_card:not_enabled',
    ]);
    expect(list((await createSession(env, m, market('KR', 'KRW'))).session)).toEqual(['card@mock']);
    expect(list((await createSession(env, m, market('SA', 'SAR'))).session)).toEqual(['card@mock']);
  });

  it('gives each method to the provider that really carries it, before one that can only show it', async () => {
    const m = await merchant({ providers: ['mock', 'stripe'] });
    const created = await createSession(env, m, market('PL', 'PLN'));
    expect(list(created.session)).toEqual([
      'blik@stripe', 'p24@stripe', 'card@mock', 'google_pay@stripe', 'apple_pay@stripe', 'klarna@stripe', 'link@stripe',
    ]);
    expect(hidden(created.session)).toContain('paypal:test_mode');
    expect(created.session.providers.map((p) => [p.id, p.methods])).toEqual([
      ['mock', ['card']],
      ['stripe', ['blik', 'p24', 'google_pay', 'apple_pay', 'klarna', 'link']],
    ]);
  });

  it('applies the merchant’s stored overrides: disable, reorder, opt-in cash on delivery per country', async () => {
    const m = await merchant({
      paymentMethods: { disable: ['klarna', 'link'], order: ['card'], countries: { SA: { enable: ['cash_on_delivery'] } } },
    });
    const pl = (await createSession(env, m, market('PL', 'PLN'))).session;
    expect(list(pl)).toEqual(['card@mock']);
    expect(hidden(pl)).toEqual(expect.arrayContaining(['klarna:disabled_by_merchant', 'link:disabled_by_merchant', 'cash_on_delivery:not_enabled']));
    const sa = (await createSession(env, m, market('SA', 'SAR'))).session;
    expect(list(sa)).toEqual(['card@mock']);
    // Enabled for Saudi Arabia, but the mock cannot take it: hidden with the reason, not shown disabled.
    expect(hidden(sa)).toContain('cash_on_delivery:test_mode');
    // The client sees the same list.
    const created = await createSession(env, m, market('SA', 'SAR'));
    const viewed = (await (await clientFor(env, m, created).get()).json()) as CheckoutSession;
    expect(viewed.paymentMethods).toEqual(created.session.paymentMethods);
  });

  it('refuses overrides that are not payment methods or countries (seed validation)', async () => {
    await expect(merchant({ paymentMethods: { enable: ['bitcoin'] } })).rejects.toThrow();
    await expect(merchant({ paymentMethods: { countries: { XX: { enable: ['gift_card'] } } } })).rejects.toThrow();
  });
});

describe('addresses checked against their country’s rules', () => {
  it('answers invalid_address with one issue per field, and stores a normalised address', async () => {
    const m = await merchant();
    const created = await createSession(env, m, market('PL', 'PLN'));
    const client = clientFor(env, m, created);
    const bad = await client.post('/shipping-address', { name: 'Jan', line1: 'Długa 5', city: 'Warszawa', postalCode: '00950', country: 'PL' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_address', issues: [{ path: 'postalCode', message: 'Not a postal code of this country' }] },
    });
    const good = await client.post('/shipping-address', {
      name: ' Jan ',
      line1: 'Długa 5',
      city: 'Warszawa',
      postalCode: '00-950',
      country: 'PL',
      region: 'mazowieckie',
    });
    expect(good.status).toBe(200);
    expect(((await good.json()) as CheckoutSession).shippingAddress).toEqual({ name: 'Jan', line1: 'Długa 5', city: 'Warszawa', postalCode: '00-950', country: 'PL' });
    const us = await createSession(env, m, market('US', 'USD'));
    const wrongState = await clientFor(env, m, us).post('/shipping-address', {
      name: 'Ada', line1: '1098 Alta Ave', city: 'Mountain View', region: 'NY', postalCode: '94043', country: 'US',
    });
    expect(await wrongState.json()).toMatchObject({ error: { code: 'invalid_address', issues: [{ path: 'postalCode' }] } });
  });
});
