/**
 * Local methods through the server half, the real `stripe` SDK and the fake of Stripe's API, each
 * along Stripe's documented flow: confirm (with what the method needs) → next action (BLIK in the
 * bank app, a redirect, a QR code) → the shopper decides → the webhook the backend settles on.
 */
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentMethodType, ProviderPaymentInput } from '@omni-checkout/core';
import { startFakeStripe, type FakeStripe } from '../fake/api.js';
import { createStripeProvider, stripeMethodsFor, toProviderEvent } from './index.js';

let fake: FakeStripe;
let provider: ReturnType<typeof createStripeProvider>;
let counter = 0;
const PUBLISHABLE = 'pk_test_fake_local_suite_0001';
const RETURN_URL = 'https://shop.example/checkout?cart=7';

beforeAll(async () => {
  fake = await startFakeStripe();
  fake.blikApprovalMs = null;
  provider = createStripeProvider({
    secretKey: 'sk_test_fake_local_suite_0001',
    publishableKey: PUBLISHABLE,
    api: { host: '127.0.0.1', port: fake.port, protocol: 'http' },
  });
});
afterAll(() => fake?.close());

/** A PaymentMethod as Stripe.js makes it in the page: publishable key, the method's type and billing details. */
async function pageMethod(type: string, billing: Record<string, string> = {}): Promise<string> {
  const body = new URLSearchParams({ type, ...Object.fromEntries(Object.entries(billing).map(([k, v]) => [`billing_details[${k}]`, v])) });
  const response = await fetch(`${fake.url}/v1/payment_methods`, { method: 'POST', headers: { authorization: `Bearer ${PUBLISHABLE}`, 'content-type': 'application/x-www-form-urlencoded' }, body });
  const json = (await response.json()) as { id?: string; error?: { message: string } };
  if (!json.id) throw new Error(json.error?.message);
  return json.id;
}

function input(paymentMethod: string, currency: string, methods: PaymentMethodType[], extra: Partial<ProviderPaymentInput> = {}): ProviderPaymentInput {
  counter += 1;
  return { sessionId: `cs_local_${counter}`, amount: 12_900, currency, paymentMethod, idempotencyKey: `cs_local_${counter}:confirm:1`, metadata: {}, methods, ...extra };
}

/** The last event of `type` about `pi`, as the backend's webhook would read it. */
function webhookFor(pi: string, type: string) {
  const event = fake.events.filter((e) => e.type === type && (e.data.object as Stripe.PaymentIntent).id === pi).at(-1);
  expect(event, `${type} for ${pi}`).toBeDefined();
  return toProviderEvent(event!);
}

describe('BLIK: the code goes with the confirmation, the shopper approves in the bank app', () => {
  it('answers approve_in_app, and the approval in the app pays (payment_intent.succeeded)', async () => {
    const request = input(await pageMethod('blik'), 'PLN', ['blik', 'p24', 'card'], { paymentMethodOptions: { blik: { code: '777123' } } });
    const result = await provider.createPayment(request);
    expect(result).toMatchObject({ status: 'requires_action', action: { type: 'approve_in_app', provider: 'stripe', data: { method: 'blik', clientSecret: expect.stringMatching(/^pi_.+_secret_/) } } });
    const pi = fake.paymentIntents().find((p) => p.id === result.reference)!;
    expect(pi.next_action).toEqual({ type: 'blik_authorize', blik_authorize: {} });
    // Still waiting: the backend's complete-action would say so.
    expect((await provider.retrievePayment(result.reference!)).status).toBe('requires_action');
    fake.decideAction(result.reference!, 'approve');
    expect(await provider.retrievePayment(result.reference!)).toMatchObject({ status: 'succeeded', amount: 12_900, currency: 'PLN' });
    expect(webhookFor(result.reference!, 'payment_intent.succeeded')).toMatchObject({ sessionId: request.sessionId, outcome: { status: 'succeeded' } });
  });

  it('the simulated bank app approves on its own after blikApprovalMs', async () => {
    fake.blikApprovalMs = 20;
    try {
      const result = await provider.createPayment(input(await pageMethod('blik'), 'PLN', ['blik'], { paymentMethodOptions: { blik: { code: '123456' } } }));
      expect(result.status).toBe('requires_action');
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect((await provider.retrievePayment(result.reference!)).status).toBe('succeeded');
    } finally {
      fake.blikApprovalMs = null;
    }
  });

  it('refused in the app: failed, nothing taken (payment_intent.payment_failed)', async () => {
    const result = await provider.createPayment(input(await pageMethod('blik'), 'PLN', ['blik'], { paymentMethodOptions: { blik: { code: '123456' } } }));
    fake.decideAction(result.reference!, 'fail');
    expect(await provider.retrievePayment(result.reference!)).toMatchObject({ status: 'failed', code: 'provider_error' });
    expect(webhookFor(result.reference!, 'payment_intent.payment_failed').outcome).toMatchObject({ status: 'failed' });
    expect(fake.paymentIntents().find((p) => p.id === result.reference)!.amount_received).toBe(0);
  });

  it('without a code Stripe refuses the confirmation, and in euros too', async () => {
    await expect(provider.createPayment(input(await pageMethod('blik'), 'PLN', ['blik']))).rejects.toMatchObject({ param: 'payment_method_options[blik][code]' });
    await expect(provider.createPayment(input(await pageMethod('blik'), 'EUR', ['blik'], { paymentMethodOptions: { blik: { code: '123456' } } }))).rejects.toMatchObject({
      code: 'payment_intent_invalid_parameter',
      param: 'currency',
    });
  });
});

