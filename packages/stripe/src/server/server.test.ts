/**
 * The server half through the real `stripe` SDK against the loopback fake of Stripe's API.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderPaymentInput } from '@omni-checkout/core';
import { startFakeStripe, type FakeStripe } from '../fake/api.js';
import { WEBHOOK_TOLERANCE_S, createStripeClient, createStripeProvider, payOnConnectedAccount } from './index.js';

const SECRET = 'sk_test_fake_server_suite_0001';
const PUBLISHABLE = 'pk_test_fake_server_suite_0001';
const WEBHOOK_SECRET = 'whsec_fake_server_suite';

let fake: FakeStripe;
let provider: ReturnType<typeof createStripeProvider>;
let stripe: Stripe;
let counter = 0;

beforeAll(async () => {
  fake = await startFakeStripe();
  const api = { host: '127.0.0.1', port: fake.port, protocol: 'http' as const };
  provider = createStripeProvider({ secretKey: SECRET, publishableKey: PUBLISHABLE, webhookSecret: WEBHOOK_SECRET, api, applePayDomainAssociation: 'apple-file-bytes' });
  stripe = createStripeClient({ secretKey: SECRET, api });
});
afterAll(() => fake?.close());

function input(paymentMethod: string, extra: Partial<ProviderPaymentInput> = {}): ProviderPaymentInput {
  counter += 1;
  return {
    sessionId: `cs_${counter}`,
    amount: 5390,
    currency: 'EUR',
    paymentMethod,
    idempotencyKey: `cs_${counter}:confirm:1`,
    metadata: { shop: 'test' },
    ...extra,
  };
}

const intent = (id: string) => fake.paymentIntents().find((pi) => pi.id === id)!;

describe('payments', () => {
  it('creates and confirms a PaymentIntent with async capture, our session in metadata and the card summarised', async () => {
    const request = input('pm_card_visa');
    const result = await provider.createPayment(request);
    expect(result).toMatchObject({ status: 'succeeded', amount: 5390, currency: 'EUR', paymentMethod: { brand: 'visa', last4: '4242', expMonth: 12 } });
    const pi = intent(result.reference!);
    expect(pi).toMatchObject({ amount: 5390, currency: 'eur', capture_method: 'automatic_async', metadata: { shop: 'test', omni_session: request.sessionId } });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/payment_intents', key: 'secret', idempotencyKey: request.idempotencyKey });
  });

  it('creates one PaymentIntent for a repeated idempotency key (a retry after a crash)', async () => {
    const request = input('pm_card_visa');
    const before = fake.paymentIntents().length;
    const first = await provider.createPayment(request);
    const second = await provider.createPayment(request);
    expect(second.reference).toBe(first.reference);
    expect(fake.paymentIntents().length).toBe(before + 1);
  });

  it('answers declines with the backend codes and the decline code', async () => {
    expect(await provider.createPayment(input('pm_card_chargeDeclined'))).toMatchObject({
      status: 'failed',
      code: 'card_declined',
      declineCode: 'generic_decline',
      reference: expect.stringMatching(/^pi_/),
    });
    expect(await provider.createPayment(input('pm_card_chargeDeclinedInsufficientFunds'))).toMatchObject({
      status: 'failed',
      code: 'insufficient_funds',
    });
  });

  it('asks for 3-D Secure with the PaymentIntent client secret, then reads the outcome', async () => {
    const approved = await provider.createPayment(input('pm_card_threeDSecure2Required'));
    expect(approved).toMatchObject({ status: 'requires_action', action: { type: 'challenge', provider: 'stripe', data: { clientSecret: expect.stringMatching(/^pi_.+_secret_/) } } });
    expect(await provider.retrievePayment(approved.reference!)).toMatchObject({ status: 'requires_action' });
    fake.decideChallenge(approved.reference!, 'approve');
    expect(await provider.retrievePayment(approved.reference!)).toMatchObject({ status: 'succeeded', paymentMethod: { last4: '3220' } });

    const failed = await provider.createPayment(input('pm_card_authenticationRequired'));
    fake.decideChallenge(failed.reference!, 'fail');
    expect(await provider.retrievePayment(failed.reference!)).toMatchObject({ status: 'failed', code: 'authentication_failed' });
  });

  it('sends the page as return_url when it gave one, and forbids redirects when it did not', async () => {
    const withReturn = await provider.createPayment(input('pm_card_visa', { returnUrl: 'https://shop.example/checkout' }));
    expect(intent(withReturn.reference!).automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'always' });
    const without = await provider.createPayment(input('pm_card_visa'));
    expect(intent(without.reference!).automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'never' });
  });
});

describe('the fake refuses what Stripe refuses', () => {
  const base = { currency: 'eur', payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' as const } };

  it('an amount that is not an integer, a missing currency, an unknown parameter', async () => {
    await expect(stripe.paymentIntents.create({ ...base, amount: '53.90' as unknown as number })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'parameter_invalid_integer',
      param: 'amount',
    });
    const { currency: _c, ...noCurrency } = base;
    await expect(stripe.paymentIntents.create({ ...noCurrency, amount: 100 } as Stripe.PaymentIntentCreateParams)).rejects.toMatchObject({ code: 'parameter_missing', param: 'currency' });
    await expect(stripe.paymentIntents.create({ ...base, amount: 100, colour: 'red' } as Stripe.PaymentIntentCreateParams)).rejects.toMatchObject({ code: 'parameter_unknown' });
  });

  it('an unknown payment method, and a confirmation without return_url when redirects are allowed', async () => {
    await expect(stripe.paymentIntents.create({ ...base, amount: 100, payment_method: 'pm_nope' })).rejects.toMatchObject({ code: 'resource_missing', statusCode: 404 });
    await expect(stripe.paymentIntents.create({ ...base, amount: 100, automatic_payment_methods: { enabled: true } })).rejects.toMatchObject({ param: 'return_url' });
    // Through the provider, a bogus method from a tampered page is a failed payment, not a crash.
    expect(await provider.createPayment(input('pm_tampered'))).toMatchObject({ status: 'failed', code: 'provider_error', reference: null });
  });

  it('an idempotency key replayed with other parameters, a publishable key on a secret endpoint, a live key', async () => {
    await stripe.paymentIntents.create({ ...base, amount: 100 }, { idempotencyKey: 'reuse-me' });
    await expect(stripe.paymentIntents.create({ ...base, amount: 200 }, { idempotencyKey: 'reuse-me' })).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    const publishable = createStripeClient({ secretKey: PUBLISHABLE, api: { host: '127.0.0.1', port: fake.port, protocol: 'http' } });
    await expect(publishable.paymentIntents.create({ ...base, amount: 100 })).rejects.toMatchObject({ statusCode: 401 });
    const response = await fetch(`${fake.url}/v1/customers`, { method: 'POST', headers: { authorization: `Bearer sk_live_${'x'.repeat(24)}` } });
    expect(response.status).toBe(401);
  });

  it('raw card numbers from a secret key, and an invalid card number from the page', async () => {
    await expect(stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2040, cvc: '123' } })).rejects.toMatchObject({ statusCode: 400 });
    const bad = await fetch(`${fake.url}/v1/payment_methods`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PUBLISHABLE}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'type=card&card[number]=4242424242424241&card[exp_month]=12&card[exp_year]=40&card[cvc]=123',
    });
    expect(bad.status).toBe(402);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('incorrect_number');
  });
});

describe('saved cards', () => {
  it('creates one customer per key, saves a card only with consent, lists and detaches it', async () => {
    const customer = await provider.customers.ensure({ shopperId: 'shp_1', email: 'ada@example.com', key: 'customer:shp_1' });
    expect(await provider.customers.ensure({ shopperId: 'shp_1', email: 'ada@example.com', key: 'customer:shp_1' })).toBe(customer);

    await provider.createPayment(input('pm_card_visa', { customer }));
    expect(await provider.customers.list(customer)).toEqual([]);

    const saved = await provider.createPayment(input('pm_card_mastercard', { customer, savePaymentMethod: true }));
    expect(intent(saved.reference!).setup_future_usage).toBe('off_session');
    const list = await provider.customers.list(customer);
    expect(list).toEqual([{ reference: expect.stringMatching(/^pm_/), brand: 'mastercard', last4: '4444', expMonth: 12, expYear: expect.any(Number) }]);

    // One click later: the saved card pays for the recognised shopper.
    const again = await provider.createPayment(input(list[0]!.reference, { customer }));
    expect(again).toMatchObject({ status: 'succeeded', paymentMethod: { reference: list[0]!.reference } });
    // Another shopper cannot use or detach it.
    const other = await provider.customers.ensure({ shopperId: 'shp_2', key: 'customer:shp_2' });
    await expect(provider.createPayment(input(list[0]!.reference, { customer: other }))).rejects.toThrow(/belongs to a Customer/);
    await expect(provider.customers.detach(other, list[0]!.reference)).rejects.toThrow(/does not belong/);

    await provider.customers.detach(customer, list[0]!.reference);
    expect(await provider.customers.list(customer)).toEqual([]);
  });
});

describe('Stripe Connect: one shopper network, several merchants', () => {
  it('clones the platform customer’s card onto the merchant’s account and charges it there, once per key', async () => {
    const customer = await provider.customers.ensure({ shopperId: 'shp_net', key: 'customer:shp_net' });
    await provider.createPayment(input('pm_card_visa', { customer, savePaymentMethod: true }));
    const [card] = await provider.customers.list(customer);
    const request = { sessionId: 'cs_connect', amount: 2500, currency: 'EUR', platformCustomer: customer, paymentMethod: card!.reference, connectedAccount: 'acct_merchantA', idempotencyKey: 'cs_connect:confirm:1', applicationFeeAmount: 100 };
    const result = await payOnConnectedAccount(stripe, request);
    expect(result).toMatchObject({ status: 'succeeded', paymentMethod: { last4: '4242' } });
    expect(await payOnConnectedAccount(stripe, request)).toMatchObject({ reference: result.reference });
    expect(fake.paymentIntents('acct_merchantA').map((pi) => pi.id)).toEqual([result.reference]);
    // The clone lives on the merchant's account, detached from any customer; the platform keeps its own.
    const clones = fake.paymentMethods('acct_merchantA');
    expect(clones).toHaveLength(1);
    expect(clones[0]).toMatchObject({ customer: null, card: { last4: '4242' } });
    expect(clones[0]!.id).not.toBe(card!.reference);
    expect(fake.paymentIntents().some((pi) => pi.id === result.reference)).toBe(false);
  });

  it('refuses to clone a card that is not the given platform customer’s', async () => {
    const other = await provider.customers.ensure({ shopperId: 'shp_x', key: 'customer:shp_x' });
    await expect(
      payOnConnectedAccount(stripe, { sessionId: 'cs_c2', amount: 100, currency: 'EUR', platformCustomer: other, paymentMethod: 'pm_card_visa', connectedAccount: 'acct_merchantB', idempotencyKey: 'cs_c2:confirm:1' }),
    ).rejects.toThrow(/attached to the given platform Customer/);
  });
});

describe('webhooks', () => {
  const verify = provider_verify;
  function provider_verify(body: string, header: string, at = new Date()) {
    return provider.webhooks!.verify(body, new Headers({ 'stripe-signature': header }), at);
  }
  const sign = (payload: string, timestamp = Math.floor(Date.now() / 1000), secret = WEBHOOK_SECRET) =>
    stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

  async function succeededEvent() {
    const result = await provider.createPayment(input('pm_card_visa'));
    return fake.events.find((e) => e.type === 'payment_intent.succeeded' && (e.data.object as Stripe.PaymentIntent).id === result.reference)!;
  }

  it('verifies a signed event and reduces it to the payment outcome with our session id', async () => {
    const event = await succeededEvent();
    const body = JSON.stringify(event, null, 2);
    const parsed = await verify(body, sign(body));
    expect(parsed).toMatchObject({ id: event.id, type: 'payment_intent.succeeded', outcome: { status: 'succeeded' }, sessionId: expect.stringMatching(/^cs_/) });
  });

  it('refuses a re-serialised body, a flipped digit, and timestamps beyond the tolerance either way', async () => {
    const body = JSON.stringify(await succeededEvent(), null, 2);
    const header = sign(body);
    await expect(verify(JSON.stringify(JSON.parse(body)), header)).rejects.toMatchObject({ name: 'WebhookVerificationError' });
    const flipped = header.replace(/v1=(.)/, (_m, c: string) => `v1=${c === '0' ? '1' : '0'}`);
    await expect(verify(body, flipped)).rejects.toMatchObject({ name: 'WebhookVerificationError' });
    const at = new Date();
    const seconds = Math.floor(at.getTime() / 1000);
    await expect(verify(body, sign(body, seconds - WEBHOOK_TOLERANCE_S - 1), at)).rejects.toMatchObject({ name: 'WebhookVerificationError' });
    await expect(verify(body, sign(body, seconds + WEBHOOK_TOLERANCE_S + 1), at)).rejects.toMatchObject({ name: 'WebhookVerificationError' });
    await expect(verify(body, sign(body, seconds + WEBHOOK_TOLERANCE_S - 5), at)).resolves.toMatchObject({ outcome: { status: 'succeeded' } });
    await expect(verify(body, '')).rejects.toMatchObject({ name: 'WebhookVerificationError' });
  });

  it('accepts two signatures of which one is valid (the endpoint secret being rolled)', async () => {
    const body = JSON.stringify(await succeededEvent(), null, 2);
    const good = sign(body);
    const stale = sign(body, undefined, 'whsec_old_secret');
    const both = `${good},${stale.split(',').find((part) => part.startsWith('v1='))}`;
    await expect(verify(body, both)).resolves.toMatchObject({ outcome: { status: 'succeeded' } });
  });

  it("carries the card's details when the shopper asked to save it, though the event names the method by id only", async () => {
    const customer = await provider.customers.ensure({ shopperId: 'shp_webhook', key: 'customer:shp_webhook' });
    const result = await provider.createPayment(input('pm_card_visa', { customer, savePaymentMethod: true }));
    const event = fake.events.find((e) => e.type === 'payment_intent.succeeded' && (e.data.object as Stripe.PaymentIntent).id === result.reference)!;
    expect(typeof (event.data.object as Stripe.PaymentIntent).payment_method).toBe('string');
    const body = JSON.stringify(event, null, 2);
    const parsed = await verify(body, sign(body));
    expect(parsed.outcome).toMatchObject({ status: 'succeeded', paymentMethod: { brand: 'visa', last4: '4242', expMonth: 12 } });
    // A payment that saves nothing costs no extra call.
    const plain = JSON.stringify(await succeededEvent(), null, 2);
    const requests = fake.requests.length;
    expect((await verify(plain, sign(plain))).outcome).not.toHaveProperty('paymentMethod');
    expect(fake.requests.length).toBe(requests);
  });

  it('ignores events that are not about a payment', async () => {
    const body = JSON.stringify({ id: 'evt_x', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1', object: 'customer' } } });
    expect(await verify(body, sign(body))).toEqual({ id: 'evt_x', type: 'customer.created', reference: null, outcome: null });
  });
});

describe('configuration', () => {
  it('refuses keys of the wrong kind or mixed modes, and shows only the publishable key', () => {
    expect(() => createStripeProvider({ secretKey: PUBLISHABLE, publishableKey: PUBLISHABLE })).toThrow(/secret key/);
    expect(() => createStripeProvider({ secretKey: SECRET, publishableKey: SECRET })).toThrow(/publishable key/);
    expect(() => createStripeProvider({ secretKey: SECRET, publishableKey: 'pk_live_abc' })).toThrow(/both be test/);
    expect(provider.publicConfig()).toEqual({ publishableKey: PUBLISHABLE });
    expect(provider.livemode).toBe(false);
  });

  it('serves the Apple Pay domain association file and nothing else', async () => {
    const response = await provider.handleWellKnown!('apple-developer-merchantid-domain-association');
    expect(await response?.text()).toBe('apple-file-bytes');
    expect(await provider.handleWellKnown!('security.txt')).toBeNull();
  });
});
