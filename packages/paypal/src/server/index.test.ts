/** The PayPal server half against the loopback REST fake: OAuth, orders, captures, vault, webhooks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookVerificationError, type CheckoutSession, type ProviderPaymentInput, type ProviderPrepareInput } from '@omni-checkout/core';
import { startPayPalRestFake, type PayPalRestFake } from '../testing/index.js';
import { createPayPalProvider, experienceLocale, isPinnedCertUrl, keyedLock, toPayPalValue, type PayPalServerProvider } from './index.js';

let fake: PayPalRestFake;

beforeAll(async () => {
  fake = await startPayPalRestFake();
});
afterAll(() => fake.close());

/** Certificates are fetched from PayPal's hosts; in tests the fetch answers the fake's certificate and records the URL. */
const certFetches: string[] = [];

function provider(overrides: Partial<Parameters<typeof createPayPalProvider>[0]> = {}): PayPalServerProvider {
  return createPayPalProvider({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    apiBase: fake.url,
    webhookId: fake.webhookId,
    fetchCertificate: async (url) => {
      certFetches.push(url);
      return fake.certificate;
    },
    ...overrides,
  });
}

let sessions = 0;
function session(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return {
    id: `cs_test_${++sessions}`,
    object: 'checkout_session',
    status: 'open',
    livemode: false,
    merchant: { name: 'Shop' },
    currency: 'EUR',
    country: 'DE',
    locale: 'de',
    channel: 'web',
    lineItems: [{ id: 'tee', name: 'T-shirt', unitAmount: 1999, quantity: 2, amount: 3998 }],
    shippingOptions: [
      { id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } },
      { id: 'express', label: 'Express', amount: 1295, deliveryEstimate: { minDays: 1, maxDays: 1 } },
    ],
    selectedShippingOptionId: 'standard',
    contact: { email: 'ada@example.com' },
    shippingAddress: { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    totals: { subtotal: 3998, shipping: 495, total: 4493 },
    provider: { id: 'paypal', config: {} },
    providers: [{ id: 'paypal', config: {}, methods: ['paypal', 'paylater'] }],
    paymentMethods: [
      { type: 'paypal', provider: 'paypal', available: true },
      { type: 'paylater', provider: 'paypal', available: true },
    ],
    nextAction: null,
    lastPaymentError: null,
    orderId: null,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    ...overrides,
  };
}

function prepareInput(s: CheckoutSession, extra: Partial<ProviderPrepareInput> = {}): ProviderPrepareInput {
  return { session: s, amount: s.totals.total, currency: s.currency, method: 'paypal', idempotencyKey: `${s.id}:prepare:${Math.random()}`, ...extra };
}

function payInput(s: CheckoutSession, orderId: string, extra: Partial<ProviderPaymentInput> = {}): ProviderPaymentInput {
  return { sessionId: s.id, amount: s.totals.total, currency: s.currency, paymentMethod: orderId, idempotencyKey: `${s.id}:confirm:${Math.random()}`, metadata: {}, ...extra };
}

describe('amounts and locales', () => {
  it('formats minor units with the currency’s own decimals', () => {
    expect(toPayPalValue(4493, 'EUR')).toBe('44.93');
    expect(toPayPalValue(5, 'USD')).toBe('0.05');
    expect(toPayPalValue(1500, 'JPY')).toBe('1500');
    expect(toPayPalValue(1234, 'KWD')).toBe('1.234');
  });

  it('gives PayPal a language-REGION locale', () => {
    expect(experienceLocale('de', 'DE')).toBe('de-DE');
    expect(experienceLocale('en-gb', 'DE')).toBe('en-GB');
    expect(experienceLocale('zh-Hant-TW', 'TW')).toBe('zh-TW');
    expect(experienceLocale(null, 'DE')).toBeUndefined();
  });
});

