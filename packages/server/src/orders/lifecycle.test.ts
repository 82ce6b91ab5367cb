/**
 * The order lifecycle through the merchant API and the shopper's status link, on PGlite and
 * PostgreSQL: paid → preparing → shipped (two parcels) → out for delivery → delivered → return of one
 * item → approved → refunded through the provider (at once, and later by its webhook); refusals;
 * cancel before shipment (merchant, and shopper when allowed) with its refund; every illegal move a
 * 409 `order_transition_not_allowed`; each move recorded with its actor and emitted once as a
 * merchant event; a status link opens only its own order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderReturn, OrderStatusView, Shipment, ShopperOrderStatus } from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, merchantPost, type TestEnv, type TestMerchant } from '../test/env.js';

// SAMPLE_SESSION: 2 × T-shirt at 19.99, 1 × Mug at 8.50, standard shipping 4.95.
const TOTAL = 2 * 1999 + 850 + 495;

type ErrorAnswer = { error: { code: string } };

onEachDatabase((dbName, getDb) => {
  describe(`order lifecycle on ${dbName}`, () => {
    let env: TestEnv;
    let merchant: TestMerchant;

    beforeAll(async () => {
      env = await createTestEnv({ db: getDb(), app: { db: getDb() } });
      merchant = await createMerchant(env, 'Lifecycle Shop');
    });

    async function paidOrder(m = merchant): Promise<string> {
      const created = await createSession(env, m);
      const client = clientFor(env, m, created);
      await client.fill();
      const paid = (await (await client.confirm('pm_ok')).json()) as { order: { id: string } };
      return paid.order.id;
    }
    const status = async (orderId: string, m = merchant) => (await (await merchantGet(env, m, `/v1/orders/${orderId}/status`)).json()) as OrderStatusView;
    const post = (path: string, body: unknown, m = merchant) => merchantPost(env, m, path, body);
    const code = async (response: Response) => [response.status, ((await response.json()) as ErrorAnswer).error.code];
    /** The shopper's page, with the status link's token. */
    const shopper = (token: string, m = merchant) => ({
      get: () => env.app.request('/v1/client/order-status', { headers: { authorization: `Bearer ${token}`, 'omni-publishable-key': m.publishableKey, origin: m.origin } }),
      post: (path: string, body: unknown) =>
        env.app.request(`/v1/client/order-status${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'omni-publishable-key': m.publishableKey, origin: m.origin, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
    });
    const events = async (orderId: string) =>
      (
        await getDb().query<{ type: string }>(
          `SELECT type FROM merchant_events WHERE (data->'object'->>'orderId' = $1 OR data->'object'->>'id' = $1) AND type <> 'checkout.session.completed' ORDER BY created_at, id`,
          [orderId],
        )
      ).rows.map((r) => r.type);

    it('follows an order from paid to a refunded return, recording each move with its actor and emitting each event once', async () => {
      const orderId = await paidOrder();
      expect((await status(orderId)).state).toBe('paid');
      expect((await post(`/v1/orders/${orderId}/delivery-events`, { type: 'preparing' })).status).toBe(200);

      // Two parcels: the T-shirts first, then whatever is left (the mug).
      const first = await post(`/v1/orders/${orderId}/shipments`, {
        items: [{ lineItemId: 'tee', quantity: 2 }],
        carrier: 'DHL',
        trackingNumber: '00340434161094042557',
        trackingUrl: 'https://www.dhl.de/track?piececode=00340434161094042557',
      });
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ object: 'shipment', carrier: 'DHL', items: [{ lineItemId: 'tee', quantity: 2 }] });
      // More T-shirts than are left to ship: refused, nothing recorded.
      expect(await code(await post(`/v1/orders/${orderId}/shipments`, { items: [{ lineItemId: 'tee', quantity: 1 }], carrier: 'DHL' }))).toEqual([
        409,
        'quantity_not_available',
      ]);
      const second = (await (await post(`/v1/orders/${orderId}/shipments`, { carrier: 'DPD' })).json()) as Shipment;
      expect(second.items).toEqual([{ lineItemId: 'mug', quantity: 1 }]);
      expect(await code(await post(`/v1/orders/${orderId}/shipments`, { carrier: 'DPD' }))).toEqual([409, 'nothing_left_to_ship']);

      // Returns only after delivery.
      const view = await status(orderId);
      const link = shopper(view.statusToken);
      expect(await code(await link.post('/returns', { items: [{ lineItemId: 'mug', quantity: 1 }], reason: 'Chipped' }))).toEqual([
        409,
        'order_transition_not_allowed',
      ]);
      expect((await post(`/v1/orders/${orderId}/delivery-events`, { type: 'out_for_delivery' })).status).toBe(200);
      expect((await post(`/v1/orders/${orderId}/delivery-events`, { type: 'delivered' })).status).toBe(200);

      const seen = (await (await link.get()).json()) as ShopperOrderStatus;
      expect(seen).toMatchObject({ state: 'delivered', canReturn: true, canCancel: false, amount: TOTAL, merchantName: 'Lifecycle Shop' });
      expect(seen.shipments.map((s) => [s.carrier, s.trackingUrl])).toEqual([
        ['DHL', 'https://www.dhl.de/track?piececode=00340434161094042557'],
        ['DPD', null],
      ]);
      expect(seen.deliveryWindow?.earliest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // The shopper's view carries no contact, address or payment reference.
      expect(JSON.stringify(seen)).not.toContain('ada@example.com');
      expect(JSON.stringify(seen)).not.toContain('Unter den Linden');
      expect(seen).not.toHaveProperty('paymentReference');

      // The shopper returns one T-shirt; it can be returned once only.
      const requested = (await (await link.post('/returns', { items: [{ lineItemId: 'tee', quantity: 1 }], reason: 'Too small' })).json()) as ShopperOrderStatus;
      expect(requested.state).toBe('return_requested');
      const ret = requested.returns[0]!;
      expect(ret).toMatchObject({ status: 'requested', reason: 'Too small', amount: 1999, refund: null });

      const approved = await post(`/v1/returns/${ret.id}/approve`, { instructions: 'Send it to Lager 3, Hamburg', labelUrl: 'https://shop.example/label.pdf' });
      expect(approved.status).toBe(200);
      expect(await approved.json()).toMatchObject({ status: 'refunded', instructions: 'Send it to Lager 3, Hamburg', refund: { amount: 1999, status: 'succeeded' } });
      // Approving again answers the same refund; the provider refunded once.
      expect(((await (await post(`/v1/returns/${ret.id}/approve`, {})).json()) as OrderReturn).refund?.amount).toBe(1999);
      expect([...env.provider.refunds.values()].filter((r) => r.amount === 1999)).toHaveLength(1);

      const after = (await (await link.get()).json()) as ShopperOrderStatus;
      expect(after).toMatchObject({ state: 'partially_refunded', amountRefunded: 1999, canReturn: true });
      expect(after.history.map((h) => [h.from, h.to, h.actor])).toEqual([
        [null, 'paid', 'system'],
        ['paid', 'preparing', 'merchant'],
        ['preparing', 'shipped', 'merchant'],
        ['shipped', 'shipped', 'merchant'],
        ['shipped', 'out_for_delivery', 'merchant'],
        ['out_for_delivery', 'delivered', 'merchant'],
        ['delivered', 'return_requested', 'shopper'],
        ['return_requested', 'return_approved', 'merchant'],
        ['return_approved', 'partially_refunded', 'system'],
      ]);
      expect(after.history[2]!.reference).toBe((await status(orderId)).shipments[0]!.id);
      expect(new Set(after.history.map((h) => h.at)).size).toBe(after.history.length);

      // The second T-shirt and the mug: the rest of what was captured except shipping.
      const again = (await (await link.post('/returns', { items: [{ lineItemId: 'tee', quantity: 1 }, { lineItemId: 'mug', quantity: 1 }], reason: 'Changed my mind' })).json()) as ShopperOrderStatus;
      expect(await code(await link.post('/returns', { items: [{ lineItemId: 'tee', quantity: 1 }], reason: 'Once more' }))).toEqual([409, 'order_transition_not_allowed']);
      const secondReturn = again.returns[1]!;
      expect(secondReturn.amount).toBe(1999 + 850);
      // The rest of the money (shipping included) when the merchant says so.
      await post(`/v1/returns/${secondReturn.id}/approve`, { amount: TOTAL - 1999 });
      const done = await status(orderId);
      expect(done).toMatchObject({ state: 'refunded', amountRefunded: TOTAL, canReturn: false });

      expect(await events(orderId)).toEqual([
        'order.paid',
        'order.preparing',
        'order.shipped',
        'order.shipped',
        'order.out_for_delivery',
        'order.delivered',
        'return.requested',
        'return.approved',
        'order.refunded',
        'return.refunded',
        'return.requested',
        'return.approved',
        'order.refunded',
        'return.refunded',
      ]);
    });

    it('answers 409 order_transition_not_allowed for every move its state does not allow', async () => {
      const orderId = await paidOrder();
      expect(await code(await post(`/v1/orders/${orderId}/delivery-events`, { type: 'delivered' }))).toEqual([409, 'order_transition_not_allowed']);
      expect(await code(await post(`/v1/orders/${orderId}/delivery-events`, { type: 'out_for_delivery' }))).toEqual([409, 'order_transition_not_allowed']);
      await post(`/v1/orders/${orderId}/shipments`, { carrier: 'UPS' });
      expect(await code(await post(`/v1/orders/${orderId}/delivery-events`, { type: 'preparing' }))).toEqual([409, 'order_transition_not_allowed']);
      expect(await code(await post(`/v1/orders/${orderId}/cancel`, {}))).toEqual([409, 'order_transition_not_allowed']);
      // Nothing of the refused moves was recorded.
      expect((await status(orderId)).history.map((h) => h.to)).toEqual(['paid', 'shipped']);
      expect(await code(await post(`/v1/orders/${orderId}/delivery-events`, { type: 'teleported' }))).toEqual([400, 'validation_failed']);
      expect(await code(await post(`/v1/orders/ord_${randomHex(12)}/delivery-events`, { type: 'preparing' }))).toEqual([404, 'order_not_found']);
    });

    it('refuses a return with its reason, then takes a new request', async () => {
      const orderId = await paidOrder();
      await post(`/v1/orders/${orderId}/shipments`, { carrier: 'GLS' });
      await post(`/v1/orders/${orderId}/delivery-events`, { type: 'delivered' });
      const link = shopper((await status(orderId)).statusToken);
      const asked = (await (await link.post('/returns', { items: [{ lineItemId: 'mug', quantity: 1 }], reason: 'Used it, did not like it' })).json()) as ShopperOrderStatus;
      expect(await code(await link.post('/returns', { items: [{ lineItemId: 'ghost', quantity: 1 }], reason: 'x' }))).toEqual([409, 'order_transition_not_allowed']);
      const refused = await post(`/v1/returns/${asked.returns[0]!.id}/refuse`, { reason: 'Returns of used items are not accepted' });
      expect(await refused.json()).toMatchObject({ status: 'refused', refusalReason: 'Returns of used items are not accepted', refund: null });
      expect(await code(await post(`/v1/returns/${asked.returns[0]!.id}/approve`, {}))).toEqual([409, 'order_transition_not_allowed']);
      expect(await code(await link.post('/returns', { items: [{ lineItemId: 'ghost', quantity: 1 }], reason: 'x' }))).toEqual([400, 'unknown_line_item']);
      expect((await link.post('/returns', { items: [{ lineItemId: 'mug', quantity: 1 }], reason: 'It is chipped' })).status).toBe(200);
      expect((await status(orderId)).state).toBe('return_requested');
      // A refused return refunds nothing.
      expect(((await (await merchantGet(env, merchant, `/v1/orders/${orderId}/refunds`)).json()) as { refunds: unknown[] }).refunds).toEqual([]);
    });

    it('cancels before shipment with a refund of everything captured; the shopper only when the merchant allows it', async () => {
      const orderId = await paidOrder();
      const link = shopper((await status(orderId)).statusToken);
      expect(((await (await link.get()).json()) as ShopperOrderStatus).canCancel).toBe(false);
      expect(await code(await link.post('/cancel', {}))).toEqual([409, 'cancel_not_allowed']);
      expect(await (await post('/v1/order-settings', { shopperCanCancel: true, statusPageUrl: 'https://shop.example/order' })).json()).toEqual({
        shopperCanCancel: true,
        statusPageUrl: 'https://shop.example/order',
      });
      const view = await status(orderId);
      expect(view.statusUrl).toBe(`https://shop.example/order#order-status=${view.statusToken}`);
      expect(((await (await link.get()).json()) as ShopperOrderStatus).canCancel).toBe(true);
      const canceled = (await (await link.post('/cancel', {})).json()) as ShopperOrderStatus;
      expect(canceled).toMatchObject({ state: 'canceled', amountRefunded: TOTAL, canCancel: false });
      expect(canceled.history.at(-1)).toMatchObject({ from: 'paid', to: 'canceled', actor: 'shopper' });
      // Repeating the cancel resumes nothing new: one refund.
      expect((await post(`/v1/orders/${orderId}/cancel`, {})).status).toBe(200);
      const refunds = (await (await merchantGet(env, merchant, `/v1/orders/${orderId}/refunds`)).json()) as { refunds: unknown[] };
      expect(refunds.refunds).toHaveLength(1);
      expect((await events(orderId)).filter((t) => t === 'order.canceled')).toHaveLength(1);
      expect(await code(await post(`/v1/orders/${orderId}/shipments`, { carrier: 'DHL' }))).toEqual([409, 'order_transition_not_allowed']);
      await post('/v1/order-settings', { shopperCanCancel: false });
    });

    it('moves a return refunded later by the provider’s webhook to refunded once', async () => {
      const orderId = await paidOrder();
      await post(`/v1/orders/${orderId}/shipments`, { carrier: 'GLS' });
      await post(`/v1/orders/${orderId}/delivery-events`, { type: 'delivered' });
      const link = shopper((await status(orderId)).statusToken);
      const asked = (await (await link.post('/returns', { items: [{ lineItemId: 'tee', quantity: 2 }], reason: 'Wrong colour' })).json()) as ShopperOrderStatus;
      env.provider.refundOutcome = 'pending';
      const approved = (await (await post(`/v1/returns/${asked.returns[0]!.id}/approve`, {})).json()) as OrderReturn;
      env.provider.refundOutcome = 'succeeded';
      expect(approved).toMatchObject({ status: 'approved', refund: { status: 'pending', amount: 3998 } });
      expect(((await (await link.get()).json()) as ShopperOrderStatus).state).toBe('return_approved');
      const body = JSON.stringify({ id: `evt_${randomHex(4)}`, type: 'refund.updated', reference: null, outcome: null, refund: { reference: approved.refund!.providerReference, status: 'succeeded' } });
      for (let i = 0; i < 2; i++) expect((await env.app.request('/v1/webhooks/mock', { method: 'POST', headers: env.provider.signWebhook(body), body })).status).toBe(200);
      const after = (await (await link.get()).json()) as ShopperOrderStatus;
      expect(after).toMatchObject({ state: 'partially_refunded', amountRefunded: 3998, returns: [{ status: 'refunded', refund: { status: 'succeeded' } }] });
      expect((await events(orderId)).filter((t) => t === 'return.refunded')).toHaveLength(1);
    });

    it('opens only the order its link was made for, at its own shop', async () => {
      const orderId = await paidOrder();
      const token = (await status(orderId)).statusToken;
      expect(token).toMatch(/^ost_ord_/);
      const other = await createMerchant(env, 'Other Shop');
      expect(await code(await shopper(token, other).get())).toEqual([401, 'invalid_status_link']);
      // Another order's id with this signature, a forged signature, garbage, nothing.
      const otherOrder = await paidOrder();
      const [, signature] = token.split('.');
      for (const bad of [`ost_${otherOrder}.${signature}`, `${token.slice(0, -2)}AA`, 'ost_nonsense', '']) {
        expect(await code(await shopper(bad).get())).toEqual([401, 'invalid_status_link']);
      }
      // Each link names its own order.
      const mine = (await (await shopper(token).get()).json()) as ShopperOrderStatus;
      expect(mine.orderId).toBe(orderId);
      // Another merchant's secret key does not reach the order either.
      expect(await code(await merchantGet(env, other, `/v1/orders/${orderId}/status`))).toEqual([404, 'order_not_found']);
    });
  });
});
