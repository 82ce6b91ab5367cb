import { describe, expect, it } from 'vitest';
import type { ProviderPaymentInput, ServerProvider } from '@omni-checkout/core';
import { TEST_CARDS, tokenFor } from '../test-cards.js';
import { createMockProvider } from './index.js';

let counter = 0;
function input(paymentMethod: string, overrides: Partial<ProviderPaymentInput> = {}): ProviderPaymentInput {
  counter += 1;
  return {
    sessionId: 'cs_test_1',
    amount: 2490,
    currency: 'EUR',
    paymentMethod,
    idempotencyKey: `cs_test_1:confirm:${counter}`,
    metadata: {},
    ...overrides,
  };
}

function decide(provider: ServerProvider, challengeId: string, body: unknown, init: RequestInit = {}) {
  const request = new Request(`http://localhost/v1/providers/mock/challenges/${challengeId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  return provider.handleRequest!(request, `challenges/${challengeId}`);
}

async function threeDs(provider: ServerProvider) {
  const result = await provider.createPayment(input(tokenFor('three_d_secure', '3220')));
  if (result.status !== 'requires_action') throw new Error(`expected requires_action, got ${result.status}`);
  return { reference: result.reference, challengeId: result.action.data['challengeId']! };
}

describe('createMockProvider: production refusal', () => {
  it('throws a clear error when the environment is production', () => {
    expect(() => createMockProvider({ env: 'production' })).toThrow(/refuses to run in production/);
  });

  it('reads NODE_ENV when no env is given', () => {
    const before = process.env['NODE_ENV'];
    process.env['NODE_ENV'] = 'production';
    try {
      expect(() => createMockProvider()).toThrow(/production/);
    } finally {
      process.env['NODE_ENV'] = before;
    }
  });

  it('runs in production only with force: true', () => {
    expect(createMockProvider({ env: 'production', force: true }).id).toBe('mock');
  });

  it('describes itself as the mock provider in test mode with no public config', () => {
    const provider = createMockProvider({ env: 'development' });
    expect(provider.id).toBe('mock');
    expect(provider.livemode).toBe(false);
    expect(provider.publicConfig()).toEqual({});
  });
});

describe('createPayment', () => {
  const provider = createMockProvider({ env: 'test' });

  it('succeeds with the success card', async () => {
    const result = await provider.createPayment(input(tokenFor('success', '4242')));
    expect(result).toEqual({ status: 'succeeded', reference: expect.stringMatching(/^mockpay_[0-9a-f]{32}$/), amount: 2490, currency: 'EUR' });
  });

  it('declines the decline card with a generic decline code and a readable message', async () => {
    const result = await provider.createPayment(input(tokenFor('decline', '0002')));
    expect(result).toEqual({
      status: 'failed',
      reference: expect.any(String),
      code: 'card_declined',
      declineCode: 'generic_decline',
      message: 'Your card was declined. Try another card.',
    });
  });

  it('fails the insufficient-funds card', async () => {
    const result = await provider.createPayment(input(tokenFor('insufficient_funds', '9995')));
    expect(result).toMatchObject({
      status: 'failed',
      code: 'insufficient_funds',
      message: 'Your card has insufficient funds. Try another card.',
    });
  });

  it('asks for a 3-D Secure challenge with the 3DS card', async () => {
    const result = await provider.createPayment(input(tokenFor('three_d_secure', '3220')));
    expect(result.status).toBe('requires_action');
    if (result.status !== 'requires_action') return;
    expect(result.action).toEqual({
      type: 'challenge',
      provider: 'mock',
      reference: result.reference,
      data: { challengeId: expect.stringMatching(/^mockch_[0-9a-f]{32}$/) },
    });
  });

  it.each(['pm_card_visa', TEST_CARDS.success, 'pm_mock_success_42', 'pm_mock_other_4242', ''])(
    'fails an unknown payment method %j with provider_error',
    async (paymentMethod) => {
      const result = await provider.createPayment(input(paymentMethod));
      expect(result).toMatchObject({ status: 'failed', code: 'provider_error', reference: null });
    },
  );

  it('gives each payment its own reference', async () => {
    const a = await provider.createPayment(input(tokenFor('success', '4242')));
    const b = await provider.createPayment(input(tokenFor('success', '4242')));
    expect(a.reference).not.toBe(b.reference);
  });
});

describe('idempotency', () => {
  it('answers the same key with the same result and reference', async () => {
    const provider = createMockProvider({ env: 'test' });
    const request = input(tokenFor('success', '4242'), { idempotencyKey: 'same-key' });
    const first = await provider.createPayment(request);
    const second = await provider.createPayment(request);
    expect(second).toEqual(first);
  });

  it('creates no second challenge when a 3DS payment is retried with its key', async () => {
    const provider = createMockProvider({ env: 'test' });
    const request = input(tokenFor('three_d_secure', '3220'), { idempotencyKey: 'k-3ds' });
    const first = await provider.createPayment(request);
    const second = await provider.createPayment(request);
    expect(second).toEqual(first);
  });

  it('keeps a declined answer for its key', async () => {
    const provider = createMockProvider({ env: 'test' });
    const request = input(tokenFor('decline', '0002'), { idempotencyKey: 'k-decline' });
    expect(await provider.createPayment(request)).toEqual(await provider.createPayment(request));
  });

  it('refuses a key reused with a different amount or payment method', async () => {
    const provider = createMockProvider({ env: 'test' });
    await provider.createPayment(input(tokenFor('success', '4242'), { idempotencyKey: 'k' }));
    await expect(provider.createPayment(input(tokenFor('success', '4242'), { idempotencyKey: 'k', amount: 1 }))).rejects.toThrow(/reused/);
    await expect(provider.createPayment(input(tokenFor('decline', '0002'), { idempotencyKey: 'k' }))).rejects.toThrow(/reused/);
  });

  it('does not share keys between provider instances', async () => {
    const request = input(tokenFor('success', '4242'), { idempotencyKey: 'shared' });
    const a = await createMockProvider({ env: 'test' }).createPayment(request);
    const b = await createMockProvider({ env: 'test' }).createPayment(request);
    expect(a.reference).not.toBe(b.reference);
  });
});

describe('retrievePayment and the challenge route', () => {
  it('reports a pending challenge as requires_action', async () => {
    const provider = createMockProvider({ env: 'test' });
    const { reference, challengeId } = await threeDs(provider);
    expect(await provider.retrievePayment(reference)).toMatchObject({ status: 'requires_action', reference, action: { data: { challengeId } } });
  });

  it('approves a challenge: the payment then succeeded', async () => {
    const provider = createMockProvider({ env: 'test' });
    const { reference, challengeId } = await threeDs(provider);
    const response = await decide(provider, challengeId, { decision: 'approve' });
    expect(response!.status).toBe(200);
    expect(await response!.json()).toEqual({ status: 'approved' });
    expect(await provider.retrievePayment(reference)).toEqual({ status: 'succeeded', reference, amount: 2490, currency: 'EUR' });
  });

  it('cancels a challenge: the payment then failed with authentication_canceled', async () => {
    const provider = createMockProvider({ env: 'test' });
    const { reference, challengeId } = await threeDs(provider);
    const response = await decide(provider, challengeId, { decision: 'cancel' });
    expect(await response!.json()).toEqual({ status: 'canceled' });
    expect(await provider.retrievePayment(reference)).toEqual({
      status: 'failed',
      reference,
      code: 'authentication_canceled',
      message: 'You cancelled the card verification. You have not been charged.',
    });
  });

  it('refuses to re-decide a challenge with 409', async () => {
    const provider = createMockProvider({ env: 'test' });
    const { reference, challengeId } = await threeDs(provider);
    await decide(provider, challengeId, { decision: 'cancel' });
    const again = await decide(provider, challengeId, { decision: 'approve' });
    expect(again!.status).toBe(409);
    expect(await again!.json()).toEqual({ error: { code: 'no_action_pending', message: expect.any(String) } });
    expect((await provider.retrievePayment(reference)).status).toBe('failed');
  });

  it('answers 404 for an unknown challenge', async () => {
    const provider = createMockProvider({ env: 'test' });
    const response = await decide(provider, 'mockch_nope', { decision: 'approve' });
    expect(response!.status).toBe(404);
    expect(await response!.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it.each([
    [{ decision: 'maybe' }, 'validation_failed'],
    [{}, 'validation_failed'],
    [{ decision: 'approve', amount: 1 }, 'validation_failed'],
    ['not json', 'invalid_json'],
  ])('answers 400 for the body %j', async (body, code) => {
    const provider = createMockProvider({ env: 'test' });
    const { reference, challengeId } = await threeDs(provider);
    const response = await decide(provider, challengeId, body);
    expect(response!.status).toBe(400);
    const json = (await response!.json()) as { error: { code: string; message: string } };
    expect(json.error).toMatchObject({ code, message: expect.any(String) });
    expect((await provider.retrievePayment(reference)).status).toBe('requires_action');
  });

  it('lists issues for a body that fails validation', async () => {
    const provider = createMockProvider({ env: 'test' });
    const { challengeId } = await threeDs(provider);
    const response = await decide(provider, challengeId, { decision: 'maybe' });
    expect(await response!.json()).toMatchObject({ error: { issues: [{ path: 'decision' }] } });
  });

  it('answers 405 to a GET of a challenge', async () => {
    const provider = createMockProvider({ env: 'test' });
    const { challengeId } = await threeDs(provider);
    const response = await provider.handleRequest!(new Request(`http://x/c/${challengeId}`), `challenges/${challengeId}`);
    expect(response!.status).toBe(405);
  });

  it('accepts a path with a leading slash', async () => {
    const provider = createMockProvider({ env: 'test' });
    const { challengeId } = await threeDs(provider);
    const request = new Request('http://x', { method: 'POST', body: JSON.stringify({ decision: 'approve' }) });
    expect((await provider.handleRequest!(request, `/challenges/${challengeId}`))!.status).toBe(200);
  });

  it.each(['', 'webhooks', 'challenges', 'challenges/', 'challenges/a/b', 'other/x'])('returns null for the path %j', async (path) => {
    const provider = createMockProvider({ env: 'test' });
    const request = new Request('http://x', { method: 'POST', body: '{}' });
    expect(await provider.handleRequest!(request, path)).toBeNull();
  });

  it('reports an unknown reference as a provider error', async () => {
    const provider = createMockProvider({ env: 'test' });
    expect(await provider.retrievePayment('mockpay_unknown')).toMatchObject({ status: 'failed', code: 'provider_error' });
  });
});

