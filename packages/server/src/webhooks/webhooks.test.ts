/**
 * Merchant webhooks end to end, on PGlite and PostgreSQL: endpoints registered through the API,
 * events emitted with their effect, delivered through the outbox over real HTTP to a loopback
 * receiver, signed to Standard Webhooks (verified with the `standardwebhooks` package), retried
 * after a failing endpoint until it recovers, given up at the attempt limit, logged per endpoint,
 * redelivered by hand, and signed with two secrets while one is rolled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { KnownWebhookEvent, type WebhookEndpointWithSecret } from '@omni-checkout/core';
import { createLogger } from '../logger.js';
import { createOutboxWorker, type OutboxWorker } from '../notifications/outbox.js';
import { onEachDatabase } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, merchantPost, SAMPLE_SESSION, type TestEnv, type TestMerchant } from '../test/env.js';
import { startReceiver, type Receiver } from '../test/webhook-receiver.js';
import { createWebhookSender, merchantWebhookTemplate, MERCHANT_WEBHOOK_TEMPLATE } from './delivery.js';
import { emitMerchantEvent, webhookStore } from './store.js';

const silent = createLogger({ level: 'silent' });
const noMail = { send: async () => undefined, close: () => undefined };

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const headersOf = (r: { headers: Record<string, string | string[] | undefined> }) =>
  Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));

onEachDatabase((dbName, getDb) => {
  describe(`merchant webhooks on ${dbName}`, () => {
    let env: TestEnv;
    let merchant: TestMerchant;
    let endpoint: WebhookEndpointWithSecret;
    let worker: OutboxWorker;
    let failures = 0;

    const deliveredTo = (eventType: string) =>
      receiver.received.filter((r) => r.status === 200 && (JSON.parse(r.body) as { type: string }).type === eventType);

    async function paidSession() {
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      await client.fill();
      expect((await client.confirm('pm_ok')).status).toBe(200);
      return created;
    }

    beforeAll(async () => {
      env = await createTestEnv({ db: getDb(), app: { db: getDb(), allowHttpWebhooks: true } });
      merchant = await createMerchant(env, 'Webhook Shop');
      const store = webhookStore(getDb());
      worker = createOutboxWorker({
        db: getDb(),
        mailer: noMail,
        sms: noMail,
        templates: { [MERCHANT_WEBHOOK_TEMPLATE]: merchantWebhookTemplate(store) },
        webhooks: createWebhookSender({ store, logger: silent, timeoutMs: 2000, onFailure: () => failures++ }),
        logger: silent,
        maxAttempts: 4,
        // Due again at once: the test drives the passes itself.
        retryDelayMs: () => 0,
      });
    });

    it('registers an endpoint through the API and answers its Standard Webhooks secret once', async () => {
      const response = await merchantPost(env, merchant, '/v1/webhook-endpoints', { url: receiver.url, events: ['*'], description: 'ops' });
      expect(response.status).toBe(201);
      endpoint = (await response.json()) as WebhookEndpointWithSecret;
      expect(endpoint).toMatchObject({ object: 'webhook_endpoint', url: receiver.url, events: ['*'], enabled: true });
      expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
      const read = await (await merchantGet(env, merchant, `/v1/webhook-endpoints/${endpoint.id}`)).json();
      expect(read).not.toHaveProperty('secret');
      // Another merchant cannot see it.
      const other = await createMerchant(env, 'Other');
      expect((await merchantGet(env, other, `/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(404);
      const bad = await merchantPost(env, merchant, '/v1/webhook-endpoints', { url: 'ftp://x.example', events: ['order.paid'] });
      expect(bad.status).toBe(400);
      // An app that does not allow http:// (production) refuses the loopback URL; this suite's app allows it.
      const strict = await createTestEnv({ db: getDb(), app: { db: getDb() } });
      const refused = await merchantPost(strict, merchant, '/v1/webhook-endpoints', { url: receiver.url, events: ['order.paid'] });
      expect([refused.status, ((await refused.json()) as { error: { message: string } }).error.message]).toEqual([400, 'Webhook endpoints must use https:// in production.']);
    });

    it('delivers order.paid and checkout.session.completed signed, retrying a failing endpoint until it recovers', async () => {
      receiver.received.length = 0;
      receiver.status = 500;
      const created = await paidSession();
      const { rows } = await getDb().query<{ type: string; id: string }>(
        `SELECT type, id FROM merchant_events WHERE data->'object'->>'sessionId' = $1 OR data->'object'->>'id' = $1 ORDER BY type`,
        [created.id],
      );
      expect(rows.map((r) => r.type)).toEqual(['checkout.session.completed', 'order.paid']);
      // Enqueued as the settlement wrote them (one statement since the sixth pass): the order, then the session.
      const { rows: enqueued } = await getDb().query<{ type: string }>(
        `SELECT e.type FROM outbox o JOIN merchant_events e ON e.id = o.payload->>'eventId' WHERE e.id = ANY($1) ORDER BY o.id`,
        [rows.map((r) => r.id)],
      );
      expect(enqueued.map((r) => r.type)).toEqual(['order.paid', 'checkout.session.completed']);

      await worker.runOnce();
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received.every((r) => r.status === 500)).toBe(true);
      receiver.status = 200;
      await worker.runOnce();
      expect(deliveredTo('order.paid')).toHaveLength(1);
      expect(deliveredTo('checkout.session.completed')).toHaveLength(1);

      const paid = deliveredTo('order.paid')[0]!;
      const verified = new Webhook(endpoint.secret).verify(paid.body, headersOf(paid));
      const event = KnownWebhookEvent.parse(verified);
      expect(event.type).toBe('order.paid');
      if (event.type !== 'order.paid') throw new Error('unreachable');
      expect(event.data.object).toMatchObject({ sessionId: created.id, amount: 2 * 1999 + 850 + 495, currency: 'EUR', status: 'paid' });
      expect(event.data.object).not.toHaveProperty('contact');
      // The same id on both attempts: the receiver de-duplicates by it.
      const ids = receiver.received.filter((r) => JSON.parse(r.body).type === 'order.paid').map((r) => r.headers['webhook-id']);
      expect(ids).toEqual([event.id, event.id]);
      // A tampered body fails verification.
      expect(() => new Webhook(endpoint.secret).verify(paid.body.replace('"paid"', '"refunded"'), headersOf(paid))).toThrow();

      const log = (await (await merchantGet(env, merchant, `/v1/webhook-endpoints/${endpoint.id}/deliveries`)).json()) as {
        data: { eventId: string; attempt: number; statusCode: number | null }[];
      };
      expect(log.data.filter((d) => d.eventId === event.id).map((d) => [d.attempt, d.statusCode])).toEqual([
        [2, 200],
        [1, 500],
      ]);
      expect(failures).toBeGreaterThanOrEqual(2);
    });

    it('sends payment.failed for a declined attempt', async () => {
      receiver.received.length = 0;
      const created = await createSession(env, merchant);
      const client = clientFor(env, merchant, created);
      await client.fill();
      expect((await client.confirm('pm_decline')).status).toBe(402);
      await worker.runOnce();
      const [failed] = deliveredTo('payment.failed');
      const event = KnownWebhookEvent.parse(new Webhook(endpoint.secret).verify(failed!.body, headersOf(failed!)));
      expect(event.type === 'payment.failed' && event.data.object).toMatchObject({ id: created.id, attempt: 1, error: { code: 'card_declined' } });
    });

    it('sends order.authorized for a manual-capture payment and order.canceled when it is voided, signed', async () => {
      receiver.received.length = 0;
      const created = await createSession(env, merchant, { ...SAMPLE_SESSION, captureMethod: 'manual' });
      const client = clientFor(env, merchant, created);
      await client.fill();
      const { order } = (await (await client.confirm('pm_ok')).json()) as { order: { id: string } };
      expect((await merchantPost(env, merchant, `/v1/orders/${order.id}/cancel`, {})).status).toBe(200);
      await worker.runOnce();
      const verified = (type: string) => {
        const [delivery] = deliveredTo(type);
        return KnownWebhookEvent.parse(new Webhook(endpoint.secret).verify(delivery!.body, headersOf(delivery!)));
      };
      const authorized = verified('order.authorized');
      const canceled = verified('order.canceled');
      expect(authorized.type === 'order.authorized' && authorized.data.object).toMatchObject({ id: order.id, status: 'authorized', amountCaptured: 0 });
      expect(canceled.type === 'order.canceled' && canceled.data.object).toMatchObject({ id: order.id, status: 'canceled', amountCaptured: 0 });
      expect(deliveredTo('order.paid')).toHaveLength(0);
      // A tampered body fails verification.
      const [delivery] = deliveredTo('order.canceled');
      expect(() => new Webhook(endpoint.secret).verify(delivery!.body.replace('"canceled"', '"paid"'), headersOf(delivery!))).toThrow();
    });

    it('gives up after the attempt limit, keeps the log, and redelivers by hand with the same webhook-id', async () => {
      receiver.received.length = 0;
      receiver.status = 503;
      const created = await paidSession();
      for (let pass = 0; pass < 6; pass++) await worker.runOnce();
      const attempts = receiver.received.filter((r) => JSON.parse(r.body).data.object.sessionId === created.id);
      expect(attempts).toHaveLength(4);
      const eventId = String(attempts[0]!.headers['webhook-id']);
      const { rows } = await getDb().query<{ status: string }>(`SELECT status FROM outbox WHERE dedupe_key = $1`, [`webhook:${eventId}:${endpoint.id}`]);
      expect(rows).toEqual([{ status: 'dead' }]);

      receiver.status = 200;
      const again = await merchantPost(env, merchant, `/v1/webhook-endpoints/${endpoint.id}/redeliver`, { eventId });
      expect(again.status).toBe(202);
      await worker.runOnce();
      const last = receiver.received.at(-1)!;
      expect([last.status, last.headers['webhook-id']]).toEqual([200, eventId]);
      const unknown = await merchantPost(env, merchant, `/v1/webhook-endpoints/${endpoint.id}/redeliver`, { eventId: 'evt_nope' });
      expect([unknown.status, ((await unknown.json()) as { error: { code: string } }).error.code]).toEqual([404, 'event_not_found']);
    });

    it('signs with both secrets while one is rolled, and only the new one after the old expires', async () => {
      const oldSecret = endpoint.secret;
      const rotated = await merchantPost(env, merchant, `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {});
      expect(rotated.status).toBe(200);
      const { secret: newSecret, previousSecretExpiresAt } = (await rotated.json()) as WebhookEndpointWithSecret;
      expect(newSecret).not.toBe(oldSecret);
      expect(previousSecretExpiresAt).not.toBeNull();

      receiver.received.length = 0;
      await paidSession();
      await worker.runOnce();
      const during = deliveredTo('order.paid')[0]!;
      expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
      for (const secret of [oldSecret, newSecret]) expect(() => new Webhook(secret).verify(during.body, headersOf(during))).not.toThrow();

      await merchantPost(env, merchant, `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { previousSecretExpiresInSeconds: 0 });
      const latest = (await (await merchantGet(env, merchant, `/v1/webhook-endpoints/${endpoint.id}`)).json()) as { id: string };
      expect(latest.id).toBe(endpoint.id);
      receiver.received.length = 0;
      await paidSession();
      await worker.runOnce();
      const after = deliveredTo('order.paid')[0]!;
      expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(() => new Webhook(newSecret).verify(after.body, headersOf(after))).toThrow();
    });

    it('lets a later feature emit its own event type once per key, to endpoints subscribed to it', async () => {
      const only = (await (
        await merchantPost(env, merchant, '/v1/webhook-endpoints', { url: receiver.url, events: ['order.fulfilled'] })
      ).json()) as WebhookEndpointWithSecret;
      const { rows } = await getDb().query<{ merchant_id: string }>('SELECT merchant_id FROM webhook_endpoints WHERE id = $1', [only.id]);
      const merchantId = rows[0]!.merchant_id;
      const emit = () =>
        getDb().transaction((tx) =>
          emitMerchantEvent(tx, { merchantId, type: 'order.fulfilled', key: 'order.fulfilled:ord_x', livemode: false, object: { object: 'order', id: 'ord_x' } }),
        );
      receiver.received.length = 0;
      const first = await emit();
      expect(first).toMatch(/^evt_/);
      expect(await emit()).toBeNull();
      await worker.runOnce();
      // Both endpoints ('*' and 'order.fulfilled') get it once, each signed with its own secret.
      const got = receiver.received.filter((r) => r.headers['webhook-id'] === first);
      expect(got).toHaveLength(2);
      const verifies = (r: (typeof got)[number]) => {
        try {
          new Webhook(only.secret).verify(r.body, headersOf(r));
          return true;
        } catch {
          return false;
        }
      };
      expect(got.filter(verifies)).toHaveLength(1);
      const events = (await (await merchantGet(env, merchant, '/v1/events?type=order.fulfilled')).json()) as { data: { id: string }[] };
      expect(events.data.map((e) => e.id)).toEqual([first]);
    });
  });
});
