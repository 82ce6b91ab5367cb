/**
 * Moyasar, the third provider, through the backend (one PGlite): the Saudi session gives mada and
 * STC Pay to Moyasar and cards to the other provider; STC Pay and mada pay through the loopback
 * fake of Moyasar's API (the code, and 3-D Secure with the checkout page as `callback_url`); a
 * Moyasar webhook settles a payment; refunds go through the one refunds service, once per key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutSession, ConfirmResponse, Refund } from '@omni-checkout/core';
import { createMoyasarProvider } from '@omni-checkout/moyasar/server';
import { MADA_TEST_CARDS, STC_PAY_TEST_OTP, startMoyasarFake, type MoyasarFake } from '@omni-checkout/moyasar/testing';
import { randomHex } from './crypto.js';
import { createStorage } from './storage/index.js';
import { createFakeProvider } from './test/fake-provider.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, type TestEnv, type TestMerchant } from './test/env.js';

const WEBHOOK_SECRET = 'moyasar-backend-suite-token';
let fake: MoyasarFake;
let env: TestEnv;
let merchant: TestMerchant;

const SAUDI = {
  currency: 'SAR',
  country: 'SA',
  lineItems: [{ id: 'beans', name: 'Coffee beans', unitAmount: 5000, quantity: 2 }],
  shippingOptions: [{ id: 'standard', label: 'Standard', amount: 1500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
};
const TOTAL = 11_500;

beforeAll(async () => {
  fake = await startMoyasarFake({ webhookSecret: WEBHOOK_SECRET });
  const moyasar = createMoyasarProvider({ secretKey: fake.secretKey, publishableKey: fake.publishableKey, apiBase: fake.url, webhookSecret: WEBHOOK_SECRET });
  // The database for the money routes too (refunds).
  const { db } = await createStorage({ dataDir: null });
  env = await createTestEnv({ db, app: { db, providers: [createFakeProvider(), moyasar] } });
  merchant = await createMerchant(env, 'Saudi shop', ['mock', 'moyasar']);
});
afterAll(async () => {
  await fake.close();
  await env.db.close();
});

async function saudiSession() {
  const created = await createSession(env, merchant, SAUDI);
  const client = clientFor(env, merchant, created);
  for (const [path, body] of [
    ['/contact', { email: 'noura@example.com' }],
    ['/shipping-address', { name: 'Noura Alharbi', line1: 'King Fahd Road 1200', city: 'Riyadh', postalCode: '12271', country: 'SA' }],
  ] as const) {
    const response = await client.post(path, body);
    expect(response.status, path).toBe(200);
  }
  return { created, client };
}

async function token(number: string): Promise<string> {
  const response = await fetch(`${fake.url}/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${fake.publishableKey}:`)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Noura Alharbi', number, month: 12, year: new Date().getUTCFullYear() + 2, cvc: '123', save_only: true }),
  });
  return ((await response.json()) as { id: string }).id;
}

const webhook = (body: unknown) => env.app.request('/v1/webhooks/moyasar', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('Moyasar through the backend', () => {
  it('the Saudi session gives mada and STC Pay to Moyasar, cards to the other provider, and never shows the secret key', async () => {
    const { created } = await saudiSession();
    const session = created.session as CheckoutSession;
    expect(session.paymentMethods.map((m) => [m.type, m.provider])).toEqual([
      ['mada', 'moyasar'],
      ['stc_pay', 'moyasar'],
      ['card', 'mock'],
    ]);
    expect(session.providers.find((p) => p.id === 'moyasar')).toEqual({ id: 'moyasar', config: { publishableKey: fake.publishableKey, apiBase: fake.url }, methods: ['mada', 'stc_pay'] });
    expect(JSON.stringify(created)).not.toContain(fake.secretKey);
  });

  it('STC Pay: the code pays the session’s own total, in halalas, and the order records Moyasar', async () => {
    const { created, client } = await saudiSession();
    const first = (await (await client.confirm('stcpay:0512345678', randomHex(8), { provider: 'moyasar', amount: 1 })).json()) as ConfirmResponse;
    expect(first.status).toBe('requires_action');
    const action = first.session.nextAction!;
    expect(action).toMatchObject({ type: 'challenge', provider: 'moyasar', data: { kind: 'stc_pay_otp' } });
    expect(fake.payments.get(action.reference)).toMatchObject({ amount: TOTAL, currency: 'SAR', metadata: { omni_session: created.id } });
    const url = new URL(action.data['url']!);
    url.searchParams.set('otp_value', STC_PAY_TEST_OTP.success);
    await fetch(url, { method: 'POST' });
    const done = await client.completeAction();
    expect(done.status).toBe(200);
    const paid = (await done.json()) as ConfirmResponse & { order: { id: string; provider: string; amount: number; paymentReference: string } };
    expect(paid.status).toBe('succeeded');
    expect(paid.order).toMatchObject({ provider: 'moyasar', amount: TOTAL, paymentReference: action.reference });
  });

  it('mada: 3-D Secure brings the shopper back to the checkout page, which must be the merchant’s', async () => {
    const { client } = await saudiSession();
    const foreign = await client.confirm(await token(MADA_TEST_CARDS.success), randomHex(8), { provider: 'moyasar', returnUrl: 'https://evil.example/checkout' });
    expect(foreign.status).toBe(400);
    const first = (await (await client.confirm(await token(MADA_TEST_CARDS.success), randomHex(8), { provider: 'moyasar', returnUrl: `${merchant.origin}/checkout` })).json()) as ConfirmResponse;
    expect(first.status).toBe('requires_action');
    const action = first.session.nextAction!;
    expect(action.type).toBe('redirect');
    expect(fake.payments.get(action.reference)!.callback_url).toBe(`${merchant.origin}/checkout`);
    const back = await fetch(action.data['url']!, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' });
    expect(new URL(back.headers.get('location')!).origin).toBe(merchant.origin);
    // The webhook Moyasar sends settles the session before the shopper is back.
    const receipt = await webhook(fake.webhooks.at(-1));
    expect(receipt.status).toBe(200);
    const session = (await (await client.get()).json()) as CheckoutSession;
    expect(session.status).toBe('complete');
    expect(session.orderId).toBeTruthy();
  });

  it('a webhook without the endpoint’s secret token changes nothing', async () => {
    const { client } = await saudiSession();
    const first = (await (await client.confirm('stcpay:0512345678', randomHex(8), { provider: 'moyasar' })).json()) as ConfirmResponse;
    const forged = { ...fake.event(first.session.nextAction!.reference, 'payment_paid'), secret_token: 'guessed' };
    const answer = await webhook(forged);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(((await (await client.get()).json()) as CheckoutSession).status).toBe('requires_action');
  });

  it('refunds go through the refunds service to Moyasar, once per Idempotency-Key, never more than was paid', async () => {
    const { client } = await saudiSession();
    const first = (await (await client.confirm('stcpay:0512345678', randomHex(8), { provider: 'moyasar' })).json()) as ConfirmResponse;
    const url = new URL(first.session.nextAction!.data['url']!);
    url.searchParams.set('otp_value', STC_PAY_TEST_OTP.success);
    await fetch(url, { method: 'POST' });
    const paid = (await (await client.completeAction()).json()) as { order: { id: string; paymentReference: string } };
    const refund = (body: object, key: string) =>
      env.app.request(`/v1/orders/${paid.order.id}/refunds`, {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });
    const a = await refund({ amount: 1_500 }, 'refund-a');
    expect(a.status).toBe(200);
    expect(await a.json()).toMatchObject({ status: 'succeeded', amount: 1_500, currency: 'SAR' });
    expect((await refund({ amount: 1_500 }, 'refund-a')).status).toBe(200);
    expect(fake.payments.get(paid.order.paymentReference)!.refunded).toBe(1_500);
    expect((await refund({ amount: TOTAL }, 'refund-b')).status).toBe(409);
    expect(fake.payments.get(paid.order.paymentReference)!.refunded).toBe(1_500);
    const money = (await (await merchantGet(env, merchant, `/v1/orders/${paid.order.id}/refunds`)).json()) as { amountRefunded: number; refunds: Refund[] };
    expect(money.amountRefunded).toBe(1_500);
  });
});
