/**
 * Vaulted PayPal for returning shoppers, through the backend and the identity network, against
 * the PayPal REST fake: a guest who consents to be remembered pays with PayPal (the order asks
 * PayPal to vault on success); on the next visit, signed in, the saved PayPal pays in one call —
 * no PayPal window, no approval, one click. PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVE_CONSENT_VERSION, type PrepareResponse, type ShopperSession } from '@omni-checkout/core';
import { createPayPalProvider } from '@omni-checkout/paypal/server';
import { startPayPalRestFake, type PayPalRestFake } from '@omni-checkout/paypal/testing';
import { randomVault } from './identity/vault.js';
import { DEFAULT_LIMITS } from './identity/limits.js';
import { startMailCatcher, type MailCatcher } from './notifications/mail-catcher.js';
import { createSmtpMailer, type Mailer } from './notifications/mailer.js';
import { newPublishableKey, newSecretKey, randomHex } from './crypto.js';
import { createStorage } from './storage/index.js';
import { clientFor, createSession, createTestEnv, type TestEnv, type TestMerchant } from './test/env.js';

let env: TestEnv;
let fake: PayPalRestFake;
let catcher: MailCatcher;
let mailer: Mailer;
let merchant: TestMerchant;

beforeAll(async () => {
  catcher = await startMailCatcher(0);
  mailer = createSmtpMailer({ url: catcher.url, from: 'Checkout <codes@omni.example>' });
  fake = await startPayPalRestFake();
  const paypal = createPayPalProvider({ clientId: fake.clientId, clientSecret: fake.clientSecret, apiBase: fake.url });
  const vault = randomVault();
  const { db } = await createStorage({ dataDir: null, vault });
  env = await createTestEnv({
    db,
    vault,
    app: { providers: [paypal], identity: { db, vault, mailer, sms: { send: async () => {} }, limits: DEFAULT_LIMITS, trustProxy: true } },
  });
  merchant = { publishableKey: newPublishableKey(), secretKey: newSecretKey(), origin: `https://shop-${randomHex(4)}.example` };
  await env.storage.upsertMerchant({ name: 'PayPal shop', ...merchant, allowedOrigins: [merchant.origin], providerId: 'paypal' });
});

afterAll(async () => {
  mailer.close();
  await catcher.close();
  await fake.close();
  await env.db.close();
});

async function visit() {
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  const headers = (token?: string) => ({
    authorization: `Bearer ${created.clientSecret}`,
    'omni-publishable-key': merchant.publishableKey,
    origin: merchant.origin,
    'content-type': 'application/json',
    'x-forwarded-for': '10.9.8.7',
    ...(token ? { 'omni-shopper-token': token } : {}),
  });
  const identity = (path: string, body: unknown, token?: string) =>
    env.app.request(`/v1/client/checkout-sessions/${created.id}/identity${path}`, { method: 'POST', headers: headers(token), body: JSON.stringify(body) });
  return { created, client, identity };
}

describe('vaulted PayPal: a returning shopper pays in one click', () => {
  it('consent → PayPal vaults on success → next visit, signed in, the saved PayPal pays in one call', async () => {
    const email = `paypal.${Date.now().toString(36)}@example.com`;

    // First visit: a guest, who ticks "remember me", pays with PayPal.
    const first = await visit();
    await first.client.fill();
    expect((await first.client.post('/contact', { email })).status).toBe(200);
    expect((await first.identity('/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).status).toBe(200);
    const prepared = await first.client.post('/prepare', { method: 'paypal' }, { 'idempotency-key': 'click-1' });
    const { reference } = (await prepared.json()) as PrepareResponse;
    const vaultRequest = fake.orders.get(reference)!.request.payment_source?.paypal?.attributes;
    expect(vaultRequest?.vault).toEqual({ store_in_vault: 'ON_SUCCESS', usage_type: 'MERCHANT', customer_type: 'CONSUMER' });
    expect(vaultRequest?.customer?.id).toMatch(/\S/);
    fake.approve(reference, { email });
    expect((await first.client.confirm(reference, 'first-visit')).status).toBe(200);

    // Next visit: recognised by a one-time code; the saved PayPal shows masked.
    const second = await visit();
    const before = catcher.messages().at(-1)?.id ?? 0;
    const lookup = (await (await second.identity('/lookup', { email })).json()) as { challengeId: string };
    const message = await catcher.waitFor((m) => m.to === email && m.id > before && /checkout code/.test(m.subject));
    const code = /\b(\d{6})\b/.exec(message.subject)![1]!;
    const session = (await (await second.identity('/verify', { challengeId: lookup.challengeId, code, rememberDevice: false })).json()) as ShopperSession;
    expect((await second.identity('/apply', {}, session.shopperToken)).status).toBe(200);
    const saved = session.profile!.savedMethods[0]!;
    expect(saved).toMatchObject({ provider: 'paypal', type: 'wallet', brand: 'paypal', account: 'p•••@example.com' });
    expect(saved).not.toHaveProperty('last4');
    // The page sees neither the PayPal order nor the vault token, nor the full email in the method.
    const shown = JSON.stringify(session.profile!.savedMethods);
    expect(shown).not.toContain('vault:');
    expect(shown).not.toContain(email);

    // One click: confirm with the saved method. PayPal sees one request: an order paid by the vault id.
    const requestsBefore = fake.requests.length;
    const paid = await second.client.post('/confirm', { paymentMethod: saved.id, provider: 'paypal' }, { 'idempotency-key': 'one-click', 'omni-shopper-token': session.shopperToken });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ status: 'succeeded', order: { amount: 5343, provider: 'paypal' } });
    expect(fake.requests.slice(requestsBefore).filter((r) => !r.includes('oauth2'))).toEqual(['POST /v2/checkout/orders']);
    expect(fake.captures.filter((c) => c.custom_id === second.created.id)).toHaveLength(1);
  });

  it('without consent PayPal is not asked to vault anything', async () => {
    const guest = await visit();
    await guest.client.fill();
    const { reference } = (await (await guest.client.post('/prepare', { method: 'paypal' }, { 'idempotency-key': 'guest' })).json()) as PrepareResponse;
    expect(fake.orders.get(reference)!.request.payment_source?.paypal?.attributes).toBeUndefined();
  });
});
