/**
 * Edges of a recognised shopper's order list (`GET /v1/client/identity/orders`), on PGlite: the token
 * opens the list only at the merchant and origin it was issued at and only before it expires (to the
 * millisecond), and each order shows at most three lines while counting every item.
 */
import { beforeAll, expect, it } from 'vitest';
import { SAVE_CONSENT_VERSION, ShopperOrderList } from '@omni-checkout/core';
import { newPublishableKey, newSecretKey, randomHex } from '../crypto.js';
import type { MailMessage } from '../notifications/mailer.js';
import { SAMPLE_SESSION, createMerchant, createSession, shopperAt, type TestEnv, type TestMerchant } from '../test/env.js';
import { createIdentityTestEnv } from '../test/identity.js';

const mail: MailMessage[] = [];
let env: TestEnv;

beforeAll(async () => {
  env = await createIdentityTestEnv(mail);
});

const list = (merchant: TestMerchant, token: string, origin = merchant.origin) =>
  env.app.request('/v1/client/identity/orders', { headers: { 'omni-publishable-key': merchant.publishableKey, origin, 'omni-shopper-token': token } });
const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];
const email = () => `edges.${Math.random().toString(36).slice(2)}@example.com`;

/** A merchant whose page is served from each of `origins` (the first is where `createSession`'s browser runs). */
async function merchantAt(name: string, origins: string[]): Promise<TestMerchant> {
  const publishableKey = newPublishableKey();
  const secretKey = newSecretKey();
  await env.storage.upsertMerchant({ name, publishableKey, secretKey, allowedOrigins: origins });
  return { publishableKey, secretKey, origin: origins[0]! };
}

/** A shopper who saved their details at `merchant` paying for `lineItems`, then signed in again there. */
async function savedShopper(merchant: TestMerchant, lineItems = SAMPLE_SESSION.lineItems) {
  const address = email();
  const buyer = shopperAt(env, mail, merchant, await createSession(env, merchant, { ...SAMPLE_SESSION, lineItems }));
  await buyer.client.fill();
  expect((await buyer.client.post('/contact', { email: address })).status).toBe(200);
  expect((await buyer.call('POST', '/identity/save', { consent: true, textVersion: SAVE_CONSENT_VERSION })).status).toBe(200);
  expect((await buyer.client.confirm('pm_mock_success_4242')).status).toBe(200);
  const again = shopperAt(env, mail, merchant, await createSession(env, merchant));
  return { address, token: (await again.signIn(address)).shopperToken };
}

it('opens the list only from the origin the token was issued at, and only at that merchant', async () => {
  const home = `https://shop-${randomHex(4)}.example`;
  const www = `https://www-${randomHex(4)}.example`;
  const shopA = await merchantAt('Shop A', [home, www]);
  const { token } = await savedShopper(shopA);
  expect((await list(shopA, token)).status).toBe(200);
  // The same merchant's other page: not where the shopper verified.
  expect(await codeOf(await list(shopA, token, www))).toEqual([401, 'invalid_shopper_token']);
  // Another merchant served from the very same origin: the token is nothing there.
  const shopB = await merchantAt('Shop B', [home]);
  expect(await codeOf(await list(shopB, token))).toEqual([401, 'invalid_shopper_token']);
});

it('refuses the token from the millisecond it expires', async () => {
  const shop = await createMerchant(env, 'Shop C');
  const { token } = await savedShopper(shop);
  const { rows } = await env.db.query<{ expires_at: Date | string }>(
    'SELECT expires_at FROM shopper_tokens t JOIN merchants m ON m.id = t.merchant_id WHERE m.publishable_key = $1 ORDER BY expires_at DESC LIMIT 1',
    [shop.publishableKey],
  );
  const expiresAt = new Date(rows[0]!.expires_at).getTime();
  const before = env.clock.now;
  try {
    env.clock.now = new Date(expiresAt - 1);
    expect((await list(shop, token)).status).toBe(200);
    env.clock.now = new Date(expiresAt);
    expect(await codeOf(await list(shop, token))).toEqual([401, 'invalid_shopper_token']);
  } finally {
    env.clock.now = before;
  }
});

it('shows at most three lines of an order but counts every item', async () => {
  const shop = await createMerchant(env, 'Shop D');
  const lineItems = [
    { id: 'a', name: 'Apron', unitAmount: 1000, quantity: 1 },
    { id: 'b', name: 'Bowl', unitAmount: 500, quantity: 2 },
    { id: 'c', name: 'Cup', unitAmount: 300, quantity: 3 },
    { id: 'd', name: 'Dish', unitAmount: 700, quantity: 4 },
  ];
  const { token } = await savedShopper(shop, lineItems);
  const orders = ShopperOrderList.parse(await (await list(shop, token)).json());
  expect(orders.data).toHaveLength(1);
  expect(orders.data[0]!.items).toEqual([
    { name: 'Apron', quantity: 1 },
    { name: 'Bowl', quantity: 2 },
    { name: 'Cup', quantity: 3 },
  ]);
  expect(orders.data[0]!.itemCount).toBe(10);
});