describe('customers and saved methods', () => {
  const provider = createMockProvider({ env: 'test' });
  const pay = (paymentMethod: string, key: string, extra: Partial<Parameters<typeof provider.createPayment>[0]> = {}) =>
    provider.createPayment({ sessionId: 'cs_1', amount: 4200, currency: 'EUR', paymentMethod, idempotencyKey: key, metadata: {}, ...extra });

  it('creates the same customer for the same key, so it survives a restart', async () => {
    const customer = await provider.customers!.ensure({ shopperId: 'shp_1', key: 'customer:shp_1' });
    expect(customer).toMatch(/^cus_mock_/);
    expect(await createMockProvider({ env: 'test' }).customers!.ensure({ shopperId: 'shp_1', key: 'customer:shp_1' })).toBe(customer);
    expect(await provider.customers!.ensure({ shopperId: 'shp_2', key: 'customer:shp_2' })).not.toBe(customer);
  });

  it('saves the paying card for the customer with brand, last 4 and expiry only, and charges it again', async () => {
    const customer = await provider.customers!.ensure({ shopperId: 'shp_3', key: 'customer:shp_3' });
    const first = await pay('pm_mock_success_4242', 'k-save', { customer, savePaymentMethod: true });
    expect(first).toMatchObject({ status: 'succeeded', paymentMethod: { reference: 'pm_mock_saved_success_4242', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 } });
    expect(await provider.customers!.list(customer)).toEqual([{ reference: 'pm_mock_saved_success_4242', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 }]);
    expect(await pay('pm_mock_saved_success_4242', 'k-again', { customer })).toMatchObject({ status: 'succeeded' });
    // Without its customer, or after it was detached, a saved method is refused.
    expect(await pay('pm_mock_saved_success_4242', 'k-nocustomer')).toMatchObject({ status: 'failed', code: 'provider_error' });
    await provider.customers!.detach(customer, 'pm_mock_saved_success_4242');
    expect(await provider.customers!.list(customer)).toEqual([]);
    expect(await pay('pm_mock_saved_success_4242', 'k-detached', { customer })).toMatchObject({ status: 'failed', code: 'provider_error' });
  });

  it('does not keep a card that was not asked to be saved', async () => {
    const customer = await provider.customers!.ensure({ shopperId: 'shp_4', key: 'customer:shp_4' });
    await pay('pm_mock_success_4242', 'k-nosave', { customer });
    expect(await provider.customers!.list(customer)).toEqual([]);
  });
});
