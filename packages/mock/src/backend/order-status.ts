/**
 * An in-memory double of the shopper's order-status routes (`/v1/client/order-status*`, reached
 * with the signed status link's token), for Storybook stories and component tests of
 * `<omni-order-status>`. Answers have the real backend's shapes, status codes and error codes
 * (the same contract suite runs against both: `order-status.contract.suite.ts`); the moves follow
 * core's `ORDER_TRANSITIONS`. The merchant's side (shipping, delivering, deciding a return) is
 * driven through the double's methods, so a story can show every state.
 *
 * A recognised shopper's list (`GET /v1/client/identity/orders`, with `Omni-Shopper-Token`) answers
 * this order and the given `earlierOrders` (the double opens only its own order's status).
 */
import {
  canTransition,
  SHOPPER_ORDERS_PAGE,
  CreateReturnRequest,
  type OrderItemQuantity,
  type OrderLifecycleState,
  type OrderReturn,
  type ShopperOrderList,
  type ShopperOrderStatus,
  type ShopperOrderSummary,
} from '@omni-checkout/core/order-status';
import { z } from 'zod';
import { errorAnswer, HttpError, parse, toResponse } from './http.js';

export interface OrderStatusDoubleOptions {
  readonly apiBase?: string;
  readonly publishableKey?: string;
  readonly token?: string;
  readonly merchantName?: string;
  readonly currency?: string;
  readonly items?: readonly { id: string; name: string; quantity: number; unitAmount: number }[];
  readonly shipping?: { label: string; amount: number; earliest: string; latest: string } | null;
  readonly shopperCanCancel?: boolean;
  /** When the order was placed (ISO); default now. */
  readonly createdAt?: string;
  /** The recognised shopper's token for the list (default `shtok_order_status_double`). */
  readonly shopperToken?: string;
  /** The shopper shares their details with this shop (default true): otherwise the list answers 403 `consent_required`. */
  readonly shopperConsent?: boolean;
  /** The shopper's other orders at this shop, shown in the list (their status is not served). */
  readonly earlierOrders?: readonly Omit<ShopperOrderSummary, 'statusToken'>[];
}

export interface OrderStatusDouble {
  readonly apiBase: string;
  readonly publishableKey: string;
  readonly token: string;
  readonly shopperToken: string;
  readonly fetch: typeof globalThis.fetch;
  /** The status as the shopper's page would read it now. */
  status(): ShopperOrderStatus;
  // The merchant's side.
  prepare(): void;
  ship(shipment: { carrier: string; trackingNumber?: string; trackingUrl?: string; items?: OrderItemQuantity[] }): void;
  outForDelivery(): void;
  deliver(): void;
  approveReturn(decision?: { instructions?: string; labelUrl?: string; amount?: number; refund?: 'succeeded' | 'pending' | 'failed' }): void;
  refuseReturn(reason: string): void;
  /** A pending refund settles (the provider's webhook, in the real backend). */
  settleRefund(outcome: 'succeeded' | 'failed'): void;
}

const DEFAULT_ITEMS = [
  { id: 'beans', name: 'Coffee beans (250 g)', quantity: 2, unitAmount: 1250 },
  { id: 'dripper', name: 'Dripper', quantity: 1, unitAmount: 1200 },
];

