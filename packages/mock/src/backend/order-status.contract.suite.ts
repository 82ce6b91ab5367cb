/**
 * The shopper's order-status contract: what `<omni-order-status>` calls with a signed status link,
 * and what it must get back, run against the real backend (`createApp` on PGlite, the merchant's
 * moves through its API: `packages/server/src/orders/order-status-contract.test.ts`) and against the
 * in-memory double (`createOrderStatusDouble`: `order-status.contract.test.ts`), so the two cannot drift.
 */
import { describe, expect, it } from 'vitest';
import { ShopperOrderList, ShopperOrderStatus } from '@omni-checkout/core/order-status';

export interface LinkedOrder {
  readonly apiBase: string;
  readonly publishableKey: string;
  readonly token: string;
  readonly fetch: typeof globalThis.fetch;
}

/** The order of every test: 2 × T-shirt (19.99), 1 × Mug (8.50), shipping 4.95, in EUR. */
export const CONTRACT_ORDER = {
  items: [
    { id: 'tee', name: 'T-shirt', unitAmount: 1999, quantity: 2 },
    { id: 'mug', name: 'Mug', unitAmount: 850, quantity: 1 },
  ],
  shipping: 495,
};
const TOTAL = 2 * 1999 + 850 + 495;

export interface OrderStatusHarness {
  /** A paid order (the shop lets shoppers cancel when `shopperCanCancel`). */
  paid(options?: { shopperCanCancel?: boolean }): Promise<LinkedOrder>;
  /** A paid order the shop shipped with DHL (tracking `00340434161094042557`) and that was delivered. */
  delivered(): Promise<LinkedOrder>;
  /** A paid order of a shopper the identity network recognises at this shop (shares with it), and their shopper token. */
  recognised(): Promise<{ order: LinkedOrder; shopperToken: string }>;
  /** The shop's API and the token of a recognised shopper who has not shared their details with this shop. */
  unshared(): Promise<{ order: LinkedOrder; shopperToken: string }>;
}

const listOrders = (order: LinkedOrder, shopperToken: string | null) =>
  order.fetch(`${order.apiBase}/v1/client/identity/orders`, {
    headers: { 'omni-publishable-key': order.publishableKey, ...(shopperToken ? { 'omni-shopper-token': shopperToken } : {}) },
  });

