/**
 * The backend with the real Stripe provider (the `stripe` SDK) against the loopback fake of
 * Stripe's API, which delivers signed webhooks to the backend over HTTP, as Stripe does.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { CheckoutSession, ConfirmResponse, Order } from '@omni-checkout/core';
import { createStripeProvider } from '@omni-checkout/stripe/server';
import { startFakeStripe, type FakeStripe } from '@omni-checkout/stripe/fake';
import { afterAll, describe, expect, it } from 'vitest';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, type TestMerchant } from './test/env.js';

const WEBHOOK_SECRET = 'whsec_backend_stripe_suite';
const fake: FakeStripe = await startFakeStripe({ webhookSecret: WEBHOOK_SECRET });
const stripe = createStripeProvider({
  secretKey: 'sk_test_backend_suite_0000000001',
  publishableKey: 'pk_test_backend_suite_0000000001',
  webhookSecret: WEBHOOK_SECRET,
  api: { host: '127.0.0.1', port: fake.port, protocol: 'http' },
  applePayDomainAssociation: 'association-file',
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

async function ready() {
  const merchant = await createMerchant(env, 'Stripe shop', ['stripe']);
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  await client.fill();
  return { merchant, created, client };
}

const json = async <T>(response: Response) => (await response.json()) as T;
const ordersOf = async (merchant: TestMerchant, id: string) => (await json<{ data: Order[] }>(await merchantGet(env, merchant, `/v1/orders?sessionId=${id}`))).data;
const mails = async (sessionId: string) => (await env.db.query('SELECT 1 FROM outbox WHERE dedupe_key LIKE $1', [`%${sessionId}%`])).rows.length;
const intentsOf = (sessionId: string) => fake.paymentIntents().filter((pi) => pi.metadata.omni_session === sessionId);

describe('Stripe through the backend', () => {
  it('shows the publishable key (never the secret) and Stripe’s methods in the session', async () => {
    const { client } = await ready();
    const session = await json<CheckoutSession>(await client.get());
    expect(session.providers).toEqual([{ id: 'stripe', config: { publishableKey: 'pk_test_backend_suite_0000000001', paymentMethodTypes: 'klarna,card,sepa_debit,link' }, methods: expect.arrayContaining(['card', 'apple_pay', 'google_pay', 'link']) }]);
    expect(JSON.stringify(session)).not.toContain('sk_test_');
  });

  it('charges the session total once, with the deterministic key, and one confirmation email (webhook and response agree)', async () => {
    const { merchant, created, client } = await ready();
    const response = await client.confirm('pm_card_visa', 'guest-1', { provider: 'stripe', amount: 1 });
    expect(response.status).toBe(200);
    const body = await json<ConfirmResponse>(response);
    expect(body.order).toMatchObject({ amount: 5343, provider: 'stripe', paymentReference: expect.stringMatching(/^pi_/) });
    await fake.flushWebhooks();
    const intents = intentsOf(created.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ amount: 5343, currency: 'eur', capture_method: 'automatic_async' });
    expect(fake.requests.find((r) => r.path === '/v1/payment_intents' && r.idempotencyKey === `${created.id}:confirm:1`)).toBeDefined();
    expect(fake.deliveries.filter((d) => d.status === 200).length).toBeGreaterThan(0);
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
    expect(await mails(created.id)).toBe(1);
  });

  it('answers a decline with 402 and its decline code, then takes another card', async () => {
    const { merchant, created, client } = await ready();
    const declined = await client.confirm('pm_card_chargeDeclinedInsufficientFunds', 'd-1');
    expect(declined.status).toBe(402);
    expect(await json(declined)).toMatchObject({ error: { code: 'insufficient_funds', declineCode: 'insufficient_funds' } });
    expect((await client.confirm('pm_card_visa', 'd-2')).status).toBe(200);
    await fake.flushWebhooks();
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
  });

  it('completes a 3-D Secure payment by webhook when the shopper closed the tab mid-challenge', async () => {
    const { merchant, created, client } = await ready();
    const body = await json<ConfirmResponse>(await client.confirm('pm_card_threeDSecure2Required', '3ds-1'));
    expect(body.session).toMatchObject({ status: 'requires_action', nextAction: { provider: 'stripe', data: { clientSecret: expect.stringMatching(/_secret_/) } } });
    // The shopper approves in the bank's frame and closes the tab: only Stripe's webhook tells us.
    fake.decideChallenge(body.session.nextAction!.reference, 'approve');
    await fake.flushWebhooks();
    const session = await json<CheckoutSession>(await client.get());
    expect(session).toMatchObject({ status: 'complete', nextAction: null });
    expect(await ordersOf(merchant, created.id)).toMatchObject([{ paymentReference: body.session.nextAction!.reference }]);
    expect(await mails(created.id)).toBe(1);
    // The page, reopened, learns the outcome.
    expect(await json(await client.completeAction())).toMatchObject({ status: 'succeeded' });
  });

  it('reopens the session when the bank refuses the challenge, and tells the page even after the webhook (402 authentication_failed)', async () => {
    const { created, client } = await ready();
    const body = await json<ConfirmResponse>(await client.confirm('pm_card_authenticationRequired', '3ds-f'));
    fake.decideChallenge(body.session.nextAction!.reference, 'fail');
    // Stripe's webhook gets there before the page: the page still learns why.
    await fake.flushWebhooks();
    const failed = await client.completeAction();
    expect(failed.status).toBe(402);
    expect(await json(failed)).toMatchObject({ error: { code: 'authentication_failed' } });
    await fake.flushWebhooks();
    expect((await json<CheckoutSession>(await client.get())).status).toBe('open');
    expect(await mails(created.id)).toBe(0);
  });

  it('passes the page as return_url only when its origin is the merchant’s', async () => {
    const { merchant, created, client } = await ready();
    const foreign = await client.confirm('pm_card_visa', 'r-1', { returnUrl: 'https://evil.example/checkout' });
    expect(foreign.status).toBe(400);
    expect(intentsOf(created.id)).toHaveLength(0);
    expect((await client.confirm('pm_card_visa', 'r-2', { returnUrl: `${merchant.origin}/checkout?step=pay` })).status).toBe(200);
    expect(intentsOf(created.id)[0]?.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'always' });
  });

  it('charges once for a triple click and two tabs on one session (R35)', async () => {
    const { merchant, created, client } = await ready();
    const answers = await Promise.all([
      client.confirm('pm_card_visa', 'tab-1'),
      client.confirm('pm_card_visa', 'tab-1'),
      client.confirm('pm_card_visa', 'tab-1'),
      client.confirm('pm_card_visa', 'tab-2'),
      client.confirm('pm_card_mastercard', 'phone-1'),
    ]);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(answers.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    await fake.flushWebhooks();
    expect(intentsOf(created.id)).toHaveLength(1);
    expect(await ordersOf(merchant, created.id)).toHaveLength(1);
    expect(await mails(created.id)).toBe(1);
  });

  it('shows a PaymentIntent client secret only to the session that owns it (R16)', async () => {
    const owner = await ready();
    const body = await json<ConfirmResponse>(await owner.client.confirm('pm_card_threeDSecure2Required', 'r16'));
    const secret = body.session.nextAction!.data.clientSecret!;
    const other = await ready();
    // Another session of the same merchant: its client secret opens only its own session.
    const foreign = await env.app.request(`/v1/client/checkout-sessions/${owner.created.id}`, {
      headers: { authorization: `Bearer ${other.created.clientSecret}`, 'omni-publishable-key': other.merchant.publishableKey, origin: other.merchant.origin },
    });
    expect(foreign.status).toBe(401);
    expect(await (await other.client.get()).text()).not.toContain(secret);
    expect(await (await owner.client.get()).text()).toContain(secret);
    expect(env.logs.join('\n')).not.toContain(secret);
  });

  it('treats a tampered payment method as a failed payment, not a server error', async () => {
    const { client } = await ready();
    const response = await client.confirm('pm_made_up', 't-1');
    expect(response.status).toBe(402);
    expect(await json(response)).toMatchObject({ error: { code: 'provider_error' } });
  });

  it('refuses a webhook that was not signed with the endpoint secret', async () => {
    const body = JSON.stringify(fake.events.at(-1));
    const response = await env.app.request('/v1/webhooks/stripe', { method: 'POST', headers: { 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` }, body });
    expect(response.status).toBe(400);
  });

  it('serves the Apple Pay domain association file', async () => {
    const response = await env.app.request('/.well-known/apple-developer-merchantid-domain-association');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('association-file');
    expect((await env.app.request('/.well-known/other')).status).toBe(404);
  });
});