export function createOrderStatusDouble(options: OrderStatusDoubleOptions = {}): OrderStatusDouble {
  const apiBase = options.apiBase ?? 'https://omni-backend.test';
  const publishableKey = options.publishableKey ?? 'pk_test_order_status_double';
  const orderId = 'ord_0123456789abcdef01234567';
  const token = options.token ?? `ost_${orderId}.${'A'.repeat(43)}`;
  const currency = options.currency ?? 'EUR';
  const lineItems = options.items ?? DEFAULT_ITEMS;
  const shipping = options.shipping === undefined ? { label: 'Standard', amount: 500, earliest: '2026-12-09', latest: '2026-12-11' } : options.shipping;
  const amount = lineItems.reduce((sum, item) => sum + item.quantity * item.unitAmount, 0) + (shipping?.amount ?? 0);
  const createdAt = options.createdAt ?? new Date().toISOString();
  let clock = new Date(createdAt).getTime();
  const tick = () => new Date((clock += 60_000)).toISOString();
  let seq = 0;

  const state: ShopperOrderStatus = {
    object: 'order_status',
    orderId,
    merchantName: options.merchantName ?? 'Omni Roasters',
    state: 'paid',
    currency,
    amount,
    amountRefunded: 0,
    items: lineItems.map((item) => ({ id: item.id, name: item.name, quantity: item.quantity, amount: item.quantity * item.unitAmount })),
    shippingLabel: shipping?.label ?? null,
    deliveryWindow: shipping ? { earliest: shipping.earliest, latest: shipping.latest } : null,
    shipments: [],
    returns: [],
    history: [{ from: null, to: 'paid', actor: 'system', reference: null, at: createdAt }],
    canCancel: false,
    canReturn: false,
    createdAt,
  };
  const shopperCanCancel = options.shopperCanCancel ?? false;

  const returned = (except?: OrderReturn['status']) => {
    const counts = new Map<string, number>();
    for (const ret of state.returns) {
      if (ret.status === (except ?? 'refused')) continue;
      for (const item of ret.items) counts.set(item.lineItemId, (counts.get(item.lineItemId) ?? 0) + item.quantity);
    }
    return counts;
  };
  const view = (): ShopperOrderStatus => {
    const left = state.items.some((item) => item.quantity > (returned().get(item.id) ?? 0));
    return structuredClone({
      ...state,
      canCancel: shopperCanCancel && ['paid', 'preparing'].includes(state.state),
      canReturn: ['delivered', 'return_refused', 'partially_refunded'].includes(state.state) && left,
    });
  };
  const move = (to: OrderLifecycleState, actor: 'merchant' | 'shopper' | 'system', reference: string | null = null) => {
    if (!canTransition(state.state, to)) {
      throw new HttpError(409, 'order_transition_not_allowed', `An order that is ${state.state.replaceAll('_', ' ')} cannot become ${to.replaceAll('_', ' ')}.`);
    }
    state.history.push({ from: state.state, to, actor, reference, at: tick() });
    state.state = to;
  };
  const open = () => state.returns.find((ret) => ret.status === 'requested' || ret.status === 'approved');
  const refundDone = (ret: OrderReturn) => {
    ret.status = 'refunded';
    state.amountRefunded += ret.refund!.amount;
    move(state.amountRefunded >= state.amount ? 'refunded' : 'partially_refunded', 'system', ret.id);
  };

  const shopperToken = options.shopperToken ?? 'shtok_order_status_double';
  const merchantName = state.merchantName;
  function orderList(req: Request): ShopperOrderList {
    if (req.method !== 'GET') throw new HttpError(404, 'not_found');
    if (req.headers.get('omni-publishable-key') !== publishableKey) throw new HttpError(401, 'invalid_api_key');
    const given = req.headers.get('omni-shopper-token');
    if (!given) throw new HttpError(401, 'shopper_token_required', 'Verify your email or phone first.');
    if (given !== shopperToken) throw new HttpError(401, 'invalid_shopper_token', 'Your sign-in has expired. Please verify again.');
    if (options.shopperConsent === false) throw new HttpError(403, 'consent_required', `Agree to share your saved details with ${merchantName} first.`);
    const own: ShopperOrderSummary = {
      orderId,
      state: state.state,
      currency,
      amount,
      createdAt,
      itemCount: state.items.reduce((sum, item) => sum + item.quantity, 0),
      items: state.items.slice(0, 3).map((item) => ({ name: item.name, quantity: item.quantity })),
      statusToken: token,
    };
    const others = (options.earlierOrders ?? []).map((order) => ({ ...order, statusToken: `ost_${order.orderId}.${'A'.repeat(43)}` }));
    const all = [own, ...others].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.orderId.localeCompare(a.orderId));
    return { object: 'list', data: all.slice(0, SHOPPER_ORDERS_PAGE), hasMore: all.length > SHOPPER_ORDERS_PAGE };
  }

  async function handle(req: Request, path: string): Promise<unknown> {
    if (req.headers.get('omni-publishable-key') !== publishableKey) throw new HttpError(401, 'invalid_api_key');
    if (req.headers.get('authorization') !== `Bearer ${token}`) {
      throw new HttpError(401, 'invalid_status_link', 'This order status link is not valid. Open the link from your order email again.');
    }
    const route = `${req.method} ${path}`;
    if (route === 'GET ') return view();
    if (req.method !== 'POST') throw new HttpError(404, 'not_found');
    const body = (await req.json().catch(() => {
      throw new HttpError(400, 'invalid_json');
    })) as unknown;
    if (route === 'POST /returns') {
      const input = parse(CreateReturnRequest, body);
      if (!canTransition(state.state, 'return_requested')) move('return_requested', 'shopper');
      const counts = new Map<string, number>();
      for (const item of input.items) counts.set(item.lineItemId, (counts.get(item.lineItemId) ?? 0) + item.quantity);
      let value = 0;
      for (const [id, quantity] of counts) {
        const item = state.items.find((i) => i.id === id);
        if (!item) throw new HttpError(400, 'unknown_line_item', `This order has no line item "${id}".`, [{ path: 'items', message: `Unknown line item ${id}` }]);
        const available = item.quantity - (returned().get(id) ?? 0);
        if (quantity > available) {
          throw new HttpError(409, 'quantity_not_available', `Only ${available} of "${id}" can still be returned.`, [{ path: 'items', message: `${id}: at most ${available}` }]);
        }
        value += (item.amount / item.quantity) * quantity;
      }
      const id = `ret_double${++seq}`;
      state.returns.push({
        id,
        object: 'return',
        orderId,
        status: 'requested',
        items: input.items,
        reason: input.reason,
        amount: Math.min(value, state.amount - state.amountRefunded),
        instructions: null,
        labelUrl: null,
        refusalReason: null,
        refund: null,
        createdAt: tick(),
        decidedAt: null,
      });
      move('return_requested', 'shopper', id);
      return view();
    }
    if (route === 'POST /cancel') {
      parse(z.object({}).strict(), body);
      if (!shopperCanCancel) throw new HttpError(409, 'cancel_not_allowed', 'This shop does not let orders be canceled here; contact the shop.');
      if (state.state !== 'canceled') {
        move('canceled', 'shopper');
        state.amountRefunded = state.amount;
      }
      return view();
    }
    throw new HttpError(404, 'not_found');
  }

  const basePath = new URL(apiBase).pathname.replace(/\/+$/, '');
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const prefix = `${basePath}/v1/client/order-status`;
    if (url.origin === new URL(apiBase).origin && url.pathname === `${basePath}/v1/client/identity/orders`) {
      try {
        return toResponse({ status: 200, body: orderList(req) });
      } catch (error) {
        if (error instanceof HttpError) return toResponse(errorAnswer(error));
        throw error;
      }
    }
    if (url.origin !== new URL(apiBase).origin || !url.pathname.startsWith(prefix)) {
      return toResponse(errorAnswer(new HttpError(404, 'not_found')));
    }
    try {
      return toResponse({ status: 200, body: await handle(req, url.pathname.slice(prefix.length)) });
    } catch (error) {
      if (error instanceof HttpError) return toResponse(errorAnswer(error));
      throw error;
    }
  };

  const merchant = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (error instanceof HttpError) throw new Error(`${error.code}: ${error.message}`);
      throw error;
    }
  };

  return {
    apiBase,
    publishableKey,
    token,
    shopperToken,
    fetch,
    status: view,
    prepare: () => merchant(() => move('preparing', 'merchant')),
    ship: (shipment) =>
      merchant(() => {
        const id = `shp_double${++seq}`;
        const shipped = new Map<string, number>();
        for (const s of state.shipments) for (const i of s.items) shipped.set(i.lineItemId, (shipped.get(i.lineItemId) ?? 0) + i.quantity);
        const items = shipment.items ?? state.items.map((i) => ({ lineItemId: i.id, quantity: i.quantity - (shipped.get(i.id) ?? 0) })).filter((i) => i.quantity > 0);
        move('shipped', 'merchant', id);
        state.shipments.push({
          id,
          object: 'shipment',
          items,
          carrier: shipment.carrier,
          trackingNumber: shipment.trackingNumber ?? null,
          trackingUrl: shipment.trackingUrl ?? null,
          createdAt: state.history.at(-1)!.at,
        });
      }),
    outForDelivery: () => merchant(() => move('out_for_delivery', 'merchant')),
    deliver: () => merchant(() => move('delivered', 'merchant')),
    approveReturn: (decision = {}) =>
      merchant(() => {
        const ret = open();
        if (!ret || ret.status !== 'requested') throw new HttpError(409, 'order_transition_not_allowed');
        move('return_approved', 'merchant', ret.id);
        Object.assign(ret, {
          status: 'approved',
          instructions: decision.instructions ?? null,
          labelUrl: decision.labelUrl ?? null,
          decidedAt: state.history.at(-1)!.at,
          refund: {
            id: `re_double${++seq}`,
            object: 'refund',
            orderId,
            amount: decision.amount ?? ret.amount,
            currency,
            status: decision.refund ?? 'succeeded',
            reason: 'requested_by_customer',
            providerReference: null,
            failureReason: decision.refund === 'failed' ? 'refused by the provider' : null,
            createdAt: state.history.at(-1)!.at,
          },
        } satisfies Partial<OrderReturn>);
        if (ret.refund!.status === 'succeeded') refundDone(ret);
      }),
    refuseReturn: (reason) =>
      merchant(() => {
        const ret = open();
        if (!ret || ret.status !== 'requested') throw new HttpError(409, 'order_transition_not_allowed');
        move('return_refused', 'merchant', ret.id);
        Object.assign(ret, { status: 'refused', refusalReason: reason, decidedAt: state.history.at(-1)!.at });
      }),
    settleRefund: (outcome) =>
      merchant(() => {
        const ret = open();
        if (!ret?.refund || ret.refund.status !== 'pending') throw new HttpError(409, 'order_transition_not_allowed');
        ret.refund = { ...ret.refund, status: outcome, failureReason: outcome === 'failed' ? 'refused by the provider' : null };
        if (outcome === 'succeeded') refundDone(ret);
      }),
  };
}
