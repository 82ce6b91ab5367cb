/**
 * Cash on delivery (issue 18) through the client and merchant APIs, on PGlite and PostgreSQL: offered
 * only where the merchant enables it, in a currency with a maximum and under it with the fee; the fee
 * in what the order records; confirm idempotent; the merchant marks it paid or refused, and the other
 * move after one is a stable 409.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutSession, CreateCheckoutSessionRequest, Order } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createSession, createTestEnv, merchantPost, SAMPLE_SESSION, type TestEnv, type TestMerchant } from '../test/env.js';
import { newPublishableKey, newSecretKey } from '../crypto.js';

const TOTAL = 2 * 1999 + 850 + 495;
const FEE = 500;
const PL_ADDRESS = { name: 'Jan Kowalski', line1: 'ul. Długa 5', city: 'Warszawa', postalCode: '00-950', country: 'PL' };
const PL_SESSION = { ...SAMPLE_SESSION, country: 'PL', currency: 'PLN' } satisfies CreateCheckoutSessionRequest;
const COD = { countries: { PL: { enable: ['cash_on_delivery'] } }, cashOnDelivery: { maximum: { PLN: 100_000, SAR: 200_000 }, fee: { PLN: FEE } } };

onEachDatabase((dbName, getDb) => {
  describe(`cash on delivery on ${dbName}`, () => {
    let env: TestEnv;
    let shop: TestMerchant;

    async function merchant(paymentMethods?: object): Promise<TestMerchant> {
      const origin = `https://cod-${randomHex(4)}.example`;
      const publishableKey = newPublishableKey();
      const secretKey = newSecretKey();
      await env.storage.upsertMerchant({ name: 'Sklep', publishableKey, secretKey, allowedOrigins: [origin], ...(paymentMethods ? { paymentMethods } : {}) });
      return { publishableKey, secretKey, origin };
    }
    const cod = (session: CheckoutSession) => session.paymentMethods.find((m) => m.type === 'cash_on_delivery');
    const hiddenReason = (session: CheckoutSession) => session.hiddenPaymentMethods?.find((m) => m.type === 'cash_on_delivery')?.reason;
    const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];
    const mark = (m: TestMerchant, orderId: string, outcome: 'paid' | 'refused') => merchantPost(env, m, `/v1/orders/${orderId}/cash-on-delivery/${outcome}`, {});
    const events = async (type: string, orderId: string) =>
      (await getDb().query(`SELECT 1 FROM merchant_events WHERE type = $1 AND data->'object'->>'id' = $2`, [type, orderId])).rows.length;

    async function ready(m: TestMerchant, request: CreateCheckoutSessionRequest = PL_SESSION) {
      const created = await createSession(env, m, request);
      const client = clientFor(env, m, created);
      for (const [path, body] of [['/contact', { email: 'jan@example.com' }], ['/shipping-address', PL_ADDRESS]] as const) {
        expect((await client.post(path, body)).status).toBe(200);
      }
      return { created, client };
    }
    async function codOrder(m: TestMerchant = shop): Promise<Order> {
      const { client } = await ready(m);
      const answer = (await (await client.confirm('cash_on_delivery', randomHex(8), { provider: 'cash_on_delivery' })).json()) as { status: string; order: Order };
      expect(answer.status).toBe('succeeded');
      return answer.order;
    }

    beforeAll(async () => {
      env = await createTestEnv({ db: getDb(), app: { db: getDb() } });
      shop = await merchant(COD);
    });

    it('is offered in an enabled country with the fee, and hidden with a reason elsewhere', async () => {
      const pl = (await createSession(env, shop, PL_SESSION)).session;
      expect(cod(pl)).toEqual({ type: 'cash_on_delivery', provider: 'cash_on_delivery', available: true, fee: FEE });
      // Saudi Arabia has a maximum but the merchant enabled cash on delivery in Poland only.
      const sa = (await createSession(env, shop, { ...SAMPLE_SESSION, country: 'SA', currency: 'SAR' })).session;
      expect([cod(sa), hiddenReason(sa)]).toEqual([undefined, 'not_enabled']);
      // Enabled without settings: no maximum in złoty, so not offered.
      const bare = (await createSession(env, await merchant({ countries: { PL: { enable: ['cash_on_delivery'] } } }), PL_SESSION)).session;
      expect(cod(bare)).toBeUndefined();
      // Settings, but the merchant turned it off.
      const off = (await createSession(env, await merchant({ ...COD, disable: ['cash_on_delivery'] }), PL_SESSION)).session;
      expect([cod(off), hiddenReason(off)]).toEqual([undefined, 'disabled_by_merchant']);
    });

    it('is hidden once the total with the fee is above the maximum', async () => {
      const tight = await merchant({ ...COD, cashOnDelivery: { maximum: { PLN: TOTAL + FEE }, fee: { PLN: FEE } } });
      expect(cod((await createSession(env, tight, PL_SESSION)).session)).toMatchObject({ fee: FEE });
      const over = await merchant({ ...COD, cashOnDelivery: { maximum: { PLN: TOTAL + FEE - 1 }, fee: { PLN: FEE } } });
      const session = (await createSession(env, over, PL_SESSION)).session;
      expect([cod(session), hiddenReason(session)]).toEqual([undefined, 'amount_above_maximum']);
      // Confirming it anyway is refused, and nothing is recorded.
      const { client, created } = await ready(over);
      expect(await codeOf(await client.confirm('cash_on_delivery', randomHex(8), { provider: 'cash_on_delivery' }))).toEqual([400, 'provider_not_available']);
      expect((await getDb().query('SELECT 1 FROM confirm_attempts WHERE session_id = $1', [created.id])).rows).toEqual([]);
    });

    it('confirms without a provider into an order awaiting payment on delivery, fee included, once per key', async () => {
      const { client } = await ready(shop);
      const calls = env.provider.calls.length;
      const key = randomHex(8);
      const first = await client.confirm('cash_on_delivery', key, { provider: 'cash_on_delivery' });
      const body = await first.text();
      const answer = JSON.parse(body) as { status: string; order: Order; session: CheckoutSession };
      expect(answer.order).toMatchObject({ status: 'authorized', provider: 'cash_on_delivery', amount: TOTAL + FEE, amountCaptured: 0, currency: 'PLN' });
      expect(answer.session.status).toBe('complete');
      expect(env.provider.calls.length).toBe(calls);
      const again = await client.confirm('cash_on_delivery', key, { provider: 'cash_on_delivery' });
      expect([again.status, await again.text()]).toEqual([200, body]);
      expect(await events('order.authorized', answer.order.id)).toBe(1);
    });

    it('is marked paid by the merchant; repeating answers the same; refusing it then is a 409', async () => {
      const order = await codOrder();
      const paid = await mark(shop, order.id, 'paid');
      expect(paid.status).toBe(200);
      expect(await paid.json()).toMatchObject({ id: order.id, status: 'paid', amount: TOTAL + FEE, amountCaptured: TOTAL + FEE });
      expect(await (await mark(shop, order.id, 'paid')).json()).toMatchObject({ status: 'paid' });
      expect(await events('order.paid', order.id)).toBe(1);
      expect(await codeOf(await mark(shop, order.id, 'refused'))).toEqual([409, 'cash_on_delivery_not_pending']);
      // The courier's cash is the merchant's to hand back: a refund through the API moves nothing.
      const refund = await env.app.request(`/v1/orders/${order.id}/refunds`, {
        method: 'POST',
        headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json', 'idempotency-key': randomHex(8) },
        body: JSON.stringify({ amount: 100 }),
      });
      expect(await refund.json()).toMatchObject({ status: 'failed', amount: 100 });
    });

    it('is marked refused: canceled, nothing collected; marking it paid then is a 409', async () => {
      const order = await codOrder();
      const refused = await mark(shop, order.id, 'refused');
      expect(await refused.json()).toMatchObject({ id: order.id, status: 'canceled', amountCaptured: 0 });
      expect(await (await mark(shop, order.id, 'refused')).json()).toMatchObject({ status: 'canceled' });
      expect(await events('order.canceled', order.id)).toBe(1);
      expect(await codeOf(await mark(shop, order.id, 'paid'))).toEqual([409, 'cash_on_delivery_not_pending']);
    });

    it('a paid and a refused racing on one order: exactly one wins', async () => {
      const order = await codOrder();
      const answers = await Promise.all([mark(shop, order.id, 'paid'), mark(shop, order.id, 'refused')]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const final = (await getDb().query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [order.id])).rows[0]!.status;
      expect((await events('order.paid', order.id)) + (await events('order.canceled', order.id))).toBe(1);
      expect(['paid', 'canceled']).toContain(final);
    });

    it('refuses orders paid otherwise, and other merchants’ orders', async () => {
      const { client } = await ready(shop);
      const card = ((await (await client.confirm('pm_ok')).json()) as { order: Order }).order;
      expect(await codeOf(await mark(shop, card.id, 'paid'))).toEqual([409, 'not_cash_on_delivery']);
      const order = await codOrder();
      expect(await codeOf(await mark(await merchant(COD), order.id, 'paid'))).toEqual([404, 'order_not_found']);
    });
  });
});
