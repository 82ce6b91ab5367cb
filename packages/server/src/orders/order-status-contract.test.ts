/** The order-status contract (`@omni-checkout/mock/backend/order-status-contract`) against the real backend: `createApp` on PGlite, the shop's moves through its API. */
import { CONTRACT_ORDER, orderStatusContractSuite, type LinkedOrder } from '@omni-checkout/mock/backend/order-status-contract';
import type { OrderStatusView } from '@omni-checkout/core';
import { beforeAll } from 'vitest';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, merchantPost, type TestEnv, type TestMerchant } from '../test/env.js';

let env: TestEnv;
const API = 'http://backend.test';
beforeAll(async () => {
  // One in-memory PGlite, mounted with the merchant routes (they need the database).
  const { db } = await createTestEnv();
  env = await createTestEnv({ db, app: { db } });
});

async function paidOrder(shopperCanCancel: boolean): Promise<{ merchant: TestMerchant; orderId: string; linked: LinkedOrder }> {
  const merchant = await createMerchant(env, 'Contract Shop');
  await merchantPost(env, merchant, '/v1/order-settings', { shopperCanCancel });
  const created = await createSession(env, merchant, {
    currency: 'EUR',
    country: 'DE',
    lineItems: CONTRACT_ORDER.items,
    shippingOptions: [{ id: 'standard', label: 'Standard', amount: CONTRACT_ORDER.shipping, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
  });
  const client = clientFor(env, merchant, created);
  await client.fill();
  const orderId = ((await (await client.confirm('pm_ok')).json()) as { order: { id: string } }).order.id;
  const { statusToken } = (await (await merchantGet(env, merchant, `/v1/orders/${orderId}/status`)).json()) as OrderStatusView;
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    return Promise.resolve(env.app.request(url.pathname + url.search, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: merchant.origin } }));
  };
  return { merchant, orderId, linked: { apiBase: API, publishableKey: merchant.publishableKey, token: statusToken, fetch } };
}

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
}));
