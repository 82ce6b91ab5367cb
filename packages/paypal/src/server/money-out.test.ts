/**
 * PayPal money out of authorised orders against the loopback REST fake: an order prepared with
 * `captureMethod: 'manual'` has intent AUTHORIZE, confirm authorises it (captured: false), the
 * authorization is captured once (at most what was authorised, the same PayPal-Request-Id answering
 * the first capture) and refunded within the capture; another is voided and can then not be captured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutSession, ProviderMoneyOut } from '@omni-checkout/core';
import { startPayPalRestFake, type PayPalRestFake } from '../testing/index.js';
import { createPayPalProvider, type PayPalServerProvider } from './index.js';

let fake: PayPalRestFake;
let provider: PayPalServerProvider;
let moneyOut: ProviderMoneyOut;

beforeAll(async () => {
  fake = await startPayPalRestFake();
  provider = createPayPalProvider({ clientId: fake.clientId, clientSecret: fake.clientSecret, apiBase: fake.url });
  moneyOut = provider.moneyOut!;
});
afterAll(() => fake.close());

let count = 0;
const session = (id: string): CheckoutSession => ({
  id,
  object: 'checkout_session',
  status: 'open',
  livemode: false,
  merchant: { name: 'Shop' },
  currency: 'EUR',
  country: 'DE',
  locale: 'de',
  channel: 'web',
  lineItems: [{ id: 'tee', name: 'T-shirt', unitAmount: 2500, quantity: 2, amount: 5000 }],
  shippingOptions: [],
  selectedShippingOptionId: null,
  contact: { email: 'ada@example.com' },
  shippingAddress: null,
  totals: { subtotal: 5000, shipping: 0, total: 5000 },
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
});

/** An approved AUTHORIZE order, authorised through the provider's confirm. */
async function authorised(): Promise<string> {
  const id = `cs_manual_${++count}`;
  const { reference } = await provider.prepare!({ session: session(id), amount: 5000, currency: 'EUR', method: 'paypal', idempotencyKey: `${id}:prepare`, captureMethod: 'manual' });
  expect(fake.orders.get(reference)!.order.intent).toBe('AUTHORIZE');
  fake.approve(reference);
  const result = await provider.createPayment({ sessionId: id, amount: 5000, currency: 'EUR', paymentMethod: reference, idempotencyKey: `${id}:confirm:1`, metadata: {}, captureMethod: 'manual' });
  expect(result).toMatchObject({ status: 'succeeded', reference, amount: 5000, currency: 'EUR', captured: false });
  return reference;
}

const authorizationOf = (reference: string) => fake.orders.get(reference)!.order.purchase_units![0]!.payments!.authorizations![0]!;

describe('PayPal authorize and capture', () => {
  it('captures part of the authorization once, never above it, and refunds at most the capture', async () => {
    const reference = await authorised();
    expect(authorizationOf(reference)).toMatchObject({ status: 'CREATED', amount: { currency_code: 'EUR', value: '50.00' } });
    // Nothing captured: nothing to refund.
    expect(await moneyOut.refund({ reference, amount: 100, currency: 'EUR', idempotencyKey: 'r0', metadata: {} })).toMatchObject({ status: 'failed' });
    expect(await moneyOut.capture!({ reference, amount: 5001, currency: 'EUR', idempotencyKey: 'cap-big' })).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/MAX_CAPTURE_AMOUNT_EXCEEDED/),
    });
    expect(await moneyOut.capture!({ reference, amount: 3250, currency: 'EUR', idempotencyKey: 'cap-1' })).toEqual({ status: 'succeeded' });
    // The same PayPal-Request-Id: the first capture's answer, no second capture.
    expect(await moneyOut.capture!({ reference, amount: 3250, currency: 'EUR', idempotencyKey: 'cap-1' })).toEqual({ status: 'succeeded' });
    const captures = fake.orders.get(reference)!.order.purchase_units![0]!.payments!.captures!;
    expect(captures.map((c) => [c.status, c.amount?.value, c.final_capture])).toEqual([['COMPLETED', '32.50', true]]);
    expect(authorizationOf(reference).status).toBe('CAPTURED');
    // A final capture: no more captures, and the order now reads as paid (what was authorised).
    expect(await moneyOut.capture!({ reference, amount: 100, currency: 'EUR', idempotencyKey: 'cap-2' })).toMatchObject({ status: 'failed', message: expect.stringMatching(/AUTHORIZATION_ALREADY_CAPTURED/) });
    expect(await provider.retrievePayment(reference)).toMatchObject({ status: 'succeeded', amount: 5000, captured: true });
    expect(await moneyOut.refund({ reference, amount: 3251, currency: 'EUR', idempotencyKey: 'r1', metadata: {} })).toMatchObject({ status: 'failed' });
    expect(await moneyOut.refund({ reference, amount: 3250, currency: 'EUR', idempotencyKey: 'r2', metadata: {} })).toMatchObject({ status: 'succeeded' });
    // A captured authorization cannot be voided.
    expect(await moneyOut.cancel!({ reference, idempotencyKey: 'void-captured' })).toMatchObject({ status: 'failed' });
  });

  it('voids an authorization: nothing can be captured from it afterwards, and the payment reads as failed', async () => {
    const reference = await authorised();
    expect(await moneyOut.cancel!({ reference, idempotencyKey: 'void-1' })).toEqual({ status: 'canceled' });
    expect(authorizationOf(reference).status).toBe('VOIDED');
    expect(await moneyOut.cancel!({ reference, idempotencyKey: 'void-1-again' })).toEqual({ status: 'canceled' });
    expect(await moneyOut.capture!({ reference, amount: 100, currency: 'EUR', idempotencyKey: 'cap-voided' })).toMatchObject({ status: 'failed', message: expect.stringMatching(/AUTHORIZATION_VOIDED/) });
    expect(await provider.retrievePayment(reference)).toMatchObject({ status: 'failed' });
  });

  it('keeps the intents apart, as PayPal does: a CAPTURE order is captured at confirm and has no authorization to capture', async () => {
    const id = `cs_auto_${++count}`;
    const { reference } = await provider.prepare!({ session: session(id), amount: 5000, currency: 'EUR', method: 'paypal', idempotencyKey: `${id}:prepare` });
    fake.approve(reference);
    expect(await provider.createPayment({ sessionId: id, amount: 5000, currency: 'EUR', paymentMethod: reference, idempotencyKey: `${id}:confirm:1`, metadata: {} })).toMatchObject({ status: 'succeeded' });
    expect(await moneyOut.capture!({ reference, amount: 100, currency: 'EUR', idempotencyKey: 'cap-auto' })).toMatchObject({ status: 'failed' });
    expect(provider.publicConfig({ methods: ['paypal'] })).toMatchObject({ intent: 'capture' });
    expect(provider.publicConfig({ methods: ['paypal'], captureMethod: 'manual' })).toMatchObject({ intent: 'authorize' });
  });
});
