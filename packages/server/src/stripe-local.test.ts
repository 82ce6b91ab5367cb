/**
 * Local methods through the backend, the Stripe provider and the loopback fake of Stripe's API
 * (issue 18): the confirm carries what the method needs (BLIK's code, a return address), the
 * session waits with the method's next action, and the shopper's decision settles it — through
 * `complete-action` and through Stripe's signed webhook alike, once.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { CheckoutSession, ConfirmResponse, Order } from '@omni-checkout/core';
import { createStripeProvider } from '@omni-checkout/stripe/server';
import { startFakeStripe, type FakeStripe } from '@omni-checkout/stripe/fake';
import { afterAll, describe, expect, it } from 'vitest';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, type TestMerchant } from './test/env.js';

const WEBHOOK_SECRET = 'whsec_backend_local_suite';
const PUBLISHABLE = 'pk_test_backend_local_suite_00001';
const fake: FakeStripe = await startFakeStripe({ webhookSecret: WEBHOOK_SECRET });
fake.blikApprovalMs = null;
const stripe = createStripeProvider({
  secretKey: 'sk_test_backend_local_suite_00001',
  publishableKey: PUBLISHABLE,
  webhookSecret: WEBHOOK_SECRET,
  api: { host: '127.0.0.1', port: fake.port, protocol: 'http' },
});
const env = await createTestEnv({ providers: [stripe] });
const server: ServerType = await new Promise((resolve) => {
  const s = serve({ fetch: env.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
fake.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/webhooks/stripe`);
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => server.close(resolve));
});

const json = async <T>(response: Response) => (await response.json()) as T;
const ordersOf = async (merchant: TestMerchant, id: string) => (await json<{ data: Order[] }>(await merchantGet(env, merchant, `/v1/orders?sessionId=${id}`))).data;

async function ready(country: string, currency: string) {
  const merchant = await createMerchant(env, 'Local shop', ['stripe']);
  const created = await createSession(env, merchant, {
    currency,
    country,
    lineItems: [{ id: 'beans', name: 'Beans', unitAmount: currency === 'SEK' ? 12_000 : 4_000, quantity: 1 }],
    shippingOptions: [{ id: 'standard', label: 'Standard', amount: 0, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  });
  const client = clientFor(env, merchant, created);
  await client.fill();
  return { merchant, created, client };
}

/** A PaymentMethod as the Payment Element makes it in the page. */
async function pageMethod(type: string, billing: Record<string, string> = {}): Promise<string> {
  const body = new URLSearchParams({ type, ...Object.fromEntries(Object.entries(billing).map(([k, v]) => [`billing_details[${k}]`, v])) });
  const response = await fetch(`${fake.url}/v1/payment_methods`, { method: 'POST', headers: { authorization: `Bearer ${PUBLISHABLE}`, 'content-type': 'application/x-www-form-urlencoded' }, body });
  return ((await response.json()) as { id: string }).id;
}