const call = (order: LinkedOrder, path = '', body?: unknown, token = order.token) =>
  order.fetch(`${order.apiBase}/v1/client/order-status${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'omni-publishable-key': order.publishableKey,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

export function orderStatusContractSuite(name: string, harness: () => OrderStatusHarness): void {
  describe(`order-status contract (${name})`, () => {
    it('answers the linked order’s status in the documented shape, and 401 invalid_status_link to any other token', async () => {
      const order = await harness().delivered();
      const response = await call(order);
      expect(response.status).toBe(200);
      const status = ShopperOrderStatus.parse(await response.json());
      expect(status).toMatchObject({ state: 'delivered', currency: 'EUR', amount: TOTAL, amountRefunded: 0, canReturn: true, canCancel: false });
      expect(status.items.map((i) => [i.id, i.quantity, i.amount])).toEqual([
        ['tee', 2, 3998],
        ['mug', 1, 850],
      ]);
      expect(status.shipments.map((s) => [s.carrier, s.trackingNumber])).toEqual([['DHL', '00340434161094042557']]);
      expect(status.history.map((h) => h.to)).toEqual(['paid', 'shipped', 'delivered']);
      expect(status.history[0]).toMatchObject({ from: null, actor: 'system' });
      expect(await codeOf(await call(order, '', undefined, `${order.token.slice(0, -3)}xyz`))).toEqual([401, 'invalid_status_link']);
    });

    it('lists a recognised shopper’s orders at this shop, each with a token that opens its status; 401 without a valid shopper token, 403 consent_required before sharing', async () => {
      const { order, shopperToken } = await harness().recognised();
      const { orderId } = ShopperOrderStatus.parse(await (await call(order)).json());
      const response = await listOrders(order, shopperToken);
      expect(response.status).toBe(200);
      const list = ShopperOrderList.parse(await response.json());
      const entry = list.data.find((o) => o.orderId === orderId);
      expect(entry).toMatchObject({ state: 'paid', currency: 'EUR', amount: TOTAL, itemCount: 3, items: [{ name: 'T-shirt', quantity: 2 }, { name: 'Mug', quantity: 1 }] });
      expect(list.data.map((o) => o.createdAt)).toEqual(list.data.map((o) => o.createdAt).sort().reverse());
      const opened = await call(order, '', undefined, entry!.statusToken);
      expect(ShopperOrderStatus.parse(await opened.json()).orderId).toBe(orderId);
      expect(await codeOf(await listOrders(order, null))).toEqual([401, 'shopper_token_required']);
      expect(await codeOf(await listOrders(order, `${shopperToken}x`))).toEqual([401, 'invalid_shopper_token']);
      const unshared = await harness().unshared();
      expect(await codeOf(await listOrders(unshared.order, unshared.shopperToken))).toEqual([403, 'consent_required']);
    });

    it('takes a return of one item with a reason, worth that item, and then refuses a second open return', async () => {
      const order = await harness().delivered();
      const response = await call(order, '/returns', { items: [{ lineItemId: 'tee', quantity: 1 }], reason: 'Too small' });
      expect(response.status).toBe(200);
      const status = ShopperOrderStatus.parse(await response.json());
      expect(status.state).toBe('return_requested');
      expect(status.returns).toEqual([expect.objectContaining({ status: 'requested', items: [{ lineItemId: 'tee', quantity: 1 }], reason: 'Too small', amount: 1999, refund: null })]);
      expect(status.history.at(-1)).toMatchObject({ from: 'delivered', to: 'return_requested', actor: 'shopper', reference: status.returns[0]!.id });
      expect(status.canReturn).toBe(false);
      expect(await codeOf(await call(order, '/returns', { items: [{ lineItemId: 'mug', quantity: 1 }], reason: 'Also this' }))).toEqual([409, 'order_transition_not_allowed']);
    });

    it('refuses a return before delivery, of an unknown item, of more than was bought, and without a reason', async () => {
      const paid = await harness().paid();
      expect(await codeOf(await call(paid, '/returns', { items: [{ lineItemId: 'tee', quantity: 1 }], reason: 'Early' }))).toEqual([409, 'order_transition_not_allowed']);
      const order = await harness().delivered();
      expect(await codeOf(await call(order, '/returns', { items: [{ lineItemId: 'ghost', quantity: 1 }], reason: 'x' }))).toEqual([400, 'unknown_line_item']);
      expect(await codeOf(await call(order, '/returns', { items: [{ lineItemId: 'tee', quantity: 3 }], reason: 'x' }))).toEqual([409, 'quantity_not_available']);
      expect(await codeOf(await call(order, '/returns', { items: [{ lineItemId: 'tee', quantity: 1 }] }))).toEqual([400, 'validation_failed']);
      expect(ShopperOrderStatus.parse(await (await call(order)).json()).returns).toEqual([]);
    });

    it('cancels before shipment only when the shop allows it, refunding everything, once', async () => {
      const strict = await harness().paid();
      expect(await codeOf(await call(strict, '/cancel', {}))).toEqual([409, 'cancel_not_allowed']);
      const lenient = await harness().paid({ shopperCanCancel: true });
      expect(ShopperOrderStatus.parse(await (await call(lenient)).json()).canCancel).toBe(true);
      const canceled = ShopperOrderStatus.parse(await (await call(lenient, '/cancel', {})).json());
      expect(canceled).toMatchObject({ state: 'canceled', amountRefunded: TOTAL, canCancel: false });
      // A second click answers the same canceled order (nothing refunded twice).
      const again = await call(lenient, '/cancel', {});
      expect(again.status).toBe(200);
      expect(ShopperOrderStatus.parse(await again.json())).toMatchObject({ state: 'canceled', amountRefunded: TOTAL });
      const delivered = await harness().delivered();
      expect(await codeOf(await call(delivered, '/cancel', {}))).toEqual([409, 'cancel_not_allowed']);
    });
  });
}
