/**
 * The SDK against a real backend (PGlite, the mock provider, the outbox worker delivering over
 * HTTP): sessions (one session when the answer is lost and the SDK retries with its key, the same
 * one again for the caller's own key), orders, refunds (one refund when the answer is lost and the
 * SDK retries with its key), webhook endpoints, and a receiver that verifies every event with the SDK and processes each
 * once, through a failing endpoint that recovers and a manual redelivery; manual capture (capture
 * part, cancel) with its events.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createMockProvider } from '@omni-checkout/mock/server';
import {
  createApp,
  createLogger,
  createVault,
  createOutboxWorker,
  createStorage,
  createWebhookSender,
  merchantWebhookTemplate,
  MERCHANT_WEBHOOK_TEMPLATE,
  PAYMENT_LINK_TEMPLATE,
  paymentLinkMessage,
  webhookStore,
  type Db,
} from '@omni-checkout/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventDeduplicator, isEvent, OmniCheckout, OmniCheckoutError, verifyWebhook, WebhookVerificationError, type OmniEvent } from './index.js';

const SECRET_KEY = 'sk_test_node_sdk_suite_0000000000000001';
const PUBLISHABLE_KEY = 'pk_test_node_sdk_suite_01';
const ORIGIN = 'https://sdk-shop.example';
const silent = createLogger({ level: 'silent' });
/** What the outbox mailed (payment links sent through the SDK). */
const mailed: { to: string; subject: string; text: string }[] = [];

let db: Db;
let api: ServerType;
let apiBase: string;
let worker: ReturnType<typeof createOutboxWorker>;
let omni: OmniCheckout;
let storage: Awaited<ReturnType<typeof createStorage>>['storage'];

/** The merchant's webhook handler, as a shop would write it with the SDK. */
const processed: OmniEvent[] = [];
const deliveries: number[] = [];
let secret = '';
let failNext = 0;
const dedupe = createEventDeduplicator();
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (c: Buffer) => chunks.push(c));
  request.on('end', async () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    if (failNext > 0) {
      failNext--;
      deliveries.push(503);
      return response.writeHead(503).end();
    }
    try {
      const event = verifyWebhook(raw, request.headers as Record<string, string>, secret);
      await dedupe.once(event, () => void processed.push(event));
      deliveries.push(200);
      response.writeHead(200).end();
    } catch (error) {
      deliveries.push(error instanceof WebhookVerificationError ? 400 : 500);
      response.writeHead(400).end();
    }
  });
});