describe('OAuth client credentials', () => {
  it('fetches one token for many calls and a new one after PayPal revokes it', async () => {
    const p = provider();
    const s = session();
    await Promise.all([p.prepare!(prepareInput(s)), p.prepare!(prepareInput(s)), p.prepare!(prepareInput(s))]);
    expect(p.tokenFetches).toBe(1);
    fake.revokeTokens();
    await p.prepare!(prepareInput(s));
    expect(p.tokenFetches).toBe(2);
  });

  it('refreshes a token before it expires', async () => {
    let clock = Date.now();
    const p = provider({ now: () => clock });
    await p.prepare!(prepareInput(session()));
    clock += 8 * 3600_000 + 59 * 60_000; // 1 minute before the 9 h lifetime ends: inside the safety margin
    await p.prepare!(prepareInput(session()));
    expect(p.tokenFetches).toBe(2);
  });

  it('fails clearly with wrong credentials', async () => {
    const p = provider({ clientSecret: 'wrong' });
    await expect(p.prepare!(prepareInput(session()))).rejects.toThrow(/PayPal API 401/);
  });
});

describe('prepare: the order is created from the session', () => {
  it('creates a CAPTURE order with the session’s amount, items, address, locale and custom_id', async () => {
    const s = session();
    const { reference } = await provider().prepare!(prepareInput(s));
    const { request, order } = fake.orders.get(reference)!;
    expect(order.status).toBe('CREATED');
    const unit = request.purchase_units[0]!;
    expect(unit.custom_id).toBe(s.id);
    expect(unit.amount).toEqual({ currency_code: 'EUR', value: '44.93', breakdown: { item_total: { currency_code: 'EUR', value: '39.98' }, shipping: { currency_code: 'EUR', value: '4.95' } } });
    expect(unit.items).toEqual([{ name: 'T-shirt', sku: 'tee', quantity: '2', unit_amount: { currency_code: 'EUR', value: '19.99' } }]);
    expect(unit.shipping?.address).toMatchObject({ address_line_1: 'Unter den Linden 1', admin_area_2: 'Berlin', postal_code: '10117', country_code: 'DE' });
    expect(request.payment_source?.paypal?.experience_context).toMatchObject({ shipping_preference: 'SET_PROVIDED_ADDRESS', locale: 'de-DE', user_action: 'PAY_NOW' });
    expect(request.payment_source?.paypal?.attributes).toBeUndefined();
  });

  it('sends PayPal-Request-Id: a retried prepare answers the same order', async () => {
    const s = session();
    const input = prepareInput(s, { idempotencyKey: `${s.id}:prepare:retry` });
    const before = fake.orders.size;
    const [a, b] = [await provider().prepare!(input), await provider().prepare!(input)];
    expect(a.reference).toBe(b.reference);
    expect(fake.orders.size).toBe(before + 1);
  });

  it('express: the shopper picks the address in PayPal; shipping options come from the session', async () => {
    const s = session({ shippingAddress: null });
    const { reference } = await provider().prepare!(prepareInput(s, { express: true }));
    const { request } = fake.orders.get(reference)!;
    expect(request.payment_source?.paypal?.experience_context?.shipping_preference).toBe('GET_FROM_FILE');
    expect(request.purchase_units[0]!.shipping?.options?.map((o) => [o.id, o.selected, o.amount?.value])).toEqual([
      ['standard', true, '4.95'],
      ['express', false, '12.95'],
    ]);
  });

  it('re-prices an order prepared before (a shipping change in the PayPal window)', async () => {
    const p = provider();
    const s = session({ shippingAddress: null });
    const { reference } = await p.prepare!(prepareInput(s, { express: true }));
    const repriced = session({ ...s, selectedShippingOptionId: 'express', totals: { subtotal: 3998, shipping: 1295, total: 5293 } });
    const again = await p.prepare!(prepareInput(repriced, { express: true, reference }));
    expect(again.reference).toBe(reference);
    const unit = fake.orders.get(reference)!.order.purchase_units![0]!;
    expect(unit.amount?.value).toBe('52.93');
    expect(unit.shipping?.options?.find((o) => o.selected)?.id).toBe('express');
  });

  it('refuses to re-price an order of another checkout', async () => {
    const p = provider();
    const { reference } = await p.prepare!(prepareInput(session()));
    await expect(p.prepare!(prepareInput(session(), { reference }))).rejects.toThrow(/another checkout/);
  });

  it('Venmo orders use the venmo payment source; consent asks PayPal to vault on success', async () => {
    const s = session({ currency: 'USD', country: 'US' });
    const { reference } = await provider().prepare!(prepareInput(s, { method: 'venmo', savePaymentMethod: true, customer: 'omni_shopper1' }));
    const { request } = fake.orders.get(reference)!;
    expect(request.payment_source?.paypal).toBeUndefined();
    expect(request.payment_source?.venmo?.attributes).toEqual({
      customer: { id: 'omni_shopper1' },
      vault: { store_in_vault: 'ON_SUCCESS', usage_type: 'MERCHANT', customer_type: 'CONSUMER' },
    });
  });
});

