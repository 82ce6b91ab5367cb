/**
 * Authorise now, capture later, through the merchant API on PGlite and PostgreSQL: a session
 * created with `captureMethod: 'manual'` ends as an `authorized` order; the merchant captures part
 * of it (refunds then only of what was captured), idempotently by key, never above what was
 * authorised, or cancels (voids) it; a capture and a cancel racing on one order: exactly one wins.
 * And canceling a session waiting for 3-D Secure cancels the provider's payment first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutSession, Order, Refund } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, SAMPLE_SESSION, type TestEnv, type TestMerchant } from '../test/env.js';

const TOTAL = 2 * 1999 + 850 + 495;

onEachDatabase((dbName, getDb) => {
  describe(`manual capture on ${dbName}`, () => {
    let env: TestEnv;
    let merchant: TestMerchant;

    const post = (path: string, body: object, key?: string) =>
      env.app.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      });
    const capture = (orderId: string, body: object = {}, key = randomHex(8)) => post(`/v1/orders/${orderId}/capture`, body, key);
    const cancel = (orderId: string) => post(`/v1/orders/${orderId}/cancel`, {});
    const refund = (orderId: string, body: object) => post(`/v1/orders/${orderId}/refunds`, body, randomHex(8));
    const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

    const events = async (type: string, orderId: string) =>
      (await getDb().query<{ data: unknown }>(`SELECT data FROM merchant_events WHERE type = $1 AND data->'object'->>'id' = $2 ORDER BY created_at`, [type, orderId])).rows.map(
        (r) => ((typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { object: Record<string, unknown> }).object,
      );

    async function authorisedOrder(): Promise<Order> {
      const created = await createSession(env, merchant, { ...SAMPLE_SESSION, captureMethod: 'manual' });
      const client = clientFor(env, merchant, created);
      await client.fill();
      const answer = (await (await client.confirm('pm_ok')).json()) as { status: string; order: Order };
      expect(answer.status).toBe('succeeded');
      return answer.order;
    }

    beforeAll(async () => {
      env = await createTestEnv({ db: getDb(), app: { db: getDb() } });
      merchant = await createMerchant(env, 'Capture Shop');
    });

    it('authorises, captures part at fulfilment, and refunds at most what was captured', async () => {
      const order = await authorisedOrder();
      expect(order).toMatchObject({ status: 'authorized', amount: TOTAL, amountCaptured: 0 });
      expect(env.provider.calls.at(-1)).toMatchObject({ captureMethod: 'manual', amount: TOTAL });
      expect(await events('order.authorized', order.id)).toEqual([expect.objectContaining({ status: 'authorized', amount: TOTAL, amountCaptured: 0 })]);
      expect(await events('order.paid', order.id)).toEqual([]);
      // Nothing captured yet: nothing to refund.
      expect(await codeOf(await refund(order.id, { amount: 100 }))).toEqual([409, 'refund_exceeds_captured']);

      const captured = await capture(order.id, { amount: 3000 });
      expect(captured.status).toBe(200);
      expect(await captured.json()).toMatchObject({ id: order.id, status: 'paid', amount: TOTAL, amountCaptured: 3000 });
      expect([...env.provider.captures.values()].filter((c) => c.reference === order.paymentReference)).toEqual([{ reference: order.paymentReference, amount: 3000 }]);
      expect(await events('order.paid', order.id)).toEqual([expect.objectContaining({ status: 'paid', amountCaptured: 3000 })]);

      expect(await codeOf(await refund(order.id, { amount: 3001 }))).toEqual([409, 'refund_exceeds_captured']);
      const refunded = (await (await refund(order.id, {})).json()) as Refund;
      expect(refunded).toMatchObject({ amount: 3000, status: 'succeeded' });
      expect(await (await merchantGet(env, merchant, `/v1/orders/${order.id}/refunds`)).json()).toMatchObject({ amountCaptured: 3000, amountRefunded: 3000 });
      // Paid: not captured again. Canceled before shipment, what is left of the capture is refunded
      // (nothing here) and the payment stays paid: nothing is released at the provider.
      expect(await codeOf(await capture(order.id))).toEqual([409, 'capture_not_allowed']);
      expect(await (await cancel(order.id)).json()).toMatchObject({ state: 'canceled', amountRefunded: 3000 });
      expect(env.provider.voided).not.toContain(order.paymentReference);
    });

    it('follows the merchant’s default capture method unless the session names one', async () => {
      const shop = await createMerchant(env, 'Made to order');
      await env.storage.upsertMerchant({ name: 'Made to order', ...shop, allowedOrigins: [shop.origin], captureMethod: 'manual' });
      const pay = async (body: object) => {
        const response = await env.app.request('/v1/checkout-sessions', {
          method: 'POST',
          headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...SAMPLE_SESSION, ...body }),
        });
        const created = (await response.json()) as { id: string; clientSecret: string };
        const client = clientFor(env, shop, created);
        await client.fill();
        return ((await (await client.confirm('pm_ok')).json()) as { order: Order }).order.status;
      };
      expect(await pay({})).toBe('authorized');
      expect(await pay({ captureMethod: 'automatic' })).toBe('paid');
    });

    it('captures once per key: a replay answers the same order, another body with the key is refused', async () => {
      const order = await authorisedOrder();
      const key = `cap-${randomHex(4)}`;
      const first = (await (await capture(order.id, { amount: 2500 }, key)).json()) as Order;
      const again = await capture(order.id, { amount: 2500 }, key);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(first);
      expect([...env.provider.captures.values()].filter((c) => c.reference === order.paymentReference)).toHaveLength(1);
      expect(await codeOf(await capture(order.id, { amount: 2600 }, key))).toEqual([422, 'idempotency_key_reused']);
      expect(await events('order.paid', order.id)).toHaveLength(1);

      // The same key twice at the same moment: both answer the paid order, the provider captured once.
      const raced = await authorisedOrder();
      const racedKey = `cap-${randomHex(4)}`;
      env.provider.delayMs = 5;
      const both = await Promise.all([capture(raced.id, { amount: 2000 }, racedKey), capture(raced.id, { amount: 2000 }, racedKey)]);
      env.provider.delayMs = 0;
      expect(await Promise.all(both.map(async (r) => [r.status, ((await r.json()) as Order).amountCaptured]))).toEqual([
        [200, 2000],
        [200, 2000],
      ]);
      expect([...env.provider.captures.values()].filter((c) => c.reference === raced.paymentReference)).toHaveLength(1);
      expect(await events('order.paid', raced.id)).toHaveLength(1);
      const noKey = await env.app.request(`/v1/orders/${order.id}/capture`, {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await codeOf(noKey)).toEqual([400, 'validation_failed']);
    });

    it('refuses a capture above the authorised amount with a stable code, and leaves the order authorised', async () => {
      const order = await authorisedOrder();
      expect(await codeOf(await capture(order.id, { amount: TOTAL + 1 }))).toEqual([409, 'capture_exceeds_authorized']);
      expect(await codeOf(await capture(order.id, { amount: TOTAL + 1 }))).toEqual([409, 'capture_exceeds_authorized']);
      expect(await (await merchantGet(env, merchant, `/v1/orders/${order.id}`)).json()).toMatchObject({ status: 'authorized', amountCaptured: 0 });
      // The whole authorised amount by default.
      expect(await (await capture(order.id)).json()).toMatchObject({ status: 'paid', amountCaptured: TOTAL });
    });

    it('cancels an authorised order: voided at the provider, order.canceled once, a repeat answers the same', async () => {
      const order = await authorisedOrder();
      const answer = await cancel(order.id);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ orderId: order.id, state: 'canceled', amountRefunded: 0 });
      expect(await (await merchantGet(env, merchant, `/v1/orders/${order.id}`)).json()).toMatchObject({ status: 'canceled', amountCaptured: 0 });
      expect(env.provider.voided).toContain(order.paymentReference);
      expect((await cancel(order.id)).status).toBe(200);
      expect(env.provider.voided.filter((reference) => reference === order.paymentReference)).toHaveLength(1);
      expect(await events('order.canceled', order.id)).toEqual([expect.objectContaining({ status: 'canceled', amountCaptured: 0 })]);
      expect(await codeOf(await capture(order.id))).toEqual([409, 'capture_not_allowed']);
      expect(await codeOf(await refund(order.id, { amount: 1 }))).toEqual([409, 'refund_exceeds_captured']);
    });

    it('never both captures and releases when a capture and a cancel race', async () => {
      for (let round = 0; round < 8; round++) {
        const order = await authorisedOrder();
        env.provider.delayMs = round % 3;
        const race = round % 2 ? [cancel(order.id), capture(order.id, { amount: 1000 })] : [capture(order.id, { amount: 1000 }), cancel(order.id)];
        const answers = await Promise.all(race);
        env.provider.delayMs = 0;
        const [cancelAnswer, captureAnswer] = round % 2 ? answers : [answers[1]!, answers[0]!];
        const after = (await (await merchantGet(env, merchant, `/v1/orders/${order.id}`)).json()) as Order;
        const money = (await (await merchantGet(env, merchant, `/v1/orders/${order.id}/refunds`)).json()) as { amountRefunded: number };
        const capturedAtProvider = [...env.provider.captures.values()].some((c) => c.reference === order.paymentReference);
        const voidedAtProvider = env.provider.voided.includes(order.paymentReference);
        // The order and the provider agree, and the authorisation is never both captured and released.
        if (after.status === 'canceled') {
          // The cancel released it first: the capture was refused.
          expect([captureAnswer!.status, cancelAnswer!.status, capturedAtProvider, voidedAtProvider]).toEqual([409, 200, false, true]);
        } else {
          // The capture won: the cancel was refused while it ran, or came after it and refunded it all.
          expect([after.status, captureAnswer!.status, capturedAtProvider, voidedAtProvider]).toEqual(['paid', 200, true, false]);
          expect([cancelAnswer!.status, money.amountRefunded]).toEqual(cancelAnswer!.status === 200 ? [200, 1000] : [409, 0]);
        }
        expect((await events('order.paid', order.id)).length + (await events('order.canceled', order.id)).length).toBe(
          after.status === 'paid' && cancelAnswer!.status === 200 ? 2 : 1,
        );
      }
    });

    it('resumes a capture whose provider call timed out when the same key is sent again', async () => {
      const order = await authorisedOrder();
      const key = `cap-${randomHex(4)}`;
      env.provider.failNextMoneyCall = true;
      expect(await codeOf(await capture(order.id, { amount: 1234 }, key))).toEqual([502, 'provider_error']);
      // Under way: a cancel now is refused, the same capture finishes it.
      expect(await codeOf(await cancel(order.id))).toEqual([409, 'cancel_not_allowed']);
      expect(await (await capture(order.id, { amount: 1234 }, key)).json()).toMatchObject({ status: 'paid', amountCaptured: 1234 });
    });

    it('cancels a session waiting for 3-D Secure: the provider payment first, then the session; idempotent', async () => {
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      await client.fill();
      const pending = (await (await client.confirm('pm_3ds')).json()) as { status: string; session: CheckoutSession };
      expect(pending.status).toBe('requires_action');
      const reference = pending.session.nextAction!.reference;
      const answer = await post(`/v1/checkout-sessions/${created.id}/cancel`, {});
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ status: 'expired', nextAction: null });
      expect(env.provider.voided).toContain(reference);
      // Repeated: the same answer, one event.
      expect((await post(`/v1/checkout-sessions/${created.id}/cancel`, {})).status).toBe(200);
      const { rows } = await getDb().query(`SELECT 1 FROM merchant_events WHERE type = 'checkout.session.canceled' AND data->'object'->>'id' = $1`, [created.id]);
      expect(rows).toHaveLength(1);
      // The challenge still open in the shopper's tab cannot complete: the provider payment is canceled.
      expect(await env.provider.retrievePayment(reference)).toMatchObject({ status: 'failed' });
      expect(await codeOf(await client.completeAction())).toEqual([409, 'no_action_pending']);

      // A late success the provider reports anyway is not lost: it settles as an order the merchant can refund.
      const body = JSON.stringify({ id: `evt_${randomHex(4)}`, type: 'payment.succeeded', reference, outcome: { status: 'succeeded', reference, amount: TOTAL, currency: 'EUR' } });
      expect((await env.app.request('/v1/webhooks/mock', { method: 'POST', headers: env.provider.signWebhook(body), body })).status).toBe(200);
      const { rows: orders } = await getDb().query<{ status: string; amount: string }>('SELECT status, amount FROM orders WHERE session_id = $1', [created.id]);
      expect(orders.map((o) => [o.status, Number(o.amount)])).toEqual([['paid', TOTAL]]);
    });

    it('refuses to cancel a 3-D Secure session whose payment completed at the provider meanwhile', async () => {
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      await client.fill();
      const pending = (await (await client.confirm('pm_3ds')).json()) as { session: CheckoutSession };
      const reference = pending.session.nextAction!.reference;
      env.provider.resolveAction(reference, 'approve');
      expect(await codeOf(await post(`/v1/checkout-sessions/${created.id}/cancel`, {}))).toEqual([409, 'cancel_not_allowed']);
      // The success still settles: the page completes it as an order.
      expect(await (await client.completeAction()).json()).toMatchObject({ status: 'succeeded', order: { status: 'paid', amount: TOTAL } });
    });
  });
});
