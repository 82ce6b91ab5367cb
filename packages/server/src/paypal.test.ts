/**
 * PayPal through the backend: `prepare` creates the order from the session, confirm captures it,
 * against the loopback fake of PayPal's REST API. One PGlite per file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfirmResponse, PrepareResponse } from '@omni-checkout/core';
import { createPayPalProvider } from '@omni-checkout/paypal/server';
import { startPayPalRestFake, type PayPalRestFake } from '@omni-checkout/paypal/testing';
import { newPublishableKey, newSecretKey, randomHex } from './crypto.js';
import { clientFor, countRows, createSession, createTestEnv, type TestEnv, type TestMerchant } from './test/env.js';

let env: TestEnv;
let fake: PayPalRestFake;
let paypal: ReturnType<typeof createPayPalProvider>;
let merchant: TestMerchant;

const certificateFetches: string[] = [];

beforeAll(async () => {
  fake = await startPayPalRestFake();
  paypal = createPayPalProvider({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    apiBase: fake.url,
    webhookId: fake.webhookId,
    webhookVerification: 'offline',
    // The fake signs with a throw-away certificate "at" PayPal's sandbox certificate URL.
    fetchCertificate: async (url) => {
      certificateFetches.push(url);
      return fake.certificate;
    },
  });
  env = await createTestEnv({ app: { providers: [paypal] } });
  const origin = `https://shop-${randomHex(4)}.example`;
  merchant = { publishableKey: newPublishableKey(), secretKey: newSecretKey(), origin };
  await env.storage.upsertMerchant({ name: 'PayPal shop', ...merchant, allowedOrigins: [origin], providerId: 'paypal' });
});

afterAll(async () => {
  await fake.close();
  await env.db.close();
});

async function paypalSession() {
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  return { created, client, prepare: (body: unknown, key = randomHex(8)) => client.post('/prepare', body, { 'idempotency-key': key }) };
}

describe('PayPal through the backend', () => {
  it('the session shows PayPal’s public config, never its secret', async () => {
    const { created } = await paypalSession();
    expect(created.session.provider).toEqual({ id: 'paypal', config: { clientId: fake.clientId, environment: 'sandbox', intent: 'capture' } });
    expect(JSON.stringify(created)).not.toContain(fake.clientSecret);
  });

  it('prepare needs contact, address and shipping first (express excepted), and an Idempotency-Key', async () => {
    const { client, prepare } = await paypalSession();
    expect((await prepare({ method: 'paypal' })).status).toBe(409);
    expect((await prepare({ method: 'paypal', express: true })).status).toBe(200);
    await client.fill();
    expect((await client.post('/prepare', { method: 'paypal' })).status).toBe(400);
  });

  it('creates the order with the session’s amount; an amount sent by the page is refused', async () => {
    const { created, client, prepare } = await paypalSession();
    await client.fill();
    const tampered = await prepare({ method: 'paypal', amount: 1 });
    expect(tampered.status).toBe(400);
    const response = await prepare({ method: 'paypal' });
    expect(response.status).toBe(200);
    const { reference } = (await response.json()) as PrepareResponse;
    const unit = fake.orders.get(reference)!.request.purchase_units[0]!;
    expect(unit.custom_id).toBe(created.id);
    expect(unit.amount.value).toBe('53.43'); // 2 × 19.99 + 8.50 + 4.95 standard shipping
  });

  it('a retried prepare (same Idempotency-Key) answers the same order', async () => {
    const { client, prepare } = await paypalSession();
    await client.fill();
    const a = (await (await prepare({ method: 'paypal' }, 'same-key')).json()) as PrepareResponse;
    const b = (await (await prepare({ method: 'paypal' }, 'same-key')).json()) as PrepareResponse;
    expect(a.reference).toBe(b.reference);
  });

  it('Venmo is refused outside the US', async () => {
    const { client, prepare } = await paypalSession();
    await client.fill();
    const response = await prepare({ method: 'venmo' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('provider_not_available');
  });

  it('approve → confirm captures once and records the order; a replayed confirm changes nothing', async () => {
    const { created, client, prepare } = await paypalSession();
    await client.fill();
    const { reference } = (await (await prepare({ method: 'paypal' })).json()) as PrepareResponse;
    fake.approve(reference);
    const first = await client.confirm(reference, 'attempt-1');
    expect(first.status).toBe(200);
    const body = (await first.json()) as ConfirmResponse;
    expect(body).toMatchObject({ status: 'succeeded', order: { amount: 5343, currency: 'EUR', provider: 'paypal', paymentReference: reference } });
    const again = await client.confirm(reference, 'attempt-1');
    expect(await again.json()).toEqual(body);
    expect(fake.captures.filter((c) => c.custom_id === created.id)).toHaveLength(1);
  });

  it('double submit: two confirms at once → one capture (R11, R35)', async () => {
    const { created, client, prepare } = await paypalSession();
    await client.fill();
    const { reference } = (await (await prepare({ method: 'paypal' })).json()) as PrepareResponse;
    fake.approve(reference);
    fake.captureDelayMs = 30;
    try {
      const statuses = (await Promise.all([client.confirm(reference, 'tab-1'), client.confirm(reference, 'tab-2')])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
    } finally {
      fake.captureDelayMs = 0;
    }
    expect(fake.captures.filter((c) => c.custom_id === created.id)).toHaveLength(1);
    // Exactly one order for this session (the database holds other tests' orders too).
    const orders = await env.db.query<{ n: string }>('SELECT count(*) AS n FROM orders WHERE session_id = $1', [created.id]);
    expect(Number(orders.rows[0]!.n)).toBe(1);
  });

  it('INSTRUMENT_DECLINED → 402 with the decline code; the buyer picks another source and pays', async () => {
    const { client, prepare } = await paypalSession();
    await client.fill();
    const { reference } = (await (await prepare({ method: 'paypal' })).json()) as PrepareResponse;
    fake.approve(reference, { declined: true });
    const declined = await client.confirm(reference, 'first');
    expect(declined.status).toBe(402);
    expect(await declined.json()).toMatchObject({ error: { code: 'card_declined', declineCode: 'instrument_declined' } });
    fake.approve(reference, { funding: 'paylater' });
    const paid = await client.confirm(reference, 'second');
    expect(paid.status).toBe(200);
  });

  it('an order of another checkout cannot pay this one', async () => {
    const a = await paypalSession();
    const b = await paypalSession();
    await a.client.fill();
    await b.client.fill();
    const { reference } = (await (await a.prepare({ method: 'paypal' })).json()) as PrepareResponse;
    fake.approve(reference);
    const response = await b.client.confirm(reference);
    expect(response.status).toBe(402);
    expect(fake.orders.get(reference)!.order.status).toBe('APPROVED');
  });

  it('prepare after the checkout is paid → 409', async () => {
    const { client, prepare } = await paypalSession();
    await client.fill();
    const { reference } = (await (await prepare({ method: 'paypal' })).json()) as PrepareResponse;
    fake.approve(reference);
    expect((await client.confirm(reference)).status).toBe(200);
    const late = await prepare({ method: 'paypal' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('session_completed');
  });

  it('re-prices a prepared order after a shipping change (express)', async () => {
    const { client, prepare } = await paypalSession();
    const { reference } = (await (await prepare({ method: 'paypal', express: true })).json()) as PrepareResponse;
    expect((await client.post('/shipping-option', { shippingOptionId: 'express' })).status).toBe(200);
    const again = (await (await prepare({ method: 'paypal', express: true, reference })).json()) as PrepareResponse;
    expect(again.reference).toBe(reference);
    expect(fake.orders.get(reference)!.order.purchase_units![0]!.amount!.value).toBe('61.43'); // express shipping: 12.95
  });
});

describe('PayPal webhooks through POST /v1/webhooks/paypal (R13, R14)', () => {
  const post = (delivery: { body: string; headers: Record<string, string> }) =>
    env.app.request('/v1/webhooks/paypal', { method: 'POST', headers: delivery.headers, body: delivery.body });

  /** PayPal captured, but the backend never recorded it (the process died between the capture and its commit). */
  async function capturedBehindOurBack() {
    const { created, client, prepare } = await paypalSession();
    await client.fill();
    const { reference } = (await (await prepare({ method: 'paypal' })).json()) as PrepareResponse;
    fake.approve(reference);
    const result = await paypal.createPayment({
      sessionId: created.id,
      amount: created.session.totals.total,
      currency: 'EUR',
      paymentMethod: reference,
      idempotencyKey: `${created.id}:confirm:lost`,
      metadata: {},
    });
    expect(result.status).toBe('succeeded');
    const capture = fake.captures.find((c) => c.custom_id === created.id)!;
    const completed = {
      id: `WH-${randomHex(8)}`,
      event_type: 'PAYMENT.CAPTURE.COMPLETED',
      resource_type: 'capture',
      resource: { ...capture, supplementary_data: { related_ids: { order_id: reference } } },
    };
    const denied = { ...completed, id: `WH-${randomHex(8)}`, event_type: 'PAYMENT.CAPTURE.DENIED', resource: { ...completed.resource, status: 'DECLINED' } };
    const approved = { id: `WH-${randomHex(8)}`, event_type: 'CHECKOUT.ORDER.APPROVED', resource_type: 'checkout-order', resource: fake.orders.get(reference)!.order };
    return { created, client, reference, completed, denied, approved };
  }

  async function outboxFor(sessionId: string): Promise<number> {
    const { rows } = await env.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM outbox WHERE dedupe_key LIKE $1`, [`%${sessionId}%`]);
    return Number(rows[0]!.n);
  }

  it('a verified capture completes the session the backend lost track of: one order, one email', async () => {
    const { created, client, reference, completed } = await capturedBehindOurBack();
    const response = await post(fake.signWebhook(completed));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    const session = (await (await client.get()).json()) as { status: string };
    expect(session.status).toBe('complete');
    const orders = (await env.storage.listOrders((await env.storage.merchantByPublishableKey(merchant.publishableKey))!.id, { sessionId: created.id }))?.data;
    expect(orders).toMatchObject([{ provider: 'paypal', paymentReference: reference, amount: 5343 }]);
    expect(await outboxFor(created.id)).toBe(1);
  });

  it('shuffled streams with duplicates and a stale denial end in the same state, with one email', async () => {
    for (let round = 0; round < 3; round++) {
      const { created, client, completed, denied, approved } = await capturedBehindOurBack();
      const stream = [completed, denied, approved, completed, denied, completed];
      // A different order each round (deterministic shuffles).
      const order = [stream, [...stream].reverse(), [stream[1]!, stream[2]!, stream[0]!, stream[4]!, stream[3]!, stream[5]!]][round]!;
      for (const event of order) expect((await post(fake.signWebhook(event))).status).toBe(200);
      expect(((await (await client.get()).json()) as { status: string }).status).toBe('complete');
      expect(await outboxFor(created.id)).toBe(1);
      expect(fake.captures.filter((c) => c.custom_id === created.id)).toHaveLength(1);
    }
  });

  /** The buyer approved in the PayPal window, which then closed: the page never confirmed. */
  async function approvedThenClosed() {
    const { created, client, prepare } = await paypalSession();
    await client.fill();
    const { reference } = (await (await prepare({ method: 'paypal' })).json()) as PrepareResponse;
    fake.approve(reference);
    const approved = { id: `WH-${randomHex(8)}`, event_type: 'CHECKOUT.ORDER.APPROVED', resource_type: 'checkout-order', resource: fake.orders.get(reference)!.order };
    expect(approved.resource.status).toBe('APPROVED');
    return { created, client, reference, approved };
  }

  const captured = (sessionId: string) => fake.captures.filter((c) => c.custom_id === sessionId).length;

  it('CHECKOUT.ORDER.APPROVED captures an order whose window closed: a paid order, one capture, one email; redelivery changes nothing', async () => {
    const { created, client, reference, approved } = await approvedThenClosed();
    const delivery = fake.signWebhook(approved);
    const response = await post(delivery);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    expect(((await (await client.get()).json()) as { status: string }).status).toBe('complete');
    const merchantId = (await env.storage.merchantByPublishableKey(merchant.publishableKey))!.id;
    expect((await env.storage.listOrders(merchantId, { sessionId: created.id }))?.data).toMatchObject([{ provider: 'paypal', paymentReference: reference, amount: 5343 }]);
    expect(captured(created.id)).toBe(1);
    expect(await outboxFor(created.id)).toBe(1);
    // PayPal redelivers (same event), and sends the event again under a new id: still one capture, one email.
    expect(await (await post(delivery)).json()).toEqual({ received: true, duplicate: true });
    expect((await post(fake.signWebhook({ ...approved, id: `WH-${randomHex(8)}` }))).status).toBe(200);
    expect(captured(created.id)).toBe(1);
    expect(await outboxFor(created.id)).toBe(1);
    // The page comes back and confirms the same order: it finds the checkout paid.
    expect((await client.confirm(reference, 'late-page')).status).toBe(409);
    expect(captured(created.id)).toBe(1);
  });

  it('CHECKOUT.ORDER.APPROVED racing the page’s confirm → one capture (serialised per session and per order)', async () => {
    for (let round = 0; round < 3; round++) {
      const { created, client, reference, approved } = await approvedThenClosed();
      fake.captureDelayMs = 20;
      try {
        const [page, hook] = await Promise.all([client.confirm(reference, `page-${round}`), post(fake.signWebhook(approved))]);
        expect(hook.status).toBe(200);
        expect([200, 409]).toContain(page.status);
      } finally {
        fake.captureDelayMs = 0;
      }
      expect(((await (await client.get()).json()) as { status: string }).status).toBe('complete');
      expect(captured(created.id)).toBe(1);
      expect(await outboxFor(created.id)).toBe(1);
    }
  });

  it('CHECKOUT.ORDER.APPROVED after the capture’s own events (out of order) captures nothing more', async () => {
    const { created, client, reference, approved } = await approvedThenClosed();
    expect((await client.confirm(reference, 'page')).status).toBe(200);
    const capture = fake.captures.find((c) => c.custom_id === created.id)!;
    const completed = {
      id: `WH-${randomHex(8)}`,
      event_type: 'PAYMENT.CAPTURE.COMPLETED',
      resource_type: 'capture',
      resource: { ...capture, supplementary_data: { related_ids: { order_id: reference } } },
    };
    for (const event of [completed, approved, completed]) expect((await post(fake.signWebhook(event))).status).toBe(200);
    expect(captured(created.id)).toBe(1);
    expect(await outboxFor(created.id)).toBe(1);
  });

  it('CHECKOUT.ORDER.APPROVED for an express order whose shopper details never reached us leaves the session open', async () => {
    const { created, client, prepare } = await paypalSession();
    const { reference } = (await (await prepare({ method: 'paypal', express: true })).json()) as PrepareResponse;
    fake.approve(reference);
    const approved = { id: `WH-${randomHex(8)}`, event_type: 'CHECKOUT.ORDER.APPROVED', resource_type: 'checkout-order', resource: fake.orders.get(reference)!.order };
    expect((await post(fake.signWebhook(approved))).status).toBe(200);
    expect(((await (await client.get()).json()) as { status: string }).status).toBe('open');
    expect(captured(created.id)).toBe(0);
  });

  it('refuses a forged event, a foreign cert_url (without fetching it) and a stale one with 400, changing nothing', async () => {
    const { client, completed } = await capturedBehindOurBack();
    const rows = await countRows(env.db);
    const before = certificateFetches.length;
    const genuine = fake.signWebhook(completed);
    const forged = { ...genuine, body: genuine.body.replace('"COMPLETED"', '"COMPLETED" ') };
    const foreign = fake.signWebhook(completed, { certUrl: 'https://attacker.example/v1/notifications/certs/CERT-1' });
    const stale = fake.signWebhook(completed, { time: new Date(Date.now() - 10 * 60_000) });
    for (const delivery of [forged, foreign, stale]) {
      const response = await post(delivery);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('webhook_signature_invalid');
    }
    expect(certificateFetches.slice(before).every((url) => url.startsWith('https://api.sandbox.paypal.com/'))).toBe(true);
    expect(await countRows(env.db)).toEqual(rows);
    expect(((await (await client.get()).json()) as { status: string }).status).toBe('open');
  });
});