beforeAll(async () => {
  const vault = createVault([{ id: 'sdk', key: randomBytes(32) }], randomBytes(32));
  // As `serve` runs it: the vault seals what the storage keeps (contact, address, the client secret of a keyed create).
  const opened = await createStorage({ dataDir: null, vault });
  db = opened.db;
  storage = opened.storage;
  await opened.storage.upsertMerchant({ name: 'SDK shop', publishableKey: PUBLISHABLE_KEY, secretKey: SECRET_KEY, allowedOrigins: [ORIGIN] });
  const lookupKey = randomBytes(32);
  const app = createApp({
    storage: opened.storage,
    providers: [createMockProvider()],
    logger: silent,
    db,
    allowHttpWebhooks: true,
    giftCards: { mac: (purpose, value) => createHmac('sha256', lookupKey).update(`${purpose}:${value}`).digest('hex') },
    // The vault seals the recipients of payment links sent by email or SMS.
    identity: { db, vault, mailer: { send: async () => undefined, close: () => undefined }, sms: null },
  });
  api = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const store = webhookStore(db, vault);
  worker = createOutboxWorker({
    db,
    mailer: { send: async (message) => void mailed.push(message), close: () => undefined },
    sms: { send: async () => undefined },
    templates: { [MERCHANT_WEBHOOK_TEMPLATE]: merchantWebhookTemplate(store), [PAYMENT_LINK_TEMPLATE]: paymentLinkMessage({ db, vault }) },
    webhooks: createWebhookSender({ store, logger: silent }),
    logger: silent,
    retryDelayMs: () => 0,
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  omni = new OmniCheckout({ secretKey: SECRET_KEY, apiBase, retryBaseDelayMs: 1 });
});

afterAll(async () => {
  await new Promise((resolve) => api?.close(resolve));
  await new Promise((resolve) => receiver.close(resolve));
  await db?.close();
});

const SESSION = {
  currency: 'EUR',
  country: 'DE',
  lineItems: [{ id: 'beans', name: 'Beans', unitAmount: 1500, quantity: 2 }],
  shippingOptions: [{ id: 'std', label: 'Standard', amount: 500, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
};

/** The page's part: contact, address, pay with a mock test card. */
/**
 * An SDK client over a network that fails as `faults` says: the next `unavailable` requests answer
 * 503 before reaching the backend, then the next `lost` ones reach it but their answers are lost
 * on the way back. `keys` collects every request's Idempotency-Key.
 */
function flakyClient(faults: { lost: number; unavailable: number }) {
  const keys: string[] = [];
  const client = new OmniCheckout({
    secretKey: SECRET_KEY,
    apiBase,
    retryBaseDelayMs: 1,
    fetch: async (input, init) => {
      keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
      if (faults.unavailable-- > 0) return new Response(JSON.stringify({ error: { code: 'internal_error', message: 'Unavailable' } }), { status: 503 });
      const response = await fetch(input, init);
      if (faults.lost-- > 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      return response;
    },
  });
  return { client, keys, faults };
}

async function pay(sessionId: string, clientSecret: string, card = 'pm_mock_success_4242') {
  const call = (path: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${apiBase}/v1/client/checkout-sessions/${sessionId}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clientSecret}`, 'omni-publishable-key': PUBLISHABLE_KEY, origin: ORIGIN, 'content-type': 'application/json', ...extra },
      body: JSON.stringify(body),
    });
  await call('/contact', { email: 'ada@example.com' });
  await call('/shipping-address', { name: 'Ada', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' });
  return call('/confirm', { paymentMethod: card }, { 'idempotency-key': crypto.randomUUID() });
}

describe('@omni-checkout/node', () => {
  it('registers a webhook endpoint and answers its secret', async () => {
    const endpoint = await omni.webhookEndpoints.create({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, events: ['*'] });
    secret = endpoint.secret;
    expect(await omni.webhookEndpoints.list()).toEqual([expect.objectContaining({ id: endpoint.id, url: endpoint.url })]);
  });

  it('creates a session, sees its order after payment, refunds part once even when the answer is lost', async () => {
    const created = await omni.sessions.create(SESSION);
    expect(created.session.totals.total).toBe(3500);
    expect((await pay(created.id, created.clientSecret)).status).toBe(200);
    const [order] = await omni.orders.list({ sessionId: created.id });
    expect(order).toMatchObject({ amount: 3500, status: 'paid' });
    expect(await omni.orders.retrieve(order!.id)).toMatchObject({ id: order!.id });

    // The first answer is lost on the way back: the SDK retries with the same Idempotency-Key.
    const { client: flaky, keys } = flakyClient({ lost: 1, unavailable: 0 });
    const refund = await flaky.refunds.create(order!.id, { amount: 1000 });
    expect(refund).toMatchObject({ amount: 1000, status: 'succeeded' });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    const money = await omni.refunds.list(order!.id);
    expect(money).toMatchObject({ amountRefunded: 1000, refunds: [{ id: refund.id }] });

    await expect(omni.refunds.create(order!.id, { amount: 2501 })).rejects.toMatchObject({ status: 409, code: 'refund_exceeds_captured' });
    await expect(omni.refunds.create(order!.id, { amount: 2501 })).rejects.toBeInstanceOf(OmniCheckoutError);
  });

  it('walks the paginated lists page by page, and reports a bad page request with its code', async () => {
    const events = (await omni.events.list()).map((e) => e.id);
    expect(events.length).toBeGreaterThan(2);
    const walked: string[] = [];
    for await (const event of omni.events.all({ limit: 1 })) walked.push(event.id);
    expect(walked).toEqual(events);
    const first = await omni.orders.page({ limit: 1 });
    expect(first).toMatchObject({ object: 'list', data: [expect.objectContaining({ status: 'paid' })] });
    expect((await omni.orders.page({ startingAfter: first.data[0]!.id })).hasMore).toBe(false);
    await expect(omni.orders.page({ limit: 101 })).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    await expect(omni.events.page({ startingAfter: 'evt_not_ours' })).rejects.toMatchObject({ status: 400, code: 'cursor_not_found' });
  });

  it('tells the developer which ways to pay a session hides, and why', async () => {
    const created = await omni.sessions.create(SESSION);
    const diagnostics = await omni.sessions.paymentMethodDiagnostics(created.id);
    expect(diagnostics.shown).toEqual(created.session.paymentMethods);
    expect(diagnostics.shown.map((m) => m.type)).toEqual(['card']);
    expect(diagnostics.hidden.find((m) => m.type === 'paypal')).toMatchObject({ reason: 'test_mode', provider: 'mock' });
    await expect(omni.sessions.paymentMethodDiagnostics('cs_missing')).rejects.toMatchObject({ status: 404, code: 'session_not_found' });
  });

  it('grants store credit only to a shopper who shares their details with the shop (anyone else: not found, alike)', async () => {
    await expect(omni.storeCredit.grant({ email: 'nobody@example.com', amount: 500, currency: 'EUR' })).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(omni.storeCredit.grant({ amount: 500, currency: 'EUR' } as never)).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('issues a gift card, debits it once even when the answer is lost, and refunds to it', async () => {
    const card = await omni.giftCards.issue({ amount: 2000, currency: 'EUR', validityDays: 365 });
    expect(card.code).toHaveLength(24);
    let lost = 1;
    const flaky = new OmniCheckout({
      secretKey: SECRET_KEY,
      apiBase,
      retryBaseDelayMs: 1,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (lost-- > 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
        return response;
      },
    });
    const debit = await flaky.giftCards.debit(card.id, { amount: 1500, currency: 'EUR', reference: 'till-7' });
    expect(debit).toMatchObject({ kind: 'debit', amount: -1500, balanceAfter: 500 });
    await expect(omni.giftCards.debit(card.id, { amount: 501, currency: 'EUR' })).rejects.toMatchObject({ status: 409, code: 'gift_card_insufficient_balance' });
    await omni.giftCards.credit(card.id, { debit: debit.id, amount: 1500 });
    const read = await omni.giftCards.retrieve(card.id);
    expect(read.balance).toBe(2000);
    expect(read.transactions.map((t) => t.kind)).toEqual(['issue', 'debit', 'credit']);
    expect((await omni.giftCards.disable(card.id)).status).toBe('disabled');
  });

  it('creates, reads and disables a payment link', async () => {
    const link = await omni.paymentLinks.create({ amount: 2500, currency: 'EUR', country: 'DE', channel: 'sms', checkoutUrl: `${ORIGIN}/pay` });
    expect(link).toMatchObject({ object: 'payment_link', state: 'active', channel: 'sms', singleUse: true, url: `${apiBase}/l/${link.id}` });
    expect(link.lineItems).toEqual([expect.objectContaining({ unitAmount: 2500, quantity: 1 })]);
    expect(link.checkoutUrl).toBe(`${ORIGIN}/pay`);
    // Without a checkout page of the merchant's, the link opens the backend's hosted pay page.
    const hosted = await omni.paymentLinks.create({ amount: 900, currency: 'EUR', country: 'DE', channel: 'chat' });
    expect(hosted).toMatchObject({ state: 'active', checkoutUrl: null, url: `${apiBase}/l/${hosted.id}` });
    expect((await omni.paymentLinks.retrieve(link.id)).state).toBe('active');
    // Sent by email: the same idempotency key sends once.
    const sent = await omni.paymentLinks.send(link.id, { email: 'ada@example.com' }, { idempotencyKey: 'send-ada' });
    expect(sent).toMatchObject({ object: 'payment_link_send', link: link.id, channel: 'email', to: 'a•••@e•••.com' });
    expect(await omni.paymentLinks.send(link.id, { email: 'ada@example.com' }, { idempotencyKey: 'send-ada' })).toEqual(sent);
    await worker.runOnce();
    expect(mailed.filter((m) => m.to === 'ada@example.com').map((m) => m.text.includes(link.url))).toEqual([true]);
    expect((await omni.paymentLinks.disable(link.id)).state).toBe('disabled');
    await expect(omni.paymentLinks.send(link.id, { email: 'ada@example.com' })).rejects.toMatchObject({ status: 409, code: 'payment_link_not_active' });
    await expect(omni.paymentLinks.send(link.id, { phone: '0151 2345678' })).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    const refused = await omni.paymentLinks.create({ amount: 1, currency: 'EUR', country: 'DE', channel: 'sms', checkoutUrl: 'https://elsewhere.example/pay' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OmniCheckoutError);
    expect((refused as OmniCheckoutError).code).toBe('validation_failed');
  });

  it('cancels an unpaid session; the declined payment of another is payment.failed', async () => {
    const open = await omni.sessions.create(SESSION);
    expect((await omni.sessions.cancel(open.id)).status).toBe('expired');
    // A repeat (a retry after a lost answer) answers the canceled session again.
    expect((await omni.sessions.cancel(open.id)).status).toBe('expired');
    const declined = await omni.sessions.create(SESSION);
    expect((await pay(declined.id, declined.clientSecret, 'pm_mock_decline_0002')).status).toBe(402);
  });

  it('delivers every event signed; the SDK verifies and de-duplicates them through a failing endpoint and a redelivery', async () => {
    failNext = 2;
    await worker.runOnce(); // the first two deliveries hit 503
    await worker.runOnce();
    const types = processed.map((e) => e.type).sort();
    expect(types).toEqual(['checkout.session.canceled', 'checkout.session.completed', 'order.paid', 'order.refunded', 'payment.failed']);
    expect(deliveries.filter((s) => s === 503)).toHaveLength(2);

    const paid = processed.find((e) => isEvent(e, 'order.paid'));
    if (!paid || !isEvent(paid, 'order.paid')) throw new Error('no order.paid');
    expect(paid.data.object.amount).toBe(3500);
    const refunded = processed.find((e) => isEvent(e, 'order.refunded'));
    expect(refunded && isEvent(refunded, 'order.refunded') && refunded.data.object.refund.amount).toBe(1000);

    // A redelivery (same webhook-id) verifies again and is recognised as already processed.
    const [endpoint] = await omni.webhookEndpoints.list();
    await omni.webhookEndpoints.redeliver(endpoint!.id, paid.id);
    await worker.runOnce();
    expect(deliveries.at(-1)).toBe(200);
    expect(processed.filter((e) => e.id === paid.id)).toHaveLength(1);
    const log = await omni.webhookEndpoints.deliveries(endpoint!.id);
    expect(log.filter((d) => d.eventId === paid.id).map((d) => d.statusCode)).toContain(200);
    expect((await omni.events.retrieve(paid.id)).type).toBe('order.paid');
  });

  it('refuses a forged or stale delivery, and accepts either secret while rolling', async () => {
    const [endpoint] = await omni.webhookEndpoints.list();
    const event = (await omni.events.list({ type: 'order.paid' }))[0]!;
    const body = JSON.stringify(event);
    const { Webhook } = await import('standardwebhooks');
    const headersAt = (s: string, at: Date) => ({
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(s).sign(event.id, at, body),
    });
    expect(verifyWebhook(body, headersAt(secret, new Date()), secret).id).toBe(event.id);
    expect(() => verifyWebhook(body, headersAt(secret, new Date(Date.now() - 10 * 60_000)), secret)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(body.replace('3500', '1'), headersAt(secret, new Date()), secret)).toThrow(WebhookVerificationError);
    const rotated = await omni.webhookEndpoints.rotateSecret(endpoint!.id);
    expect(verifyWebhook(body, headersAt(rotated.secret, new Date()), [secret, rotated.secret]).id).toBe(event.id);
    expect(() => new OmniCheckout({ secretKey: 'pk_test_nope' })).toThrow(/secret key/);
  });

  it('authorises now and captures later: capture part once, cancel another; order.authorized, order.paid and order.canceled arrive signed', async () => {
    processed.length = 0;
    const authorise = async () => {
      const created = await omni.sessions.create({ ...SESSION, captureMethod: 'manual' });
      expect((await pay(created.id, created.clientSecret)).status).toBe(200);
      const [order] = await omni.orders.list({ sessionId: created.id });
      return order!;
    };
    const order = await authorise();
    expect(order).toMatchObject({ status: 'authorized', amount: 3500, amountCaptured: 0 });
    // The first answer is lost: the SDK's retry carries the same key, and the mock provider captures once.
    let lost = 1;
    const flaky = new OmniCheckout({
      secretKey: SECRET_KEY,
      apiBase,
      retryBaseDelayMs: 1,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (lost-- > 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
        return response;
      },
    });
    expect(await flaky.orders.capture(order.id, { amount: 3000 })).toMatchObject({ status: 'paid', amountCaptured: 3000 });
    await expect(omni.orders.capture(order.id, { amount: 500 })).rejects.toMatchObject({ status: 409, code: 'capture_not_allowed' });
    await expect(omni.refunds.create(order.id, { amount: 3001 })).rejects.toMatchObject({ code: 'refund_exceeds_captured' });
    expect(await omni.refunds.create(order.id, { amount: 3000 })).toMatchObject({ status: 'succeeded' });

    const other = await authorise();
    await expect(omni.orders.capture(other.id, { amount: 3501 })).rejects.toMatchObject({ status: 409, code: 'capture_exceeds_authorized' });
    // One cancel for every order: an authorised one is released (voided) at the provider, nothing refunded.
    expect(await omni.orders.cancel(other.id)).toMatchObject({ state: 'canceled', amountRefunded: 0 });
    expect(await omni.orders.cancel(other.id)).toMatchObject({ state: 'canceled' });
    expect(await omni.orders.retrieve(other.id)).toMatchObject({ status: 'canceled', amountCaptured: 0 });

    await worker.runOnce();
    const about = (id: string) =>
      processed
        .filter((e) => (e.data.object as { id?: string }).id === id)
        .map((e) => [e.type, (e.data.object as { status: string }).status, (e.data.object as { amountCaptured?: number }).amountCaptured])
        // Deliveries of one pass run side by side: their arrival order is not the events' order.
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(about(order.id)).toEqual([
      ['order.authorized', 'authorized', 0],
      ['order.paid', 'paid', 3000],
      ['order.refunded', 'paid', 3000],
    ]);
    expect(about(other.id)).toEqual([
      ['order.authorized', 'authorized', 0],
      ['order.canceled', 'canceled', 0],
    ]);
    const canceled = processed.find((e) => isEvent(e, 'order.canceled'));
    expect(canceled && isEvent(canceled, 'order.canceled') && canceled.data.object.id).toBe(other.id);
  });

  it('follows an order after the purchase: shipment, delivery, a return approved and refunded; the lifecycle events arrive typed', async () => {
    const created = await omni.sessions.create(SESSION);
    await pay(created.id, created.clientSecret);
    const [order] = await omni.orders.list({ sessionId: created.id });
    await omni.orders.updateSettings({ statusPageUrl: 'https://sdk-shop.example/orders' });
    const shipment = await omni.orders.addShipment(order!.id, { carrier: 'DHL', trackingNumber: 'JD0146', trackingUrl: 'https://dhl.example/JD0146' });
    expect(shipment).toMatchObject({ object: 'shipment', items: [{ lineItemId: 'beans', quantity: 2 }] });
    await expect(omni.orders.cancel(order!.id)).rejects.toMatchObject({ status: 409, code: 'order_transition_not_allowed' });
    const delivered = await omni.orders.addDeliveryEvent(order!.id, 'delivered');
    expect(delivered.state).toBe('delivered');
    expect(delivered.statusUrl).toBe(`https://sdk-shop.example/orders#order-status=${delivered.statusToken}`);

    // The shopper asks for a return of one bag from the status link.
    const asked = await fetch(`${apiBase}/v1/client/order-status/returns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${delivered.statusToken}`, 'omni-publishable-key': PUBLISHABLE_KEY, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ lineItemId: 'beans', quantity: 1 }], reason: 'Too strong' }),
    });
    const returnId = ((await asked.json()) as { returns: { id: string }[] }).returns[0]!.id;
    const approved = await omni.returns.approve(returnId, { instructions: 'Send it back in its bag' });
    expect(approved).toMatchObject({ status: 'refunded', refund: { amount: 1500, status: 'succeeded' } });
    expect((await omni.orders.status(order!.id)).state).toBe('partially_refunded');

    await worker.runOnce();
    const shipped = processed.find((e) => isEvent(e, 'order.shipped') && e.data.object.orderId === order!.id);
    if (!shipped || !isEvent(shipped, 'order.shipped')) throw new Error('no order.shipped');
    expect(shipped.data.object.shipments[0]).toMatchObject({ carrier: 'DHL', trackingNumber: 'JD0146' });
    // Deliveries run in parallel: each lifecycle event once, in any order.
    const types = processed.filter((e) => e.type !== 'checkout.session.completed' && (e.data.object as { orderId?: string }).orderId === order!.id).map((e) => e.type);
    expect(types.sort()).toEqual(['order.delivered', 'order.shipped', 'return.approved', 'return.refunded', 'return.requested']);
  });

  it('marks a cash-on-delivery order paid, and refuses another; the other move after one is a 409', async () => {
    const codKey = 'sk_test_node_sdk_cod_000000000000000001';
    const codPk = 'pk_test_node_sdk_cod_01';
    await storage.upsertMerchant({
      name: 'Sklep',
      publishableKey: codPk,
      secretKey: codKey,
      allowedOrigins: [ORIGIN],
      paymentMethods: { countries: { PL: { enable: ['cash_on_delivery'] } }, cashOnDelivery: { maximum: { PLN: 100_000 }, fee: { PLN: 700 } } },
    });
    const shop = new OmniCheckout({ secretKey: codKey, apiBase, retryBaseDelayMs: 1 });
    const order = async () => {
      const created = await shop.sessions.create({ ...SESSION, country: 'PL', currency: 'PLN' });
      expect(created.session.paymentMethods).toContainEqual({ type: 'cash_on_delivery', provider: 'cash_on_delivery', available: true, fee: 700 });
      const call = (path: string, body: unknown, extra: Record<string, string> = {}) =>
        fetch(`${apiBase}/v1/client/checkout-sessions/${created.id}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.clientSecret}`, 'omni-publishable-key': codPk, origin: ORIGIN, 'content-type': 'application/json', ...extra },
          body: JSON.stringify(body),
        });
      await call('/contact', { email: 'jan@example.com' });
      await call('/shipping-address', { name: 'Jan Kowalski', line1: 'ul. Długa 5', city: 'Warszawa', postalCode: '00-950', country: 'PL' });
      const confirmed = await call('/confirm', { paymentMethod: 'cash_on_delivery', provider: 'cash_on_delivery' }, { 'idempotency-key': crypto.randomUUID() });
      return ((await confirmed.json()) as { order: { id: string; status: string; amount: number } }).order;
    };
    const delivered = await order();
    expect(delivered).toMatchObject({ status: 'authorized', amount: 3500 + 700 });
    expect(await shop.orders.markCashOnDeliveryPaid(delivered.id)).toMatchObject({ status: 'paid', amountCaptured: 4200 });
    await expect(shop.orders.markCashOnDeliveryRefused(delivered.id)).rejects.toMatchObject({ status: 409, code: 'cash_on_delivery_not_pending' });
    const returned = await order();
    expect(await shop.orders.markCashOnDeliveryRefused(returned.id)).toMatchObject({ status: 'canceled', amountCaptured: 0 });
    await expect(shop.orders.markCashOnDeliveryPaid(returned.id)).rejects.toMatchObject({ status: 409, code: 'cash_on_delivery_not_pending' });
  });

  it('creates a session once even when the answer is lost (the retry carries the same key), and retries a create after a 503', async () => {
    const sessions = async () =>
      Number((await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM checkout_sessions s JOIN merchants m ON m.id = s.merchant_id WHERE m.publishable_key = $1`, [PUBLISHABLE_KEY])).rows[0]!.n);
    const before = await sessions();
    // The request arrives and the session is created; its answer is lost on the way back.
    const { client: flaky, keys, faults } = flakyClient({ lost: 1, unavailable: 0 });
    const created = await flaky.sessions.create(SESSION);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await sessions()).toBe(before + 1);
    expect(await omni.sessions.retrieve(created.id)).toMatchObject({ id: created.id, status: 'open' });
    // A 503 before the backend did anything: retried with the same key, one session.
    keys.length = 0;
    faults.unavailable = 1;
    await flaky.sessions.create(SESSION);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await sessions()).toBe(before + 2);
    // Without a key of the caller's, each call is a new session.
    expect((await omni.sessions.create(SESSION)).id).not.toBe((await omni.sessions.create(SESSION)).id);
  });

  it("answers the same session to a repeated create with the caller's own key, and 422 for that key with another cart", async () => {
    const first = await omni.sessions.create(SESSION, { idempotencyKey: 'sdk-checkout-7' });
    expect((await pay(first.id, first.clientSecret)).status).toBe(200);
    // Another process, the same checkout: the same session and client secret, paid by now.
    const again = await new OmniCheckout({ secretKey: SECRET_KEY, apiBase }).sessions.create(SESSION, { idempotencyKey: 'sdk-checkout-7' });
    expect(again).toMatchObject({ id: first.id, clientSecret: first.clientSecret, session: { status: 'complete' } });
    const changed = { ...SESSION, lineItems: [{ ...SESSION.lineItems[0]!, quantity: 3 }] };
    await expect(omni.sessions.create(changed, { idempotencyKey: 'sdk-checkout-7' })).rejects.toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    await expect(omni.sessions.create(SESSION, { idempotencyKey: 'not a key' })).rejects.toMatchObject({ status: 400, code: 'idempotency_key_required' });
  });
});
