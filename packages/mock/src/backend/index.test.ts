import { describe, expect, it } from 'vitest';
import { CheckoutSession, ConfirmResponse, createBackendClient, OmniApiError, type CheckoutBackend } from '@omni-checkout/core';
import { TEST_CARDS, tokenFor } from '../test-cards.js';
import { createMemoryBackend, type MemoryBackend, type MemoryBackendOptions } from './index.js';

const address = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };
const token = {
  success: tokenFor('success', TEST_CARDS.success.slice(-4)),
  decline: tokenFor('decline', TEST_CARDS.decline.slice(-4)),
  insufficient: tokenFor('insufficient_funds', TEST_CARDS.insufficient_funds.slice(-4)),
  threeDs: tokenFor('three_d_secure', TEST_CARDS.three_d_secure.slice(-4)),
};

function setup(options: MemoryBackendOptions = {}): { backend: MemoryBackend; api: CheckoutBackend } {
  const backend = createMemoryBackend(options);
  const api = createBackendClient({
    apiBase: backend.apiBase,
    publishableKey: backend.publishableKey,
    clientSecret: backend.clientSecret,
    fetch: backend.fetch,
  });
  return { backend, api };
}

async function ready(options: MemoryBackendOptions = {}) {
  return setup({ contact: { email: 'ada@example.com' }, shippingAddress: address, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<OmniApiError> {
  const error = await promise.then(
    () => { throw new Error('expected the call to fail'); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OmniApiError);
  return error as OmniApiError;
}

/** Posts the mock challenge decision as the client half does. */
function decide(backend: MemoryBackend, challengeId: string, decision: string, headers: Record<string, string> = {}) {
  return backend.fetch(`${backend.apiBase}/v1/providers/mock/challenges/${challengeId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'omni-publishable-key': backend.publishableKey, ...headers },
    body: JSON.stringify({ decision }),
  });
}

describe('createMemoryBackend: the session', () => {
  it('serves a valid default session: two products in EUR, Standard and Express shipping', async () => {
    // Tuesday 8 Dec 2026, 09:00 UTC: before the default 14:00 cut-off.
    const { api, backend } = setup({ now: () => new Date('2026-12-08T09:00:00Z') });
    const session = await api.getSession();
    expect(CheckoutSession.parse(session)).toEqual(session);
    expect(session).toEqual(backend.session());
    expect(session).toMatchObject({ status: 'open', livemode: false, currency: 'EUR', provider: { id: 'mock', config: {} } });
    expect(session.lineItems).toHaveLength(2);
    expect(session.shippingOptions).toEqual([
      {
        id: 'standard', label: 'Standard', amount: 490, deliveryEstimate: { minDays: 2, maxDays: 4 },
        deliveryWindow: { earliest: '2026-12-10', latest: '2026-12-14' },
      },
      {
        id: 'express', label: 'Express', amount: 1200, deliveryEstimate: { minDays: 1, maxDays: 1 },
        deliveryWindow: { earliest: '2026-12-09', latest: '2026-12-09' },
      },
    ]);
    expect(session.selectedShippingOptionId).toBe('standard');
    // 24.50 + 2 × 12.00 + 4.90 shipping, written out (not computed by the code under test).
    expect(session.totals).toEqual({ subtotal: 4850, shipping: 490, total: 5340 });
    expect(backend.clientSecret.startsWith(`${session.id}_secret_`)).toBe(true);
    expect(JSON.stringify(session)).not.toContain(backend.clientSecret);
  });

  it('takes the cart, market and prefill from options, and prices it with core', async () => {
    const { api } = setup({
      lineItems: [{ id: 'tea', name: 'Tea', unitAmount: 300, quantity: 3 }],
      shippingOptions: [],
      currency: 'JPY',
      country: 'JP',
      locale: 'ja-JP',
      merchantName: 'Kissa',
      contact: { email: 'hana@example.jp' },
    });
    const session = await api.getSession();
    expect(session).toMatchObject({
      currency: 'JPY',
      country: 'JP',
      locale: 'ja-JP',
      merchant: { name: 'Kissa' },
      contact: { email: 'hana@example.jp' },
      selectedShippingOptionId: null,
      totals: { subtotal: 900, shipping: 0, total: 900 },
    });
  });

  it('refuses impossible options up front', () => {
    expect(() => createMemoryBackend({ currency: 'XYZ' })).toThrow();
    expect(() => createMemoryBackend({ lineItems: [] })).toThrow();
  });

  it('updates contact, address and shipping option, recomputing totals', async () => {
    const { api } = setup();
    expect((await api.setContact({ email: 'ada@example.com' })).contact).toEqual({ email: 'ada@example.com' });
    expect((await api.setShippingAddress(address)).shippingAddress).toEqual(address);
    const session = await api.setShippingOption('express');
    expect(session.selectedShippingOptionId).toBe('express');
    expect(session.totals.shipping).toBe(1200);
    expect(session.totals).toEqual({ subtotal: 4850, shipping: 1200, total: 6050 });
  });

  it('validates bodies with the core schemas: 400 validation_failed with dotted paths', async () => {
    const { api } = setup();
    const error = await rejection(api.setContact({ email: 'not-an-email' }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 400 });
    expect(error.issues[0]?.path).toBe('email');
    const unknown = await rejection(api.setShippingAddress({ ...address, country: 'ZZ' }));
    expect(unknown.issues.map((i) => i.path)).toEqual(['country']);
    const extra = await rejection(api.setContact({ email: 'a@b.co', name: 'x' } as never));
    expect(extra.issues).toEqual([{ path: 'name', message: 'Unknown field' }]);
  });

  it('answers shipping_option_not_found for an option that is not offered', async () => {
    const { api } = setup();
    expect(await rejection(api.setShippingOption('teleport'))).toMatchObject({ code: 'shipping_option_not_found', status: 400 });
  });
});

describe('authentication and transport, as the real backend', () => {
  it('checks the publishable key and the client secret', async () => {
    const { backend } = setup();
    const call = (options: { publishableKey?: string; clientSecret?: string }) =>
      rejection(
        createBackendClient({
          apiBase: backend.apiBase,
          publishableKey: options.publishableKey ?? backend.publishableKey,
          clientSecret: options.clientSecret ?? backend.clientSecret,
          fetch: backend.fetch,
        }).getSession(),
      );
    expect(await call({ publishableKey: 'pk_test_other' })).toMatchObject({ code: 'invalid_api_key', status: 401 });
    expect(await call({ publishableKey: 'sk_test_oops' })).toMatchObject({ code: 'publishable_key_required', status: 401 });
    const sessionId = backend.session().id;
    expect(await call({ clientSecret: `${sessionId}_secret_wrong` })).toMatchObject({ code: 'invalid_client_secret', status: 401 });
    expect(await call({ clientSecret: 'cs_test_other_secret_x' })).toMatchObject({ code: 'invalid_client_secret', status: 401 });
  });

  it('requires JSON bodies and a known route', async () => {
    const { backend } = setup();
    const base = `${backend.apiBase}/v1/client/checkout-sessions/${backend.session().id}`;
    const headers = { authorization: `Bearer ${backend.clientSecret}`, 'omni-publishable-key': backend.publishableKey };
    const post = (path: string, body: string, type = 'application/json') =>
      backend.fetch(base + path, { method: 'POST', headers: { ...headers, 'content-type': type }, body });
    const code = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];
    expect(await code(await post('/contact', 'email=a', 'application/x-www-form-urlencoded'))).toEqual([415, 'unsupported_media_type']);
    expect(await code(await post('/contact', '{nope'))).toEqual([400, 'invalid_json']);
    expect(await code(await post('/contact', '[]'))).toEqual([400, 'invalid_json']);
    expect(await code(await post('/refund', '{}'))).toEqual([404, 'not_found']);
    expect(await code(await backend.fetch(`${base}/contact`, { headers }))).toEqual([404, 'not_found']);
    expect(await code(await backend.fetch(`${backend.apiBase}/v1/elsewhere`, { headers }))).toEqual([404, 'not_found']);
  });

  it('fails the next request with the configured code, then recovers', async () => {
    const { api } = setup({ failNextRequestWith: 'rate_limited' });
    expect(await rejection(api.getSession())).toMatchObject({ code: 'rate_limited', status: 429 });
    expect((await api.getSession()).status).toBe('open');
  });

  it('simulates a network failure', async () => {
    const { api } = setup({ failNextRequestWith: 'network_error' });
    expect(await rejection(api.getSession())).toMatchObject({ code: 'network_error', status: 0 });
  });

  it('fails only the targeted route with failNext(code, route)', async () => {
    const { api, backend } = await ready();
    backend.failNext('internal_error', 'confirm');
    await api.getSession();
    expect(await rejection(api.confirm(token.success, 'k1'))).toMatchObject({ code: 'internal_error', status: 500 });
    expect((await api.confirm(token.success, 'k2')).status).toBe('succeeded');
  });
});

describe('confirm', () => {
  it('pays with the success card: session complete and an order for the server-computed total', async () => {
    const { api, backend } = await ready();
    await api.setShippingOption('express');
    const result = await api.confirm(token.success, 'attempt-1');
    expect(ConfirmResponse.parse(result)).toBeTruthy();
    expect(result.status).toBe('succeeded');
    expect(result.session).toMatchObject({ status: 'complete', orderId: result.order!.id, nextAction: null });
    expect(result.order).toMatchObject({
      object: 'order',
      status: 'paid',
      amount: result.session.totals.total,
      currency: 'EUR',
      provider: 'mock',
      shippingOption: { id: 'express' },
      contact: { email: 'ada@example.com' },
    });
    expect(backend.order()).toEqual(result.order);
    expect(await rejection(api.setContact({ email: 'late@example.com' }))).toMatchObject({ code: 'session_completed', status: 409 });
    expect(await rejection(api.confirm(token.success, 'attempt-2'))).toMatchObject({ code: 'session_completed', status: 409 });
  });

  it('computes delivery windows from the merchant’s settings, as the real backend does, and the order keeps its window', async () => {
    let now = new Date('2026-12-23T13:30:00Z'); // Wednesday 14:30 in Warsaw, after a 14:00 cut-off
    const { api } = await ready({ delivery: { timeZone: 'Europe/Warsaw', holidays: ['12-24', '12-25'] }, now: () => now });
    expect((await api.getSession()).shippingOptions.map((o) => o.deliveryWindow)).toEqual([
      { earliest: '2026-12-30', latest: '2027-01-01' },
      { earliest: '2026-12-29', latest: '2026-12-29' },
    ]);
    const result = await api.confirm(token.success, 'attempt-1');
    now = new Date('2027-01-04T08:00:00Z');
    expect(result.order?.shippingOption?.deliveryWindow).toEqual({ earliest: '2026-12-30', latest: '2027-01-01' });
    expect((await api.getSession()).shippingOptions[0]?.deliveryWindow).toEqual({ earliest: '2027-01-06', latest: '2027-01-08' });
  });

  it('ignores an amount sent by the page', async () => {
    const { backend } = await ready();
    const response = await backend.fetch(`${backend.apiBase}/v1/client/checkout-sessions/${backend.session().id}/confirm`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${backend.clientSecret}`,
        'omni-publishable-key': backend.publishableKey,
        'content-type': 'application/json',
        'idempotency-key': 'tampered',
      },
      body: JSON.stringify({ paymentMethod: token.success, amount: 1, currency: 'JPY' }),
    });
    const body = (await response.json()) as { order: { amount: number; currency: string } };
    expect(body.order).toMatchObject({ amount: 5340, currency: 'EUR' });
  });

  it.each([
    ['decline', token.decline, 'card_declined', 'generic_decline'],
    ['insufficient funds', token.insufficient, 'insufficient_funds', 'insufficient_funds'],
  ])('answers 402 for the %s card and reopens the session with the error', async (_name, pm, code, declineCode) => {
    const { api } = await ready();
    const error = await rejection(api.confirm(pm, 'k'));
    expect(error).toMatchObject({ code, status: 402, declineCode });
    const session = await api.getSession();
    expect(session.status).toBe('open');
    expect(session.lastPaymentError).toMatchObject({ code, declineCode });
    expect((await api.confirm(token.success, 'k-retry')).status).toBe('succeeded');
    expect((await api.getSession()).lastPaymentError).toBeNull();
  });

  it('answers provider_error (402) for a payment method that is not a mock token', async () => {
    const { api } = await ready();
    expect(await rejection(api.confirm('pm_card_visa', 'k'))).toMatchObject({ code: 'provider_error', status: 402 });
  });

  it('needs contact and address first: 409 session_not_ready with what is missing', async () => {
    const { api } = setup();
    const error = await rejection(api.confirm(token.success, 'k'));
    expect(error).toMatchObject({ code: 'session_not_ready', status: 409 });
    expect(error.issues.map((i) => i.path)).toEqual(['contact', 'shippingAddress']);
  });

  it('needs an Idempotency-Key', async () => {
    const { api } = await ready();
    expect(await rejection(api.confirm(token.success, ''))).toMatchObject({ code: 'idempotency_key_required', status: 400 });
  });

  it('answers the same key with the same answer, and refuses the key with another body', async () => {
    const { api } = await ready();
    const first = await api.confirm(token.success, 'same');
    const second = await api.confirm(token.success, 'same');
    expect(second).toEqual(first);
    expect(await rejection(api.confirm(token.decline, 'same'))).toMatchObject({ code: 'idempotency_key_reused', status: 422 });
  });

  it('replays a stored decline for its key', async () => {
    const { api } = await ready();
    const first = await rejection(api.confirm(token.decline, 'd'));
    const again = await rejection(api.confirm(token.decline, 'd'));
    expect(again).toMatchObject({ code: first.code, status: 402, message: first.message });
  });

  it('allows one confirm in flight: a second key gets confirm_in_progress, the same key shares the answer', async () => {
    const { api } = await ready({ confirmDelayMs: 30 });
    const first = api.confirm(token.success, 'a');
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first request has reached the backend
    const same = api.confirm(token.success, 'a');
    const other = rejection(api.confirm(token.success, 'b'));
    expect((await api.getSession()).status).toBe('processing');
    expect(await other).toMatchObject({ code: 'confirm_in_progress', status: 409 });
    const [one, two] = await Promise.all([first, same]);
    expect(two).toEqual(one);
    expect(one.session.status).toBe('complete');
  });

  it('can hang a confirm for a "paying" story, until the request is aborted', async () => {
    const { backend } = await ready({ hangConfirm: true });
    const controller = new AbortController();
    const pending = backend.fetch(`${backend.apiBase}/v1/client/checkout-sessions/${backend.session().id}/confirm`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${backend.clientSecret}`,
        'omni-publishable-key': backend.publishableKey,
        'content-type': 'application/json',
        'idempotency-key': 'hang',
      },
      body: JSON.stringify({ paymentMethod: token.success }),
      signal: controller.signal,
    });
    const settled = await Promise.race([pending.then(() => 'answered'), new Promise((r) => setTimeout(() => r('pending'), 50))]);
    expect(settled).toBe('pending');
    expect(backend.session().status).toBe('processing');
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});

describe('3-D Secure through the mock challenge route', () => {
  async function challenge() {
    const context = await ready();
    const result = await context.api.confirm(token.threeDs, 'k-3ds');
    expect(result.status).toBe('requires_action');
    expect(result.session.status).toBe('requires_action');
    const action = result.session.nextAction!;
    expect(action).toMatchObject({ type: 'challenge', provider: 'mock' });
    return { ...context, challengeId: action.data['challengeId']! };
  }

  it('approve → complete-action succeeds with an order', async () => {
    const { api, backend, challengeId } = await challenge();
    expect(await rejection(api.completeAction())).toMatchObject({ code: 'confirm_in_progress', status: 409 });
    const response = await decide(backend, challengeId, 'approve');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'approved' });
    const result = await api.completeAction();
    expect(result.status).toBe('succeeded');
    expect(result.order?.amount).toBe(5340);
    // Asking again after success answers the same outcome.
    expect((await api.completeAction()).order?.id).toBe(result.order?.id);
  });

  it('cancel → complete-action fails with authentication_canceled and reopens the session', async () => {
    const { api, backend, challengeId } = await challenge();
    await decide(backend, challengeId, 'cancel');
    const error = await rejection(api.completeAction());
    expect(error).toMatchObject({ code: 'authentication_canceled', status: 402 });
    const session = await api.getSession();
    expect(session).toMatchObject({ status: 'open', nextAction: null, lastPaymentError: { code: 'authentication_canceled' } });
    expect(await rejection(api.completeAction())).toMatchObject({ code: 'no_action_pending', status: 409 });
  });

  it('blocks changes and new confirms while the challenge is pending', async () => {
    const { api } = await challenge();
    expect(await rejection(api.setShippingOption('express'))).toMatchObject({ code: 'confirm_in_progress', status: 409 });
    expect(await rejection(api.confirm(token.success, 'other'))).toMatchObject({ code: 'confirm_in_progress', status: 409 });
  });

  it('answers the challenge route as the real backend does: key check, 400, 404, 409', async () => {
    const { backend, challengeId } = await challenge();
    expect((await decide(backend, challengeId, 'approve', { 'omni-publishable-key': 'pk_test_other' })).status).toBe(401);
    expect((await decide(backend, challengeId, 'maybe')).status).toBe(400);
    expect((await decide(backend, 'mockch_unknown', 'approve')).status).toBe(404);
    expect((await decide(backend, challengeId, 'approve')).status).toBe(200);
    const again = await decide(backend, challengeId, 'cancel');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'no_action_pending' } });
  });
});

describe('createMemoryBackend: cash on delivery, as the backend offers and confirms it', () => {
  const cod = { enable: ['cash_on_delivery' as const], cashOnDelivery: { maximum: { EUR: 100_000 }, fee: { EUR: 500 } } };

  it('lists it with its fee where the merchant allows it, and confirms it into an order awaiting delivery, fee included', async () => {
    const { api } = await ready({ paymentMethods: cod });
    const session = await api.getSession();
    expect(session.paymentMethods).toContainEqual({ type: 'cash_on_delivery', provider: 'cash_on_delivery', available: true, fee: 500 });
    const key = 'cod-key-1';
    const answer = await api.confirm('cash_on_delivery', key, 'cash_on_delivery');
    expect(answer.status).toBe('succeeded');
    expect(answer.order).toMatchObject({ status: 'authorized', provider: 'cash_on_delivery', amount: session.totals.total + 500, amountCaptured: 0 });
    // The same key answers the same order.
    expect((await api.confirm('cash_on_delivery', key, 'cash_on_delivery')).order?.id).toBe(answer.order?.id);
  });

  it('refuses it above the maximum with the fee, or where the merchant did not enable it', async () => {
    const tight = await ready({ paymentMethods: { ...cod, cashOnDelivery: { maximum: { EUR: 1000 }, fee: { EUR: 500 } } } });
    expect((await tight.api.getSession()).paymentMethods.map((m) => m.type)).not.toContain('cash_on_delivery');
    expect((await rejection(tight.api.confirm('cash_on_delivery', 'cod-key-2', 'cash_on_delivery'))).code).toBe('provider_not_available');
    const off = await ready();
    expect((await rejection(off.api.confirm('cash_on_delivery', 'cod-key-3', 'cash_on_delivery'))).code).toBe('provider_not_available');
  });
});