const REDIRECTS: { method: 'p24' | 'ideal' | 'bancontact' | 'klarna' | 'alipay'; currency: string; billing: Record<string, string>; nextAction: string }[] = [
  { method: 'p24', currency: 'PLN', billing: { email: 'ada@example.com' }, nextAction: 'redirect_to_url' },
  { method: 'ideal', currency: 'EUR', billing: {}, nextAction: 'redirect_to_url' },
  { method: 'bancontact', currency: 'EUR', billing: { name: 'Ada Lovelace' }, nextAction: 'redirect_to_url' },
  { method: 'klarna', currency: 'EUR', billing: { email: 'ada@example.com', 'address][country': 'NL' }, nextAction: 'redirect_to_url' },
  { method: 'alipay', currency: 'CNY', billing: {}, nextAction: 'alipay_handle_redirect' },
];

describe.each(REDIRECTS)('$method: redirect to the bank page and back', ({ method, currency, billing, nextAction }) => {
  it('answers a redirect to the test page, which returns to the page with Stripe’s parameters; authorised pays', async () => {
    const request = input(await pageMethod(method, billing), currency, [method, 'card'], { returnUrl: RETURN_URL });
    const result = await provider.createPayment(request);
    expect(result).toMatchObject({ status: 'requires_action', action: { type: 'redirect', data: { method } } });
    const pi = fake.paymentIntents().find((p) => p.id === result.reference)!;
    expect(pi.next_action?.type).toBe(nextAction);
    const url = (pi.next_action as unknown as Record<string, { url: string }>)[nextAction]!.url;
    const page = await fetch(url);
    expect(await page.text()).toContain('Authorize test payment');
    const back = await fetch(url, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' });
    expect(back.status).toBe(303);
    const location = new URL(back.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://shop.example/checkout');
    expect(Object.fromEntries(location.searchParams)).toEqual({ cart: '7', payment_intent: pi.id, payment_intent_client_secret: pi.client_secret, redirect_status: 'succeeded' });
    expect(await provider.retrievePayment(pi.id)).toMatchObject({ status: 'succeeded', amount: 12_900, currency });
    expect(webhookFor(pi.id, 'payment_intent.succeeded')).toMatchObject({ sessionId: request.sessionId });
  });

  it('failed or left at the bank: back with redirect_status=failed, nothing taken', async () => {
    for (const decision of ['fail', 'cancel'] as const) {
      const result = await provider.createPayment(input(await pageMethod(method, billing), currency, [method], { returnUrl: RETURN_URL }));
      const pi = fake.paymentIntents().find((p) => p.id === result.reference)!;
      const url = (pi.next_action as unknown as Record<string, { url: string }>)[nextAction]!.url;
      const back = await fetch(url, { method: 'POST', body: new URLSearchParams({ decision }), redirect: 'manual' });
      expect(new URL(back.headers.get('location')!).searchParams.get('redirect_status')).toBe('failed');
      const after = await provider.retrievePayment(pi.id);
      expect(after).toMatchObject({ status: 'failed', code: decision === 'cancel' ? 'authentication_failed' : 'provider_error' });
      expect(webhookFor(pi.id, 'payment_intent.payment_failed').outcome?.status).toBe('failed');
    }
  });

  it('without a return_url Stripe refuses the confirmation', async () => {
    await expect(provider.createPayment(input(await pageMethod(method, billing), currency, [method]))).rejects.toMatchObject({ param: 'return_url' });
  });
});

describe.each([
  { method: 'swish' as const, currency: 'SEK', nextAction: 'swish_handle_redirect_or_display_qr_code' },
  { method: 'wechat_pay' as const, currency: 'CNY', nextAction: 'wechat_pay_display_qr_code' },
])('$method: a QR code the shopper scans', ({ method, currency, nextAction }) => {
  it('answers display_qr with the code’s data; approving on the phone pays', async () => {
    const request = input(await pageMethod(method), currency, [method, 'card']);
    const result = await provider.createPayment(request);
    expect(result).toMatchObject({ status: 'requires_action', action: { type: 'display_qr', data: { method, qrData: expect.stringMatching(/\/_fake\/pay\/pi_/) } } });
    const pi = fake.paymentIntents().find((p) => p.id === result.reference)!;
    expect(pi.next_action?.type).toBe(nextAction);
    const phone = (result as { action: { data: Record<string, string> } }).action.data.qrData!;
    expect(await (await fetch(phone)).text()).toContain('Approve in the app');
    await fetch(phone, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }) });
    expect(await provider.retrievePayment(pi.id)).toMatchObject({ status: 'succeeded', currency });
    expect(webhookFor(pi.id, 'payment_intent.succeeded')).toMatchObject({ sessionId: request.sessionId });
  });

  it('declined on the phone: failed, nothing taken', async () => {
    const result = await provider.createPayment(input(await pageMethod(method), currency, [method]));
    fake.decideAction(result.reference!, 'fail');
    expect((await provider.retrievePayment(result.reference!)).status).toBe('failed');
  });
});

it('WeChat Pay needs its client on the confirmation (the adapter sends web; without it Stripe refuses)', async () => {
  const pm = await pageMethod('wechat_pay');
  const bare = provider.stripe.paymentIntents.create({ amount: 100, currency: 'cny', payment_method: pm, confirm: true, allowed_payment_method_types: ['wechat_pay'] });
  await expect(bare).rejects.toMatchObject({ param: 'payment_method_options[wechat_pay][client]' });
  // Not among the session's methods: refused too, whatever the page sends.
  await expect(provider.createPayment(input(pm, 'CNY', ['alipay']))).rejects.toMatchObject({ code: 'payment_intent_incompatible_payment_method' });
});

it('Stripe carries Alipay and WeChat Pay, so a Chinese market offers them through it', () => {
  expect(stripeMethodsFor({ country: 'CN' })).toEqual(expect.arrayContaining(['alipay', 'wechat_pay']));
});
