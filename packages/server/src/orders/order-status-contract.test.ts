/** The order-status contract (`@omni-checkout/mock/backend/order-status-contract`) against the real backend: `createApp` on PGlite, the shop's moves through its API. */
import { CONTRACT_ORDER, orderStatusContractSuite, type LinkedOrder } from '@omni-checkout/mock/backend/order-status-contract';
import { SAVE_CONSENT_VERSION, type OrderStatusView } from '@omni-checkout/core';
import { beforeAll, expect } from 'vitest';
import { randomVault } from '../identity/vault.js';
import type { MailMessage } from '../notifications/mailer.js';
import { createMerchant, createSession, createTestEnv, merchantGet, merchantPost, shopperAt, type TestEnv, type TestMerchant } from '../test/env.js';

let env: TestEnv;
const mail: MailMessage[] = [];
const API = 'http://backend.test';
beforeAll(async () => {
  // One in-memory PGlite, mounted with the merchant routes (they need the database) and the identity network (the shopper's list).
  const { db } = await createTestEnv();
  const vault = randomVault();
  const identity = { db, vault, mailer: { send: async (m: MailMessage) => void mail.push(m), close: () => {} }, sms: null, trustProxy: true };
  env = await createTestEnv({ db, vault, app: { db, identity } });
});

async function paidOrder(
  shopperCanCancel: boolean,
  options: { merchant?: TestMerchant; saveFor?: string } = {},
): Promise<{ merchant: TestMerchant; orderId: string; linked: LinkedOrder }> {
  const merchant = options.merchant ?? (await createMerchant(env, 'Contract Shop'));
  await merchantPost(env, merchant, '/v1/order-settings', { shopperCanCancel });
  const created = await createSession(env, merchant, {
    currency: 'EUR',
    country: 'DE',
    lineItems: CONTRACT_ORDER.items,
    shippingOptions: [{ id: 'standard', label: 'Standard', amount: CONTRACT_ORDER.shipping, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  });
  const { client, call } = shopperAt(env, mail, merchant, created);
  await client.fill();
  if (options.saveFor) {
    // The guest saves their details with the order: the identity network now knows them, with consent at this shop.
    expect((await client.post('/contact', { email: options.saveFor })).status).toBe(200);
    expect((await call('POST', '/identity/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).status).toBe(200);
  }
  const orderId = ((await (await client.confirm('pm_ok')).json()) as { order: { id: string } }).order.id;
  const { statusToken } = (await (await merchantGet(env, merchant, `/v1/orders/${orderId}/status`)).json()) as OrderStatusView;
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    return Promise.resolve(env.app.request(url.pathname + url.search, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: merchant.origin } }));
  };
  return { merchant, orderId, linked: { apiBase: API, publishableKey: merchant.publishableKey, token: statusToken, fetch } };
}

/** A code sign-in at `merchant` (in a new checkout session): the shopper token. */
async function signIn(merchant: TestMerchant, email: string): Promise<string> {
  return (await shopperAt(env, mail, merchant, await createSession(env, merchant)).signIn(email)).shopperToken;
}

const newEmail = () => `contract.${Math.random().toString(36).slice(2)}@example.com`;

orderStatusContractSuite('real backend', () => ({
  async paid(options = {}) {
    return (await paidOrder(options.shopperCanCancel ?? false)).linked;
  },
  async delivered() {
    const { merchant, orderId, linked } = await paidOrder(false);
    await merchantPost(env, merchant, `/v1/orders/${orderId}/shipments`, {
      carrier: 'DHL',
      trackingNumber: '00340434161094042557',
      trackingUrl: 'https://www.dhl.de/track?piececode=00340434161094042557',
    });
    await merchantPost(env, merchant, `/v1/orders/${orderId}/delivery-events`, { type: 'delivered' });
    return linked;
  },
  async recognised() {
    const email = newEmail();
    const { merchant, linked } = await paidOrder(false, { saveFor: email });
    return { order: linked, shopperToken: await signIn(merchant, email) };
  },
  async unshared() {
    const email = newEmail();
    await paidOrder(false, { saveFor: email });
    const { merchant, linked } = await paidOrder(false, { merchant: await createMerchant(env, 'Other Shop') });
    return { order: linked, shopperToken: await signIn(merchant, email) };
  },
}));
