/**
 * The server half through the loopback fake of Moyasar's API (`../testing/fake.ts`): what a merchant
 * would notice — the shopper's amount taken once, a bank's 3-D Secure page and the way back, a
 * decline in words a shopper understands, STC Pay's one-time password, refunds that never give back
 * twice, and webhooks that are refused without the endpoint's secret token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderPaymentInput, ServerProvider } from '@omni-checkout/core';
import { WebhookVerificationError } from '@omni-checkout/core';
import { MADA_TEST_CARDS, STC_PAY_TEST_OTP } from '../api.js';
import { startMoyasarFake, type MoyasarFake } from '../testing/fake.js';
import { createMoyasarProvider, givenId, MOYASAR_MESSAGES } from './index.js';

let fake: MoyasarFake;
let provider: ServerProvider;
const webhookSecret = 'moyasar-endpoint-secret-token';

beforeEach(async () => {
  fake = await startMoyasarFake({ webhookSecret });
  provider = createMoyasarProvider({ secretKey: fake.secretKey, publishableKey: fake.publishableKey, apiBase: fake.url, webhookSecret });
});
afterEach(() => fake.close());

/** What the page does: tokenise the card at Moyasar with the publishable key. */
async function tokenise(number: string): Promise<string> {
  const response = await fetch(`${fake.url}/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${fake.publishableKey}:`)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Noura Alharbi', number, month: 12, year: new Date().getUTCFullYear() + 2, cvc: '123', save_only: true }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const input = (paymentMethod: string, key = `cs_1:confirm:${paymentMethod}`): ProviderPaymentInput => ({
  sessionId: 'cs_1',
  amount: 12_345,
  currency: 'SAR',
  paymentMethod,
  idempotencyKey: key,
  metadata: { order: 'cs_1' },
  returnUrl: 'http://localhost:5173/checkout?market=SA',
});

/** Follows the bank's page as a shopper would: press a button, land back on the checkout. */
async function threeDs(url: string, decision: 'approve' | 'fail'): Promise<URL> {
  const page = await fetch(url);
  expect(await page.text()).toContain('Authenticate');
  const back = await fetch(url, { method: 'POST', body: new URLSearchParams({ decision }), redirect: 'manual' });
  expect(back.status).toBe(302);
  return new URL(back.headers.get('location')!);
}