describe('capture', () => {
  it('captures an approved order once, with PayPal-Request-Id', async () => {
    const p = provider();
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    fake.approve(reference);
    const input = payInput(s, reference);
    expect(await p.createPayment(input)).toEqual({ status: 'succeeded', reference, amount: s.totals.total, currency: s.currency });
    // A retry with the same key (a crash after PayPal answered) replays the same capture.
    expect(await p.createPayment(input)).toEqual({ status: 'succeeded', reference, amount: s.totals.total, currency: s.currency });
    expect(fake.captures.filter((c) => c.custom_id === s.id)).toHaveLength(1);
  });

  it('two concurrent captures of one order → one capture (R11)', async () => {
    const s = session();
    const { reference } = await provider().prepare!(prepareInput(s));
    fake.approve(reference);
    fake.captureDelayMs = 50;
    try {
      // Two processes (two provider instances) and two attempts in one process, all at once.
      const one = provider();
      const results = await Promise.all([
        one.createPayment(payInput(s, reference)),
        one.createPayment(payInput(s, reference)),
        provider().createPayment(payInput(s, reference)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    } finally {
      fake.captureDelayMs = 0;
    }
    expect(fake.captures.filter((c) => c.custom_id === s.id)).toHaveLength(1);
    // The two calls of one instance ran one after the other: the second saw the order completed.
    expect(fake.orders.get(reference)!.captureCalls).toBe(2);
  });

  it('charges the session’s amount even when the order says otherwise', async () => {
    const p = provider();
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    fake.approve(reference);
    const cheaper = await p.createPayment(payInput(s, reference, { amount: 4493 }));
    expect(cheaper.status).toBe('succeeded');
    const s2 = session();
    const second = await p.prepare!(prepareInput(s2));
    fake.orders.get(second.reference)!.order.purchase_units![0]!.amount!.value = '0.01'; // tampered
    fake.approve(second.reference);
    await p.createPayment(payInput(s2, second.reference));
    expect(fake.captures.find((c) => c.custom_id === s2.id)?.amount?.value).toBe('44.93');
  });

  it('refuses an order of another session (a page cannot pay with someone else’s order)', async () => {
    const p = provider();
    const { reference } = await p.prepare!(prepareInput(session()));
    fake.approve(reference);
    const result = await p.createPayment(payInput(session(), reference));
    expect(result).toMatchObject({ status: 'failed', code: 'provider_error' });
    expect(fake.orders.get(reference)!.order.status).toBe('APPROVED');
  });

  it('INSTRUMENT_DECLINED → card_declined; after the buyer picks another source the capture succeeds', async () => {
    const p = provider();
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    fake.approve(reference, { declined: true });
    expect(await p.createPayment(payInput(s, reference))).toMatchObject({ status: 'failed', code: 'card_declined', declineCode: 'instrument_declined', reference });
    fake.approve(reference, { funding: 'paylater' });
    expect(await p.createPayment(payInput(s, reference))).toEqual({ status: 'succeeded', reference, amount: s.totals.total, currency: s.currency });
  });

  it('an order the buyer never approved (cancelled) is not captured', async () => {
    const p = provider();
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    expect(await p.createPayment(payInput(s, reference))).toMatchObject({ status: 'failed', code: 'authentication_canceled' });
    expect(fake.orders.get(reference)!.captureCalls).toBe(0);
  });

  it('retrievePayment reports the order’s state', async () => {
    const p = provider();
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    expect((await p.retrievePayment(reference)).status).toBe('failed');
    fake.approve(reference);
    expect((await p.retrievePayment(reference)).status).toBe('processing');
    await p.createPayment(payInput(s, reference));
    expect(await p.retrievePayment(reference)).toEqual({ status: 'succeeded', reference, amount: s.totals.total, currency: s.currency });
  });
});

describe('vault: a returning shopper pays in one click', () => {
  it('vaults with consent, lists the account masked, pays with it in one call, and detaches it', async () => {
    const p = provider();
    const customer = await p.customers!.ensure({ shopperId: 'shp_123', key: 'k' });
    expect(customer).toBe(await p.customers!.ensure({ shopperId: 'shp_123', key: 'k2' }));
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s, { savePaymentMethod: true, customer }));
    fake.approve(reference, { email: 'ada@example.com' });
    const first = await p.createPayment(payInput(s, reference, { customer, savePaymentMethod: true }));
    expect(first).toMatchObject({ status: 'succeeded', paymentMethod: { brand: 'paypal', account: 'a•••@example.com' } });
    const saved = await p.customers!.list(customer);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toEqual({ reference: (first as { paymentMethod: { reference: string } }).paymentMethod.reference, brand: 'paypal', account: 'a•••@example.com' });
    expect(JSON.stringify(saved)).not.toContain('ada@example.com');

    // Next visit: no PayPal window, no approval — one call completes the payment.
    const next = session();
    const requestsBefore = fake.requests.length;
    const paid = await p.createPayment(payInput(next, saved[0]!.reference, { customer }));
    expect(paid.status).toBe('succeeded');
    expect(fake.requests.slice(requestsBefore)).toEqual(['POST /v2/checkout/orders']);
    expect(fake.captures.find((c) => c.custom_id === next.id)?.amount?.value).toBe('44.93');

    await p.customers!.detach(customer, saved[0]!.reference);
    expect(await p.customers!.list(customer)).toEqual([]);
  });

  it('without consent nothing is vaulted', async () => {
    const p = provider();
    const customer = await p.customers!.ensure({ shopperId: 'shp_noconsent', key: 'k' });
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    fake.approve(reference);
    const result = await p.createPayment(payInput(s, reference, { customer }));
    expect(result).toEqual({ status: 'succeeded', reference, amount: s.totals.total, currency: s.currency });
    expect(await p.customers!.list(customer)).toEqual([]);
  });
});

describe('keyedLock', () => {
  it('runs tasks of one key in order and other keys in parallel', async () => {
    const lock = keyedLock();
    const log: string[] = [];
    const task = (name: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => (log.push(name), r()), ms));
    await Promise.all([lock('a', task('a1', 30)), lock('a', task('a2', 1)), lock('b', task('b1', 5))]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });

  it('a failed task does not block the next one', async () => {
    const lock = keyedLock();
    await expect(lock('a', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(lock('a', async () => 'ok')).resolves.toBe('ok');
  });
});

describe('webhooks are verified before anything acts on them (R13)', () => {
  const event = (orderId: string, type = 'PAYMENT.CAPTURE.COMPLETED') => ({
    id: `WH-${Math.random().toString(36).slice(2)}`,
    event_type: type,
    resource_type: 'capture',
    resource: { id: 'CAP1', status: 'COMPLETED', custom_id: 'cs_echoed', supplementary_data: { related_ids: { order_id: orderId } } },
  });

  for (const mode of ['api', 'offline'] as const) {
    describe(`${mode} verification`, () => {
      it('accepts a genuine event and reduces it to the order and outcome', async () => {
        const { body, headers } = fake.signWebhook(event('ORDER1'));
        const verified = await provider({ webhookVerification: mode }).webhooks!.verify(body, new Headers(headers), new Date());
        expect(verified).toMatchObject({ type: 'PAYMENT.CAPTURE.COMPLETED', reference: 'ORDER1', sessionId: 'cs_echoed', outcome: { status: 'succeeded', reference: 'ORDER1', amount: expect.any(Number), currency: expect.any(String) } });
      });

      it('rejects a flipped digit, another webhook id, and a stale or future transmission', async () => {
        const p = provider({ webhookVerification: mode });
        const good = fake.signWebhook(event('ORDER12345'));
        await expect(p.webhooks!.verify(good.body.replace('ORDER12345', 'ORDER12346'), new Headers(good.headers), new Date())).rejects.toThrow(WebhookVerificationError);
        const other = fake.signWebhook(event('ORDER2'), { webhookId: 'WH-SOMEONE-ELSE' });
        await expect(p.webhooks!.verify(other.body, new Headers(other.headers), new Date())).rejects.toThrow(WebhookVerificationError);
        const stale = fake.signWebhook(event('ORDER3'), { time: new Date(Date.now() - 6 * 60_000) });
        await expect(p.webhooks!.verify(stale.body, new Headers(stale.headers), new Date())).rejects.toThrow(/tolerance/);
        const future = fake.signWebhook(event('ORDER4'), { time: new Date(Date.now() + 6 * 60_000) });
        await expect(p.webhooks!.verify(future.body, new Headers(future.headers), new Date())).rejects.toThrow(/tolerance/);
      });

      it('rejects a foreign cert_url without fetching it', async () => {
        const p = provider({ webhookVerification: mode });
        const fetchesBefore = certFetches.length;
        const requestsBefore = fake.requests.length;
        for (const certUrl of [
          'https://evil.example/v1/notifications/certs/CERT-1',
          'https://api.sandbox.paypal.com.evil.example/v1/notifications/certs/CERT-1',
          'http://api.sandbox.paypal.com/v1/notifications/certs/CERT-1',
          'https://user@api.paypal.com/v1/notifications/certs/CERT-1',
          'https://api.paypal.com:8443/v1/notifications/certs/CERT-1',
        ]) {
          const forged = fake.signWebhook(event('ORDER5'), { certUrl });
          await expect(p.webhooks!.verify(forged.body, new Headers(forged.headers), new Date())).rejects.toThrow(/not on a PayPal host/);
        }
        expect(certFetches.length).toBe(fetchesBefore);
        expect(fake.requests.slice(requestsBefore).filter((r) => r.includes('verify-webhook-signature'))).toEqual([]);
      });
    });
  }

  it('pins the certificate to PayPal’s API hosts', () => {
    expect(isPinnedCertUrl('https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270')).toBe(true);
    expect(isPinnedCertUrl('https://api-m.sandbox.paypal.com/v1/notifications/certs/X')).toBe(true);
    expect(isPinnedCertUrl('https://www.paypal.com/v1/notifications/certs/X')).toBe(false);
    expect(isPinnedCertUrl('https://api.paypal.com/other/path')).toBe(false);
    expect(isPinnedCertUrl('not a url')).toBe(false);
  });

  it('refuses to verify without a configured webhook id', async () => {
    const { body, headers } = fake.signWebhook(event('ORDER6'));
    await expect(provider({ webhookId: undefined }).webhooks!.verify(body, new Headers(headers), new Date())).rejects.toThrow(/webhook id/);
  });

  it('maps declined captures and completed orders; ignores other events', async () => {
    const p = provider({ webhookVerification: 'offline' });
    const verify = (e: object) => {
      const { body, headers } = fake.signWebhook(e as never);
      return p.webhooks!.verify(body, new Headers(headers), new Date());
    };
    expect(await verify(event('O7', 'PAYMENT.CAPTURE.DENIED'))).toMatchObject({ reference: 'O7', outcome: { status: 'failed', code: 'card_declined' } });
    expect(
      await verify({ id: 'WH-8', event_type: 'CHECKOUT.ORDER.COMPLETED', resource: { id: 'O8', status: 'COMPLETED', purchase_units: [{ payments: { captures: [{ status: 'COMPLETED' }] } }] } }),
    ).toMatchObject({ reference: 'O8', outcome: { status: 'succeeded' } });
    expect(await verify({ id: 'WH-9', event_type: 'CUSTOMER.DISPUTE.CREATED', resource: {} })).toEqual({ id: 'WH-9', type: 'CUSTOMER.DISPUTE.CREATED', reference: null, outcome: null });
  });
});