describe('BLIK through the backend', () => {
  it('offers BLIK in Poland, confirms with the code, waits for the app, and pays once on approval (complete-action and webhook agree)', async () => {
    const { merchant, created, client } = await ready('PL', 'PLN');
    const session = await json<CheckoutSession>(await client.get());
    expect(session.paymentMethods.map((m) => m.type).slice(0, 2)).toEqual(['blik', 'p24']);
    const answer = await json<ConfirmResponse>(await client.confirm(await pageMethod('blik'), 'blik-1', { paymentMethodOptions: { blik: { code: '777123' } } }));
    expect(answer).toMatchObject({ status: 'requires_action', session: { status: 'requires_action', nextAction: { type: 'approve_in_app', data: { method: 'blik' } } } });
    // The code went to Stripe with the confirmation, and is nowhere in what the backend keeps or answers.
    const [pi] = fake.paymentIntents().filter((p) => p.metadata.omni_session === created.id);
    expect(pi!.next_action?.type).toBe('blik_authorize');
    expect(JSON.stringify(answer)).not.toContain('777123');
    expect(JSON.stringify((await env.db.query('SELECT * FROM checkout_sessions WHERE id = $1', [created.id])).rows)).not.toContain('777123');
    // Not approved yet: the page is told to wait.
    expect(await json(await client.completeAction())).toMatchObject({ error: { code: 'confirm_in_progress' } });
    fake.decideAction(pi!.id, 'approve');
    await fake.flushWebhooks();
    expect(await json(await client.completeAction())).toMatchObject({ status: 'succeeded', order: { amount: 4_000, currency: 'PLN' } });
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });

  it('refuses a code that is not six digits before anything reaches Stripe', async () => {
    const { created, client } = await ready('PL', 'PLN');
    const response = await client.confirm(await pageMethod('blik'), 'blik-2', { paymentMethodOptions: { blik: { code: '77712' } } });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: { code: 'validation_failed', issues: [{ path: 'paymentMethodOptions.blik.code' }] } });
    expect(fake.paymentIntents().filter((p) => p.metadata.omni_session === created.id)).toEqual([]);
  });
});

describe('a redirect (iDEAL) through the backend', () => {
  it('confirms with the page as return address; refused at the bank: a 402 on return, no order; then it pays', async () => {
    const { merchant, created, client } = await ready('NL', 'EUR');
    const returnUrl = `${merchant.origin}/checkout`;
    const first = await json<ConfirmResponse>(await client.confirm(await pageMethod('ideal'), 'ideal-1', { returnUrl }));
    expect(first.session.nextAction).toMatchObject({ type: 'redirect', data: { method: 'ideal' } });
    const [pi] = fake.paymentIntents().filter((p) => p.metadata.omni_session === created.id);
    expect(pi!.next_action).toMatchObject({ type: 'redirect_to_url', redirect_to_url: { return_url: returnUrl } });
    fake.decideAction(pi!.id, 'fail');
    const back = await client.completeAction();
    expect(back.status).toBe(402);
    expect(await ordersOf(merchant, created.id)).toEqual([]);
    await fake.flushWebhooks();
    // Reopened: another attempt pays.
    await client.confirm(await pageMethod('ideal'), 'ideal-2', { returnUrl });
    const second = fake.paymentIntents().filter((p) => p.metadata.omni_session === created.id).at(-1)!;
    fake.decideAction(second.id, 'approve');
    await fake.flushWebhooks();
    // The webhook settled it before the page came back: complete-action answers the order.
    expect(await json(await client.completeAction())).toMatchObject({ status: 'succeeded', order: { amount: 4_000, paymentReference: second.id } });
    expect(fake.paymentIntents().filter((p) => p.metadata.omni_session === created.id).map((p) => p.amount_received)).toEqual([0, 4_000]);
  });

  it('refuses a return address on another site', async () => {
    const { client } = await ready('NL', 'EUR');
    const response = await client.confirm(await pageMethod('ideal'), 'ideal-3', { returnUrl: 'https://elsewhere.example/checkout' });
    expect(await json(response)).toMatchObject({ error: { code: 'validation_failed', issues: [{ path: 'returnUrl' }] } });
  });
});

describe('a QR code (Swish) through the backend', () => {
  it('waits with the code’s data and is paid by the webhook when the phone approves, with the page gone', async () => {
    const { merchant, created, client } = await ready('SE', 'SEK');
    const answer = await json<ConfirmResponse>(await client.confirm(await pageMethod('swish'), 'swish-1'));
    expect(answer.session.nextAction).toMatchObject({ type: 'display_qr', data: { method: 'swish', qrData: expect.stringContaining('/_fake/pay/pi_') } });
    const [pi] = fake.paymentIntents().filter((p) => p.metadata.omni_session === created.id);
    fake.decideAction(pi!.id, 'approve');
    await fake.flushWebhooks();
    expect(await ordersOf(merchant, created.id)).toMatchObject([{ amount: 12_000, currency: 'SEK', paymentReference: pi!.id }]);
  });
});
