/**
 * A recognised shopper's orders at one merchant (`GET /v1/client/identity/orders`), on PGlite and
 * PostgreSQL: only this merchant's, only this shopper's, newest first, each opening its own status;
 * 401 without a valid token, 403 `consent_required` before the shopper shares with the merchant.
 */
import { beforeAll, expect, it } from 'vitest';
import { SAVE_CONSENT_VERSION, ShopperOrderList, ShopperOrderStatus } from '@omni-checkout/core';
import { createMockProvider } from '@omni-checkout/mock/server';
import type { MailMessage } from '../notifications/mailer.js';
import { onEachDatabase } from '../test/databases.js';
import { createMerchant, createSession, createTestEnv, paySaving, shopperAt, type TestEnv, type TestMerchant } from '../test/env.js';
import { randomVault } from './vault.js';

onEachDatabase((_name, getDb) => {
  const mail: MailMessage[] = [];
  let env: TestEnv;

  beforeAll(async () => {
    const db = getDb();
    const vault = randomVault();
    env = await createTestEnv({
      db,
      vault,
      app: { db, providers: [createMockProvider({ env: 'test' })], identity: { db, vault, mailer: { send: async (m) => void mail.push(m), close: () => {} }, sms: null, trustProxy: true } },
    });
  });

  const visit = async (merchant: TestMerchant) => shopperAt(env, mail, merchant, await createSession(env, merchant));

  /** A signed-in shopper who pays at `merchant` (the order is linked to them). */
  async function paySignedIn(merchant: TestMerchant, email: string): Promise<string> {
    const browser = await visit(merchant);
    await browser.client.fill();
    const session = await browser.signIn(email);
    const confirmed = await browser.call('POST', '/confirm', { paymentMethod: 'pm_mock_success_4242' }, { 'omni-shopper-token': session.shopperToken, 'idempotency-key': `k-${Math.random()}` });
    expect(confirmed.status).toBe(200);
    return ((await confirmed.json()) as { order: { id: string } }).order.id;
  }

  const list = (merchant: TestMerchant, token: string | null, origin = merchant.origin) =>
    env.app.request('/v1/client/identity/orders', {
      headers: { 'omni-publishable-key': merchant.publishableKey, origin, ...(token ? { 'omni-shopper-token': token } : {}) },
    });
  const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

  it("lists only this shopper's orders at this merchant, newest first, each opening its own status", async () => {
    const email = `orders.${Math.random().toString(36).slice(2)}@example.com`;
    const shopA = await createMerchant(env, 'Shop A');
    const shopB = await createMerchant(env, 'Shop B');
    const first = (await paySaving(env, shopA, email)).id;
    const second = await paySignedIn(shopA, email);
    // Someone else at shop A, and a guest with the same email who did not save (no link): neither is listed.
    await paySaving(env, shopA, `other.${Math.random().toString(36).slice(2)}@example.com`);
    const guest = await visit(shopA);
    await guest.client.fill();
    await guest.client.post('/contact', { email });
    expect((await guest.client.confirm('pm_mock_success_4242')).status).toBe(200);
    // The same shopper shares with shop B and pays there: listed at B only.
    const atB = await visit(shopB);
    const sessionB = await atB.signIn(email);
    expect((await atB.call('POST', '/identity/share', { textVersion: SAVE_CONSENT_VERSION }, { 'omni-shopper-token': sessionB.shopperToken })).status).toBe(200);
    const atShopB = await paySignedIn(shopB, email);

    // The test clock stands still: the first order is dated a day earlier, so "newest first" is observable.
    await getDb().query("UPDATE orders SET created_at = created_at - interval '1 day' WHERE id = $1", [first]);

    const atA = await visit(shopA);
    const token = (await atA.signIn(email)).shopperToken;
    const response = await list(shopA, token);
    expect(response.status).toBe(200);
    const orders = ShopperOrderList.parse(await response.json());
    expect(orders.data.map((o) => o.orderId)).toEqual([second, first]);
    expect(orders.hasMore).toBe(false);
    expect(orders.data[0]).toMatchObject({ state: 'paid', currency: 'EUR' });
    expect(orders.data[0]!.itemCount).toBeGreaterThan(0);
    expect(orders.data[0]!.items.length).toBeGreaterThan(0);

    // Each token opens that order's status page (and only at this merchant).
    const status = await env.app.request('/v1/client/order-status', {
      headers: { authorization: `Bearer ${orders.data[1]!.statusToken}`, 'omni-publishable-key': shopA.publishableKey, origin: shopA.origin },
    });
    expect(ShopperOrderStatus.parse(await status.json())).toMatchObject({ orderId: first, amount: orders.data[1]!.amount });

    const later = await visit(shopB);
    const listB = ShopperOrderList.parse(await (await list(shopB, (await later.signIn(email)).shopperToken)).json());
    expect(listB.data.map((o) => o.orderId)).toEqual([atShopB]);
    // A token issued at shop A is nothing at shop B.
    expect(await codeOf(await list(shopB, token))).toEqual([401, 'invalid_shopper_token']);
  });

  it('answers 401 without a token or with a wrong one, and 403 consent_required before the shopper shares with this merchant', async () => {
    const email = `consent.${Math.random().toString(36).slice(2)}@example.com`;
    const shopA = await createMerchant(env, 'Shop A');
    await paySaving(env, shopA, email);
    expect(await codeOf(await list(shopA, null))).toEqual([401, 'shopper_token_required']);
    expect(await codeOf(await list(shopA, 'shtok_not_a_token'))).toEqual([401, 'invalid_shopper_token']);

    const shopC = await createMerchant(env, 'Shop C');
    const atC = await visit(shopC);
    const session = await atC.signIn(email);
    expect(session.consentRequired).toBe(true);
    const denied = await list(shopC, session.shopperToken);
    const error = ((await denied.json()) as { error: { code: string; message: string } }).error;
    expect([denied.status, error.code]).toEqual([403, 'consent_required']);
    expect(error.message).toMatch(/Shop C/);
  });
});
