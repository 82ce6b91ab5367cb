/**
 * The PayPal server half against the REST fake held to PayPal's documented checks: amounts,
 * breakdowns, currencies and their decimals, PATCHed amounts, and `PayPal-Request-Id` answering the
 * latest status. Every check is reached through the adapter (its orders, re-pricing, capture and API
 * client), so an adapter that sends what PayPal would refuse fails here as it would in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutSession, ProviderPrepareInput } from '@omni-checkout/core';
import { startPayPalRestFake, type PayPalRestFake } from '../testing/index.js';
import { createPayPalApi, PayPalApiError } from './api.js';
import { createPayPalProvider } from './index.js';

let fake: PayPalRestFake;
beforeAll(async () => {
  fake = await startPayPalRestFake();
});
afterAll(() => fake.close());

const provider = () => createPayPalProvider({ clientId: fake.clientId, clientSecret: fake.clientSecret, apiBase: fake.url, webhookId: fake.webhookId });

let sessions = 0;
function session(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return {
    id: `cs_strict_${++sessions}`,
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

const prepareInput = (s: CheckoutSession, extra: Partial<ProviderPrepareInput> = {}): ProviderPrepareInput => ({
  session: s,
  amount: s.totals.total,
  currency: s.currency,
  method: 'paypal',
  idempotencyKey: `${s.id}:prepare:${Math.random()}`,
  ...extra,
});

const issueOf = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PayPalApiError);
  return { status: (error as PayPalApiError).status, issue: (error as PayPalApiError).issue };
};

describe('amounts as PayPal checks them', () => {
  it('creates a euro order whose items, breakdown and total agree (44.93 = 2 × 19.99 + 4.95)', async () => {
    const { reference } = await provider().prepare!(prepareInput(session()));
    const unit = fake.orders.get(reference)!.order.purchase_units![0]!;
    expect(unit.amount).toEqual({ currency_code: 'EUR', value: '44.93', breakdown: { item_total: { currency_code: 'EUR', value: '39.98' }, shipping: { currency_code: 'EUR', value: '4.95' } } });
  });

  it('sends yen without decimals (PayPal answers DECIMALS_NOT_SUPPORTED to "4500.00")', async () => {
    const yen = session({
      currency: 'JPY',
      country: 'JP',
      lineItems: [{ id: 'tea', name: 'Matcha', unitAmount: 1500, quantity: 3, amount: 4500 }],
      shippingOptions: [{ id: 'standard', label: 'Standard', amount: 500, deliveryEstimate: { minDays: 1, maxDays: 2 } }],
      totals: { subtotal: 4500, shipping: 500, total: 5000 },
    });
    const { reference } = await provider().prepare!(prepareInput(yen));
    const unit = fake.orders.get(reference)!.order.purchase_units![0]!;
    expect(unit.amount!.value).toBe('5000');
    expect(unit.items!.map((item) => item.unit_amount!.value)).toEqual(['1500']);
  });

  it('a currency PayPal does not take (Kuwaiti dinar) is refused: CURRENCY_NOT_SUPPORTED', async () => {
    const dinar = session({
      currency: 'KWD',
      country: 'KW',
      lineItems: [{ id: 'dates', name: 'Dates', unitAmount: 12_345, quantity: 2, amount: 24_690 }],
      totals: { subtotal: 24_690, shipping: 495, total: 25_185 },
    });
    expect(await issueOf(provider().prepare!(prepareInput(dinar)))).toEqual({ status: 422, issue: 'CURRENCY_NOT_SUPPORTED' });
  });

  it('an amount that is not its breakdown is refused (AMOUNT_MISMATCH), and items that are not the item total (ITEM_TOTAL_MISMATCH)', async () => {
    const s = session();
    expect(await issueOf(provider().prepare!(prepareInput(s, { amount: 4494 })))).toEqual({ status: 422, issue: 'AMOUNT_MISMATCH' });
    const wrongSubtotal = session({ totals: { subtotal: 3999, shipping: 495, total: 4494 } });
    expect(await issueOf(provider().prepare!(prepareInput(wrongSubtotal)))).toEqual({ status: 422, issue: 'ITEM_TOTAL_MISMATCH' });
  });

  it('re-prices a prepared order after a shipping change with a PATCH PayPal accepts (breakdown and items agree)', async () => {
    const p = provider();
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    const express = session({ id: s.id, selectedShippingOptionId: 'express', totals: { subtotal: 3998, shipping: 1295, total: 5293 } });
    await p.prepare!(prepareInput(express, { reference }));
    expect(fake.orders.get(reference)!.order.purchase_units![0]!.amount).toMatchObject({ value: '52.93', breakdown: { shipping: { value: '12.95' } } });
  });

  it('a PATCHed amount is checked against the items, as PayPal does (ITEM_TOTAL_REQUIRED, AMOUNT_MISMATCH)', async () => {
    const p = provider();
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    const api = createPayPalApi({ clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url });
    const patch = (value: unknown) => api.request('PATCH', `/v2/checkout/orders/${reference}`, { body: [{ op: 'replace', path: "/purchase_units/@reference_id=='default'/amount", value }] });
    expect(await issueOf(patch({ currency_code: 'EUR', value: '50.00' }))).toEqual({ status: 422, issue: 'ITEM_TOTAL_REQUIRED' });
    expect(
      await issueOf(patch({ currency_code: 'EUR', value: '50.00', breakdown: { item_total: { currency_code: 'EUR', value: '39.98' }, shipping: { currency_code: 'EUR', value: '4.95' } } })),
    ).toEqual({ status: 422, issue: 'AMOUNT_MISMATCH' });
    // Refused as a whole: the order still has its amount.
    expect(fake.orders.get(reference)!.order.purchase_units![0]!.amount!.value).toBe('44.93');
  });

  it('a capture whose session amount differs from the order re-prices it with a breakdown PayPal accepts, then charges it', async () => {
    const p = provider();
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    fake.approve(reference);
    // Express shipping chosen after the order was prepared: 39.98 + 12.95.
    const result = await p.createPayment({ sessionId: s.id, amount: 5293, currency: 'EUR', paymentMethod: reference, idempotencyKey: `${s.id}:confirm:1`, metadata: {} });
    expect(result.status).toBe('succeeded');
    expect(fake.captures.find((c) => c.custom_id === s.id)?.amount?.value).toBe('52.93');
  });
});

describe('PayPal-Request-Id', () => {
  it('a repeated id answers the latest status of the order it created, not the first answer', async () => {
    const api = createPayPalApi({ clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url });
    const body = { intent: 'CAPTURE', purchase_units: [{ reference_id: 'default', amount: { currency_code: 'EUR', value: '10.00' } }] };
    const first = await api.request<{ id: string; status: string }>('POST', '/v2/checkout/orders', { body, requestId: 'latest-status-1' });
    expect(first.status).toBe('CREATED');
    fake.approve(first.id);
    const again = await api.request<{ id: string; status: string }>('POST', '/v2/checkout/orders', { body, requestId: 'latest-status-1' });
    expect(again).toMatchObject({ id: first.id, status: 'APPROVED' });
    expect([...fake.orders.values()].filter((o) => o.order.id === first.id)).toHaveLength(1);
  });

  it('a request PayPal refused is not remembered: the corrected retry with the same id goes through', async () => {
    const api = createPayPalApi({ clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url });
    const wrong = { intent: 'CAPTURE', purchase_units: [{ reference_id: 'default', amount: { currency_code: 'JPY', value: '1000.50' } }] };
    expect(await issueOf(api.request('POST', '/v2/checkout/orders', { body: wrong, requestId: 'retry-after-422' }))).toEqual({ status: 422, issue: 'DECIMALS_NOT_SUPPORTED' });
    const right = { intent: 'CAPTURE', purchase_units: [{ reference_id: 'default', amount: { currency_code: 'JPY', value: '1000' } }] };
    const created = await api.request<{ id: string; status: string }>('POST', '/v2/checkout/orders', { body: right, requestId: 'retry-after-422' });
    expect(created.status).toBe('CREATED');
  });

  it('a retried capture after the first answer was lost returns the completed order, with one capture', async () => {
    const p = provider();
    const s = session();
    const { reference } = await p.prepare!(prepareInput(s));
    fake.approve(reference);
    const api = createPayPalApi({ clientId: fake.clientId, clientSecret: fake.clientSecret, baseUrl: fake.url });
    const capture = () => api.request<{ status: string }>('POST', `/v2/checkout/orders/${reference}/capture`, { body: {}, requestId: `${s.id}:lost`, prefer: 'return=representation' });
    expect((await capture()).status).toBe('COMPLETED');
    expect((await capture()).status).toBe('COMPLETED');
    expect(fake.captures.filter((c) => c.custom_id === s.id)).toHaveLength(1);
  });
});
