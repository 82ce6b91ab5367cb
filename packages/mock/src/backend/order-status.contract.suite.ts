/**
 * The shopper's order-status contract: what `<omni-order-status>` calls with a signed status link,
 * and what it must get back, run against the real backend (`createApp` on PGlite, the merchant's
 * moves through its API: `packages/server/src/orders/order-status-contract.test.ts`) and against the
 * in-memory double (`createOrderStatusDouble`: `order-status.contract.test.ts`), so the two cannot drift.
 */
import { describe, expect, it } from 'vitest';
import { ShopperOrderStatus } from '@omni-checkout/core/order-status';

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
}

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