describe('mada through Moyasar', () => {
  it('offers mada and STC Pay in Saudi Arabia in riyals only, from 1.00 SAR', () => {
    expect(provider.supportedMethods!({ country: 'SA', currency: 'SAR' })).toEqual(['mada', 'stc_pay']);
    expect(provider.supportedMethods!({ country: 'SA', currency: 'USD' })).toEqual([]);
    expect(provider.supportedMethods!({ country: 'AE', currency: 'SAR' })).toEqual([]);
    expect(provider.amountLimits!({ country: 'SA', currency: 'SAR' })).toEqual({ mada: { min: 100 }, stc_pay: { min: 100 } });
    expect(provider.publicConfig()).toEqual({ publishableKey: fake.publishableKey, apiBase: fake.url });
  });

  it('with live keys, carries mada (card fields in the page, SAQ A-EP) only when the merchant accepts it', () => {
    // Assembled at run time: the tree never holds anything shaped like a live key.
    const live = { secretKey: ['sk', 'live', 'x'.repeat(4)].join('_'), publishableKey: ['pk', 'live', 'x'.repeat(4)].join('_'), apiBase: fake.url };
    expect(createMoyasarProvider(live).supportedMethods!({ country: 'SA', currency: 'SAR' })).toEqual(['stc_pay']);
    expect(createMoyasarProvider({ ...live, pageCardFields: true }).supportedMethods!({ country: 'SA', currency: 'SAR' })).toEqual(['mada', 'stc_pay']);
  });

  it('sends the shopper to the bank’s 3-D Secure page and, back at the checkout, reports the payment taken in halalas', async () => {
    const first = await provider.createPayment(input(await tokenise(MADA_TEST_CARDS.success)));
    expect(first.status).toBe('requires_action');
    if (first.status !== 'requires_action') return;
    expect(first.action).toMatchObject({ type: 'redirect', provider: 'moyasar', reference: first.reference });
    const back = await threeDs(first.action.data['url']!, 'approve');
    expect(back.origin + back.pathname).toBe('http://localhost:5173/checkout');
    expect(back.searchParams.get('market')).toBe('SA');
    expect(back.searchParams.get('id')).toBe(first.reference);
    expect(back.searchParams.get('status')).toBe('paid');
    const done = await provider.retrievePayment(first.reference);
    expect(done).toMatchObject({ status: 'succeeded', amount: 12_345, currency: 'SAR', paymentMethod: { brand: 'mada', last4: '1010' } });
    expect(fake.payments.get(first.reference)).toMatchObject({ amount: 12_345, currency: 'SAR', metadata: { order: 'cs_1', omni_session: 'cs_1' } });
  });

  it('a failed 3-D Secure check ends failed, in words the shopper understands', async () => {
    const first = await provider.createPayment(input(await tokenise(MADA_TEST_CARDS.success)));
    if (first.status !== 'requires_action') throw new Error(first.status);
    const back = await threeDs(first.action.data['url']!, 'fail');
    expect(back.searchParams.get('status')).toBe('failed');
    expect(await provider.retrievePayment(first.reference)).toEqual({
      status: 'failed',
      reference: first.reference,
      code: 'authentication_failed',
      message: MOYASAR_MESSAGES.authentication_failed,
    });
  });

  it('a declined mada card and one without funds fail with their reasons', async () => {
    for (const [card, code] of [
      [MADA_TEST_CARDS.declined, 'card_declined'],
      [MADA_TEST_CARDS.insufficientFunds, 'insufficient_funds'],
    ] as const) {
      const first = await provider.createPayment(input(await tokenise(card)));
      if (first.status !== 'requires_action') throw new Error(first.status);
      await threeDs(first.action.data['url']!, 'approve');
      const result = await provider.retrievePayment(first.reference);
      expect(result).toMatchObject({ status: 'failed', code });
      expect(result.status === 'failed' && result.message).toBe(MOYASAR_MESSAGES[code]);
    }
  });

  it('a card without a page to come back to is refused before Moyasar is asked', async () => {
    const result = await provider.createPayment({ ...input(await tokenise(MADA_TEST_CARDS.success)), returnUrl: undefined });
    expect(result).toMatchObject({ status: 'failed', reference: null, code: 'provider_error' });
    expect(fake.created()).toBe(0);
  });

  it('the same attempt key creates one payment at Moyasar (given_id), another key a second', async () => {
    const token = await tokenise(MADA_TEST_CARDS.success);
    const a = await provider.createPayment(input(token, 'cs_1:attempt:1'));
    const again = await provider.createPayment(input(token, 'cs_1:attempt:1'));
    expect(again.reference).toBe(a.reference);
    expect(fake.created()).toBe(1);
    const b = await provider.createPayment(input(token, 'cs_1:attempt:2'));
    expect(b.reference).not.toBe(a.reference);
    expect(fake.created()).toBe(2);
    expect(givenId('cs_1:attempt:1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses anything the page did not produce', async () => {
    expect(await provider.createPayment(input('pm_card_visa'))).toMatchObject({ status: 'failed', code: 'provider_error' });
    expect(await provider.createPayment(input('stcpay:12345'))).toMatchObject({ status: 'failed', code: 'provider_error' });
    expect(fake.created()).toBe(0);
  });
});

describe('STC Pay through Moyasar', () => {
  async function otp(url: string, value: string) {
    const target = new URL(url);
    target.searchParams.set('otp_value', value);
    return fetch(target, { method: 'POST' });
  }

  it('asks for the one-time password STC Pay sends, and the right code pays', async () => {
    const first = await provider.createPayment(input('stcpay:0512345678'));
    expect(first.status).toBe('requires_action');
    if (first.status !== 'requires_action') return;
    expect(first.action).toMatchObject({ type: 'challenge', provider: 'moyasar', data: { kind: 'stc_pay_otp' } });
    expect(await provider.retrievePayment(first.reference)).toMatchObject({ status: 'requires_action' });
    expect((await otp(first.action.data['url']!, STC_PAY_TEST_OTP.success)).status).toBe(200);
    expect(await provider.retrievePayment(first.reference)).toMatchObject({ status: 'succeeded', amount: 12_345, currency: 'SAR' });
  });

  it('a wrong code and a wallet without funds fail, and nothing is taken', async () => {
    const wrong = await provider.createPayment(input('stcpay:0512345678', 'k-wrong'));
    if (wrong.status !== 'requires_action') throw new Error(wrong.status);
    await otp(wrong.action.data['url']!, '999999');
    expect(await provider.retrievePayment(wrong.reference)).toMatchObject({ status: 'failed', code: 'authentication_failed', message: MOYASAR_MESSAGES.otp_failed });
    const poor = await provider.createPayment(input('stcpay:0512345678', 'k-poor'));
    if (poor.status !== 'requires_action') throw new Error(poor.status);
    await otp(poor.action.data['url']!, STC_PAY_TEST_OTP.insufficientFunds);
    expect(await provider.retrievePayment(poor.reference)).toMatchObject({ status: 'failed', code: 'insufficient_funds' });
  });

  it('a code sent to a guessed address is refused (the OTP token is the payment’s own)', async () => {
    const first = await provider.createPayment(input('stcpay:0512345678'));
    if (first.status !== 'requires_action') throw new Error(first.status);
    const forged = new URL(first.action.data['url']!);
    forged.searchParams.set('otp_token', 'guessed');
    expect((await otp(forged.toString(), STC_PAY_TEST_OTP.success)).status).toBe(404);
    expect(await provider.retrievePayment(first.reference)).toMatchObject({ status: 'requires_action' });
  });
});

describe('refunds', () => {
  async function paidStcPay(): Promise<string> {
    const first = await provider.createPayment(input('stcpay:0512345678'));
    if (first.status !== 'requires_action') throw new Error(first.status);
    const url = new URL(first.action.data['url']!);
    url.searchParams.set('otp_value', STC_PAY_TEST_OTP.success);
    await fetch(url, { method: 'POST' });
    return first.reference;
  }

  it('gives back part, then the rest, and a retried refund key gives back nothing twice', async () => {
    const reference = await paidStcPay();
    const refund = (amount: number, key: string) => provider.moneyOut!.refund({ reference, amount, currency: 'SAR', idempotencyKey: key, metadata: {} });
    expect(await refund(2_345, 're_1')).toMatchObject({ status: 'succeeded' });
    expect(await refund(2_345, 're_1')).toMatchObject({ status: 'succeeded' });
    expect(fake.payments.get(reference)!.refunded).toBe(2_345);
    expect(await refund(10_000, 're_2')).toMatchObject({ status: 'succeeded' });
    expect(fake.payments.get(reference)!.refunded).toBe(12_345);
    const tooMuch = await refund(1, 're_3');
    expect(tooMuch).toMatchObject({ status: 'failed', reference: null });
  });
});

describe('webhooks', () => {
  it('takes an event with the endpoint’s secret token and reads the payment’s state from the API', async () => {
    const first = await provider.createPayment(input('stcpay:0512345678'));
    if (first.status !== 'requires_action') throw new Error(first.status);
    const url = new URL(first.action.data['url']!);
    url.searchParams.set('otp_value', STC_PAY_TEST_OTP.success);
    await fetch(url, { method: 'POST' });
    const sent = fake.webhooks.at(-1)!;
    expect(sent.type).toBe('payment_paid');
    const event = await provider.webhooks!.verify(JSON.stringify(sent), new Headers(), new Date());
    expect(event).toMatchObject({ id: sent.id, type: 'payment_paid', reference: first.reference, sessionId: 'cs_1', outcome: { status: 'succeeded', amount: 12_345 } });
  });

  it('refuses a wrong or missing secret token, a body that is not an event, and one from live mode', async () => {
    const first = await provider.createPayment(input('stcpay:0512345678'));
    const body = fake.event(first.reference!, 'payment_paid');
    const verify = (value: unknown) => provider.webhooks!.verify(JSON.stringify(value), new Headers(), new Date());
    await expect(verify({ ...body, secret_token: 'moyasar-endpoint-secret-tokeN' })).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verify({ ...body, secret_token: '' })).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verify({ ...body, live: true })).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(provider.webhooks!.verify('{"id":1', new Headers(), new Date())).rejects.toBeInstanceOf(WebhookVerificationError);
    const unconfigured = createMoyasarProvider({ secretKey: fake.secretKey, publishableKey: fake.publishableKey, apiBase: fake.url });
    await expect(unconfigured.webhooks!.verify(JSON.stringify(body), new Headers(), new Date())).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('a forged event about a payment still waiting reports it waiting, not paid', async () => {
    const first = await provider.createPayment(input('stcpay:0512345678'));
    const body = fake.event(first.reference!, 'payment_paid');
    const forged = { ...body, data: { ...body.data, status: 'paid' } };
    const event = await provider.webhooks!.verify(JSON.stringify(forged), new Headers(), new Date());
    expect(event.outcome).toMatchObject({ status: 'requires_action' });
  });
});
