/**
 * Refunds and cancels through the merchant API, on PGlite and PostgreSQL: full and partial
 * refunds, never above what was captured (20 parallel partial refunds that together exceed the
 * total: only those that fit succeed), idempotent with keys, settled by provider webhooks, the
 * order.refunded event in the same transaction; canceling an unpaid session.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutSession, Refund } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, type TestEnv, type TestMerchant } from '../test/env.js';

const TOTAL = 2 * 1999 + 850 + 495;

onEachDatabase((dbName, getDb) => {
  describe(`refunds on ${dbName}`, () => {
    let env: TestEnv;
    let merchant: TestMerchant;

    const refund = (orderId: string, body: object, key = randomHex(8), m = merchant) =>
      env.app.request(`/v1/orders/${orderId}/refunds`, {
        method: 'POST',
        headers: { authorization: `Bearer ${m.secretKey}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
      });

    async function paidOrder(): Promise<string> {
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      await client.fill();
      const paid = (await (await client.confirm('pm_ok')).json()) as { order: { id: string } };
      return paid.order.id;
    }

    const events = async (type: string, orderId: string) =>
      (await getDb().query<{ data: { object: { id: string; amountRefunded: number; refund: Refund } } }>(
        `SELECT data FROM merchant_events WHERE type = $1 AND data->'object'->>'id' = $2 ORDER BY created_at`,
        [type, orderId],
      )).rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data).object);

    beforeAll(async () => {
      env = await createTestEnv({ db: getDb(), app: { db: getDb() } });
      merchant = await createMerchant(env, 'Refund Shop');
    });

    it('refunds part, then the rest, never more; each success is an order.refunded event', async () => {
      const orderId = await paidOrder();
      const part = await refund(orderId, { amount: 1000, reason: 'damaged mug' });
      expect(part.status).toBe(200);
      expect(await part.json()).toMatchObject({ object: 'refund', orderId, amount: 1000, currency: 'EUR', status: 'succeeded', reason: 'damaged mug' });
      const rest = (await (await refund(orderId, {})).json()) as Refund;
      expect(rest).toMatchObject({ amount: TOTAL - 1000, status: 'succeeded' });
      const more = await refund(orderId, { amount: 1 });
      expect([more.status, ((await more.json()) as { error: { code: string } }).error.code]).toEqual([409, 'refund_exceeds_captured']);
      const money = await (await merchantGet(env, merchant, `/v1/orders/${orderId}/refunds`)).json();
      expect(money).toMatchObject({ amount: TOTAL, amountCaptured: TOTAL, amountRefunded: TOTAL, refunds: [{ amount: 1000 }, { amount: TOTAL - 1000 }] });
      const refunded = await events('order.refunded', orderId);
      expect(refunded.map((o) => [o.refund.amount, o.amountRefunded])).toEqual([
        [1000, 1000],
        [TOTAL - 1000, TOTAL],
      ]);
      // The provider saw each refund once, against the order's payment.
      expect([...env.provider.refunds.values()].filter((r) => r.amount === 1000)).toHaveLength(1);
    });

    it('lets only the refunds that fit through when 20 partial refunds race', async () => {
      const orderId = await paidOrder();
      env.provider.delayMs = 20;
      const answers = await Promise.all(Array.from({ length: 20 }, () => refund(orderId, { amount: 500 })));
      env.provider.delayMs = 0;
      const statuses = answers.map((a) => a.status);
      const fit = Math.floor(TOTAL / 500);
      expect(statuses.filter((s) => s === 200)).toHaveLength(fit);
      expect(statuses.filter((s) => s === 409)).toHaveLength(20 - fit);
      const money = (await (await merchantGet(env, merchant, `/v1/orders/${orderId}/refunds`)).json()) as { amountRefunded: number; refunds: Refund[] };
      expect(money.amountRefunded).toBe(fit * 500);
      expect(money.refunds.every((r) => r.status === 'succeeded')).toBe(true);
      expect((await events('order.refunded', orderId)).length).toBe(fit);
    });

    it('is idempotent by key: a replay answers the same refund, another body with the key is refused', async () => {
      // Two requests with one key at the same moment, on several orders: the race between the second
      // request's reserve and the first one's settle (a deadlock on PostgreSQL once) shows up within a few.
      for (let round = 0; round < 30; round++) {
        const racedOrder = await paidOrder();
        const racedKey = `refund-${randomHex(4)}`;
        env.provider.delayMs = round % 3;
        const answers = await Promise.all([refund(racedOrder, { amount: 700 }, racedKey), refund(racedOrder, { amount: 700 }, racedKey)]);
        const [x, y] = (await Promise.all(answers.map((r) => r.json()))) as Refund[];
        expect([answers[0]!.status, answers[1]!.status, y!.id]).toEqual([200, 200, x!.id]);
      }
      env.provider.delayMs = 0;
      const orderId = await paidOrder();
      const key = `refund-${randomHex(4)}`;
      const [a, b] = await Promise.all([refund(orderId, { amount: 700 }, key), refund(orderId, { amount: 700 }, key)]);
      const first = (await a.json()) as Refund;
      expect(((await b.json()) as Refund).id).toBe(first.id);
      expect(((await (await refund(orderId, { amount: 700 }, key)).json()) as Refund).id).toBe(first.id);
      const reused = await refund(orderId, { amount: 701 }, key);
      expect(reused.status).toBe(422);
      const money = (await (await merchantGet(env, merchant, `/v1/orders/${orderId}/refunds`)).json()) as { amountRefunded: number };
      expect(money.amountRefunded).toBe(700);
      // Without a key: refused.
      const noKey = await env.app.request(`/v1/orders/${orderId}/refunds`, {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(noKey.status).toBe(400);
    });

    it('keeps a provider-pending refund reserved until the provider webhook settles it (failed gives the amount back)', async () => {
      const orderId = await paidOrder();
      env.provider.refundOutcome = 'pending';
      const pending = (await (await refund(orderId, { amount: TOTAL })).json()) as Refund;
      env.provider.refundOutcome = 'succeeded';
      expect(pending.status).toBe('pending');
      expect((await refund(orderId, { amount: 1 })).status).toBe(409);

      const send = async (status: 'failed' | 'succeeded', id = `evt_${randomHex(4)}`) => {
        const body = JSON.stringify({ id, type: 'refund.updated', reference: null, outcome: null, refund: { reference: pending.providerReference, status } });
        return env.app.request('/v1/webhooks/mock', { method: 'POST', headers: env.provider.signWebhook(body), body });
      };
      expect((await send('failed')).status).toBe(200);
      const after = (await (await merchantGet(env, merchant, `/v1/refunds/${pending.id}`)).json()) as Refund;
      expect(after).toMatchObject({ status: 'failed' });
      expect((await events('refund.failed', pending.id)).length).toBe(1);
      expect(((await (await refund(orderId, {})).json()) as Refund).amount).toBe(TOTAL);
    });

    it('refuses another merchant’s order, and an unknown one', async () => {
      const orderId = await paidOrder();
      const other = await createMerchant(env, 'Other');
      const answer = await refund(orderId, {}, randomHex(8), other);
      expect([answer.status, ((await answer.json()) as { error: { code: string } }).error.code]).toEqual([404, 'order_not_found']);
    });

    it('cancels an open session (it expires now and cannot be paid) and refuses a paid one', async () => {
      const created = await createSession(env, merchant);
      const cancel = (id: string) =>
        env.app.request(`/v1/checkout-sessions/${id}/cancel`, {
          method: 'POST',
          headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json' },
          body: '{}',
        });
      const answer = await cancel(created.id);
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as CheckoutSession).status).toBe('expired');
      const client = clientFor(env, merchant, created);
      expect((await client.post('/contact', { email: 'late@example.com' })).status).toBe(410);
      // A repeat (a retried request) answers the canceled session again.
      expect((await cancel(created.id)).status).toBe(200);
      const { rows } = await getDb().query(`SELECT 1 FROM merchant_events WHERE type = 'checkout.session.canceled' AND data->'object'->>'id' = $1`, [created.id]);
      expect(rows).toHaveLength(1);

      const orderId = await paidOrder();
      const paidSession = (await getDb().query<{ session_id: string }>('SELECT session_id FROM orders WHERE id = $1', [orderId])).rows[0]!.session_id;
      const refused = await cancel(paidSession);
      expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([409, 'cancel_not_allowed']);
    });
  });
});
