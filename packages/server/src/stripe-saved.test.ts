/**
 * Saved cards on Stripe through the identity network: a guest who consents has the card saved on
 * their Stripe Customer (setup_future_usage only then); recognised later, the shopper pays with
 * the saved card in one click — a PaymentIntent with the customer and the saved PaymentMethod,
 * nothing typed and nothing from Stripe.js.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVE_CONSENT_VERSION, type ConfirmResponse, type IdentityLookupResponse, type ShopperSession } from '@omni-checkout/core';
import { createStripeProvider } from '@omni-checkout/stripe/server';
import { startFakeStripe, type FakeStripe } from '@omni-checkout/stripe/fake';
import { DEFAULT_LIMITS } from './identity/limits.js';
import { randomVault } from './identity/vault.js';
import { startMailCatcher, type MailCatcher } from './notifications/mail-catcher.js';
import { createSmtpMailer, type Mailer } from './notifications/mailer.js';
import { usePglite } from './test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, type TestEnv, type TestMerchant } from './test/env.js';

let catcher: MailCatcher;
let mailer: Mailer;
let fake: FakeStripe;
let env: TestEnv;
let merchant: TestMerchant;
const database = usePglite();

beforeAll(async () => {
  catcher = await startMailCatcher(0);
  mailer = createSmtpMailer({ url: catcher.url, from: 'Checkout <codes@omni.example>' });
  fake = await startFakeStripe();
  const stripe = createStripeProvider({
    secretKey: 'sk_test_saved_cards_suite_00001',
    publishableKey: 'pk_test_saved_cards_suite_00001',
    api: { host: '127.0.0.1', port: fake.port, protocol: 'http' },
  });
  const vault = randomVault();
  const db = database();
  env = await createTestEnv({ db, vault, app: { providers: [stripe], identity: { db, vault, mailer, sms: null, limits: DEFAULT_LIMITS, trustProxy: true } } });
  merchant = await createMerchant(env, 'Stripe shop', ['stripe']);
});

afterAll(async () => {
  mailer?.close();
  await catcher?.close();
  await fake?.close();
});

let run = 0;
function visit() {
  return (async () => {
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    const ip = `10.9.0.${++run}`;
    const headers = (token?: string) => ({
      authorization: `Bearer ${created.clientSecret}`,
      'omni-publishable-key': merchant.publishableKey,
      origin: merchant.origin,
      'x-forwarded-for': ip,
      'content-type': 'application/json',
      ...(token ? { 'omni-shopper-token': token } : {}),
    });
    const post = (path: string, body: unknown, token?: string) =>
      env.app.request(`/v1/client/checkout-sessions/${created.id}/identity${path}`, { method: 'POST', headers: headers(token), body: JSON.stringify(body) });
    return { created, client, post };
  })();
}

const intentsOf = (sessionId: string) => fake.paymentIntents().filter((pi) => pi.metadata.omni_session === sessionId);

describe('saved cards on Stripe', () => {
  it('saves the card on the shopper’s Stripe customer only with consent, then pays with it in one click', async () => {
    const email = `saved.${Date.now().toString(36)}@example.com`;

    // Without consent: no customer, nothing saved.
    const guest = await visit();
    await guest.client.fill();
    expect((await guest.client.confirm('pm_card_visa', 'no-consent')).status).toBe(200);
    expect(intentsOf(guest.created.id)[0]).toMatchObject({ customer: null, setup_future_usage: null });

    // With consent: a customer, setup_future_usage, the card attached to it.
    const saver = await visit();
    await saver.client.fill();
    expect((await saver.client.post('/contact', { email })).status).toBe(200);
    expect((await saver.post('/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).status).toBe(200);
    expect((await saver.client.confirm('pm_card_mastercard', 'consent')).status).toBe(200);
    const [saved] = intentsOf(saver.created.id);
    expect(saved).toMatchObject({ customer: expect.stringMatching(/^cus_/), setup_future_usage: 'off_session', status: 'succeeded' });
    const customer = saved!.customer as string;
    expect(fake.paymentMethods().filter((pm) => pm.customer === customer).map((pm) => pm.card?.last4)).toEqual(['4444']);

    // Later, a new checkout: email → code → the saved card, masked, pays in one click.
    const returning = await visit();
    const before = catcher.messages().at(-1)?.id ?? 0;
    const lookup = (await (await returning.post('/lookup', { email })).json()) as IdentityLookupResponse;
    const message = await catcher.waitFor((m) => m.to === email && m.id > before && /checkout code/.test(m.subject));
    const code = /\b(\d{6})\b/.exec(message.subject)![1]!;
    const session = (await (await returning.post('/verify', { challengeId: lookup.challengeId, code, rememberDevice: false })).json()) as ShopperSession;
    await returning.post('/apply', {}, session.shopperToken);
    const method = session.profile!.savedMethods[0]!;
    expect(method).toMatchObject({ brand: 'mastercard', last4: '4444' });
    // Masked only: the Stripe reference (pm_…) stays on the server.
    expect(JSON.stringify(session.profile)).not.toMatch(/\bpm_/);
    const paid = await returning.client.post('/confirm', { paymentMethod: method.id }, { 'idempotency-key': 'one-click', 'omni-shopper-token': session.shopperToken });
    expect(paid.status).toBe(200);
    expect((await paid.json()) as ConfirmResponse).toMatchObject({ status: 'succeeded', order: { provider: 'stripe', amount: 5343 } });
    const [oneClick] = intentsOf(returning.created.id);
    expect(oneClick).toMatchObject({ customer, status: 'succeeded' });
    expect(fake.paymentMethods().find((pm) => pm.id === oneClick!.payment_method)?.customer).toBe(customer);
    // The page created no PaymentMethod: nothing of Stripe.js was needed.
    expect(fake.requests.filter((r) => r.key === 'publishable')).toEqual([]);
  });
});
