/**
 * The shop's own order records, fulfilled from omni-checkout's signed webhooks, never from the
 * browser's redirect: a shopper who closes the tab right after paying still gets a paid order here.
 *
 * At start, the shop registers one webhook endpoint per merchant (`/webhooks/omni/<n>`, replacing
 * any earlier one with that URL) and keeps its signing secret in memory. Each delivery is verified
 * with `@omni-checkout/node` on the raw body and processed once per event id (deliveries are at
 * least once; a retry or redelivery repeats the id).
 */
import { Hono } from 'hono';
import { createEventDeduplicator, isEvent, OmniCheckout, WebhookVerificationError, type OmniEvent } from '@omni-checkout/node';

export interface ShopOrder {
  readonly sessionId: string;
  status: 'awaiting_payment' | 'paid' | 'refunded';
  orderId: string | null;
  paidAt: string | null;
  amountRefunded: number;
}

export interface FulfilmentShop {
  readonly name: string;
  readonly omni: OmniCheckout;
}

export function createFulfilment(shops: readonly FulfilmentShop[]) {
  /** The demo keeps its order book in memory, by checkout session. */
  const orders = new Map<string, ShopOrder>();
  const secrets = new Map<number, string>();
  const seen = createEventDeduplicator();

  const record = (sessionId: string): ShopOrder => {
    let order = orders.get(sessionId);
    if (!order) {
      order = { sessionId, status: 'awaiting_payment', orderId: null, paidAt: null, amountRefunded: 0 };
      if (orders.size >= 10_000) orders.delete(orders.keys().next().value!);
      orders.set(sessionId, order);
    }
    return order;
  };

  function apply(event: OmniEvent): void {
    if (isEvent(event, 'order.paid')) {
      const order = record(event.data.object.sessionId);
      order.status = 'paid';
      order.orderId = event.data.object.id;
      order.paidAt = event.createdAt;
      console.info(`order ${event.data.object.id} paid (session ${event.data.object.sessionId}): fulfilling`);
    } else if (isEvent(event, 'order.refunded')) {
      const order = record(event.data.object.sessionId);
      order.amountRefunded = event.data.object.amountRefunded;
      if (event.data.object.amountRefunded >= event.data.object.amount) order.status = 'refunded';
    }
  }

  const app = new Hono();
  app.post('/webhooks/omni/:shop', async (c) => {
    const secret = secrets.get(Number(c.req.param('shop')));
    if (!secret) return c.body(null, 404);
    const raw = await c.req.text();
    let event: OmniEvent;
    try {
      event = shops[0]!.omni.webhooks.verify(raw, c.req.raw.headers, secret);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return c.json({ error: { code: 'webhook_signature_invalid', message: error.message } }, 400);
      throw error;
    }
    await seen.once(event, () => apply(event));
    return c.json({ received: true }, 200);
  });

  return {
    app,
    /** A checkout this shop started: awaiting payment until `order.paid` arrives. */
    started: (sessionId: string) => void record(sessionId),
    order: (sessionId: string) => orders.get(sessionId) ?? null,
    /** Registers this shop's endpoints with the backend; answers false when it could not. */
    async register(shopUrl: string): Promise<boolean> {
      try {
        for (const [index, shop] of shops.entries()) {
          const url = `${shopUrl}/webhooks/omni/${index}`;
          for (const old of await shop.omni.webhookEndpoints.list()) if (old.url === url) await shop.omni.webhookEndpoints.delete(old.id);
          const endpoint = await shop.omni.webhookEndpoints.create({ url, events: ['order.paid', 'order.refunded'], description: `${shop.name} demo shop` });
          secrets.set(index, endpoint.secret);
        }
        return true;
      } catch (error) {
        console.error('Could not register the shop’s webhook endpoints:', error instanceof Error ? error.message : error);
        return false;
      }
    },
  };
}
