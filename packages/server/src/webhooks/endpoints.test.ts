/**
 * The merchant's webhook endpoint API beyond registration (found by the mutation run,
 * docs/mutation.md): listing, changing, switching off and removing an endpoint, the https-only rule
 * on every change, one merchant never reaching another's endpoints or events, the default secret
 * overlap of 24 hours, and the sender's log of what each attempt got.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret, WebhookEvent } from '@omni-checkout/core';
import { createLogger } from '../logger.js';
import { createOutboxWorker, type OutboxWorker } from '../notifications/outbox.js';
import { usePglite } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, merchantPost, type TestEnv, type TestMerchant } from '../test/env.js';
import { startReceiver, type Receiver } from '../test/webhook-receiver.js';
import { createWebhookSender, merchantWebhookTemplate, MERCHANT_WEBHOOK_TEMPLATE, signedHeaders } from './delivery.js';
import { signingSecrets, webhookStore, type EndpointRecord } from './store.js';

const silent = createLogger({ level: 'silent' });
const noMail = { send: async () => undefined, close: () => undefined };
const getDb = usePglite();

type ErrorAnswer = { error: { code: string; message: string } };

let env: TestEnv;
let shop: TestMerchant;
let other: TestMerchant;
let receiver: Receiver;
let worker: OutboxWorker;

beforeAll(async () => {
  receiver = await startReceiver();
  env = await createTestEnv({ db: getDb(), app: { db: getDb(), allowHttpWebhooks: true } });
  shop = await createMerchant(env, 'Endpoint Shop');
  other = await createMerchant(env, 'Someone Else');
  const store = webhookStore(getDb());
  worker = createOutboxWorker({
    db: getDb(),
    mailer: noMail,
    sms: noMail,
    templates: { [MERCHANT_WEBHOOK_TEMPLATE]: merchantWebhookTemplate(store) },
    webhooks: createWebhookSender({ store, logger: silent, timeoutMs: 2000 }),
    logger: silent,
    maxAttempts: 2,
    retryDelayMs: () => 0,
  });
});
afterAll(() => receiver.close());

const request = (m: TestMerchant, method: string, path: string) =>
  env.app.request(path, { method, headers: { authorization: `Bearer ${m.secretKey}` } });
const register = async (m: TestMerchant, body: Record<string, unknown>) => {
  const response = await merchantPost(env, m, '/v1/webhook-endpoints', body);
  expect(response.status).toBe(201);
  return (await response.json()) as WebhookEndpointWithSecret;
};
const errorOf = async (response: Response) => [response.status, ((await response.json()) as ErrorAnswer).error.code];

async function paidSession(m: TestMerchant) {
  const created = await createSession(env, m);
  const client = clientFor(env, m, created);
  await client.fill();
  expect((await client.confirm('pm_ok')).status).toBe(200);
  return created;
}

describe('webhook endpoints', () => {
  it('lists only the merchant’s own endpoints, oldest first, without their secrets, and stores each event type once', async () => {
    const merchant = await createMerchant(env, 'Lister');
    const first = await register(merchant, { url: 'https://a.example/hooks', events: ['order.paid', 'order.paid', 'payment.failed'] });
    expect(first.events).toEqual(['order.paid', 'payment.failed']);
    expect(first.description).toBeNull();
    const second = await register(merchant, { url: 'https://b.example/hooks', events: ['*'], description: 'ops' });
    await register(other, { url: 'https://c.example/hooks', events: ['*'] });

    const listed = await merchantGet(env, merchant, '/v1/webhook-endpoints');
    expect(listed.status).toBe(200);
    const { data } = (await listed.json()) as { data: WebhookEndpoint[] };
    expect(data.map((e) => [e.id, e.url, e.description])).toEqual([
      [first.id, 'https://a.example/hooks', null],
      [second.id, 'https://b.example/hooks', 'ops'],
    ]);
    for (const endpoint of data) {
      expect(Object.keys(endpoint)).not.toContain('secret');
      expect(Object.keys(endpoint)).not.toContain('previousSecret');
      expect(Object.keys(endpoint)).not.toContain('merchantId');
    }
  });

  it('asks for the secret key on every endpoint and event route', async () => {
    for (const [method, path] of [
      ['GET', '/v1/webhook-endpoints'],
      ['GET', '/v1/webhook-endpoints/we_000000000000000000000000'],
      ['DELETE', '/v1/webhook-endpoints/we_000000000000000000000000'],
      ['GET', '/v1/events'],
      ['GET', '/v1/events/evt_x'],
    ]) {
      const anonymous = await env.app.request(path!, { method });
      expect([path, anonymous.status]).toEqual([path, 401]);
      const publishable = await env.app.request(path!, { method, headers: { authorization: `Bearer ${shop.publishableKey}` } });
      expect([path, publishable.status]).toEqual([path, 401]);
    }
  });

  it('changes url, events, description and enabled; keeps what the change leaves out; stores a new description and clears it with null', async () => {
    const endpoint = await register(shop, { url: 'https://old.example/hooks', events: ['order.paid'], description: 'first' });
    const path = `/v1/webhook-endpoints/${endpoint.id}`;

    const renamed = await merchantPost(env, shop, path, { url: 'https://new.example/hooks' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ url: 'https://new.example/hooks', events: ['order.paid'], description: 'first', enabled: true });

    const changed = await merchantPost(env, shop, path, { events: ['payment.failed', 'payment.failed'], enabled: false });
    expect(await changed.json()).toMatchObject({ url: 'https://new.example/hooks', events: ['payment.failed'], description: 'first', enabled: false });

    const described = await merchantPost(env, shop, path, { description: 'second' });
    expect(await described.json()).toMatchObject({ description: 'second', events: ['payment.failed'] });
    expect(((await (await merchantGet(env, shop, path)).json()) as WebhookEndpoint).description).toBe('second');

    const cleared = await merchantPost(env, shop, path, { description: null });
    expect(await cleared.json()).toMatchObject({ description: null, enabled: false, events: ['payment.failed'] });

    const read = (await (await merchantGet(env, shop, path)).json()) as WebhookEndpoint;
    expect(read).toMatchObject({ url: 'https://new.example/hooks', events: ['payment.failed'], description: null, enabled: false });
    expect(read).not.toHaveProperty('secret');
  });

  it('refuses an http:// URL on a change in production, as on registration', async () => {
    const strict = await createTestEnv({ db: getDb(), app: { db: getDb() } });
    const endpoint = await register(shop, { url: 'https://kept.example/hooks', events: ['order.paid'] });
    const refused = await strict.app.request(`/v1/webhook-endpoints/${endpoint.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://plain.example/hooks' }),
    });
    // The form can mark the field: the issue names `url`.
    const answer = (await refused.json()) as ErrorAnswer & { error: { issues?: { path: string; message: string }[] } };
    expect([refused.status, answer.error.code, answer.error.issues?.map((issue) => issue.path)]).toEqual([400, 'validation_failed', ['url']]);
    const kept = (await (await merchantGet(env, shop, `/v1/webhook-endpoints/${endpoint.id}`)).json()) as WebhookEndpoint;
    expect(kept.url).toBe('https://kept.example/hooks');
    // An https:// URL is fine in production, on registration and on a change; so is a change without a URL.
    const secure = await strict.app.request('/v1/webhook-endpoints', {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://secure.example/hooks', events: ['order.paid'] }),
    });
    expect(secure.status).toBe(201);
    const moved = await strict.app.request(`/v1/webhook-endpoints/${endpoint.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://moved.example/hooks' }),
    });
    expect(moved.status).toBe(200);
    const disabled = await strict.app.request(`/v1/webhook-endpoints/${endpoint.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(disabled.status).toBe(200);
  });

  it('never lets another merchant read, change, remove, rotate, read the log of or redeliver to an endpoint', async () => {
    const endpoint = await register(shop, { url: 'https://mine.example/hooks', events: ['*'] });
    const path = `/v1/webhook-endpoints/${endpoint.id}`;
    const answers = [
      await merchantGet(env, other, path),
      await merchantPost(env, other, path, { enabled: false }),
      await request(other, 'DELETE', path),
      await merchantPost(env, other, `${path}/rotate-secret`, {}),
      await merchantGet(env, other, `${path}/deliveries`),
      await merchantPost(env, other, `${path}/redeliver`, { eventId: 'evt_x' }),
    ];
    for (const answer of answers) expect(await errorOf(answer)).toEqual([404, 'webhook_endpoint_not_found']);
    // Nothing changed for its owner.
    const mine = (await (await merchantGet(env, shop, path)).json()) as WebhookEndpoint;
    expect(mine.enabled).toBe(true);
    expect(mine.previousSecretExpiresAt).toBeNull();
  });

  it('removes an endpoint: 200 with deleted, then 404 everywhere, and its pending deliveries stop', async () => {
    const merchant = await createMerchant(env, 'Remover');
    const endpoint = await register(merchant, { url: receiver.url, events: ['order.paid'] });
    await paidSession(merchant);
    const pending = await getDb().query<{ status: string }>(`SELECT status FROM outbox WHERE channel = 'webhook' AND payload->>'endpointId' = $1`, [
      endpoint.id,
    ]);
    expect(pending.rows).toEqual([{ status: 'pending' }]);

    const removed = await request(merchant, 'DELETE', `/v1/webhook-endpoints/${endpoint.id}`);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ id: endpoint.id, deleted: true });
    const after = await getDb().query<{ status: string; last_error: string }>(
      `SELECT status, last_error FROM outbox WHERE channel = 'webhook' AND payload->>'endpointId' = $1`,
      [endpoint.id],
    );
    expect(after.rows).toEqual([{ status: 'dead', last_error: 'endpoint deleted' }]);
    expect(await errorOf(await merchantGet(env, merchant, `/v1/webhook-endpoints/${endpoint.id}`))).toEqual([404, 'webhook_endpoint_not_found']);
    expect(await errorOf(await request(merchant, 'DELETE', `/v1/webhook-endpoints/${endpoint.id}`))).toEqual([404, 'webhook_endpoint_not_found']);
    expect(await errorOf(await merchantPost(env, merchant, `/v1/webhook-endpoints/${endpoint.id}`, { enabled: true }))).toEqual([
      404,
      'webhook_endpoint_not_found',
    ]);
    expect(await errorOf(await merchantPost(env, merchant, `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {}))).toEqual([
      404,
      'webhook_endpoint_not_found',
    ]);
    // The event itself stays readable.
    const events = (await (await merchantGet(env, merchant, '/v1/events')).json()) as { data: WebhookEvent[] };
    expect(events.data.map((e) => e.type)).toContain('order.paid');
  });

  it('keeps the previous secret signing for 24 hours by default, and for the seconds asked', async () => {
    const endpoint = await register(shop, { url: 'https://roll.example/hooks', events: ['*'] });
    const rotated = (await (await merchantPost(env, shop, `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {})).json()) as WebhookEndpointWithSecret;
    expect(new Date(rotated.previousSecretExpiresAt!).getTime()).toBe(env.clock.now.getTime() + 24 * 3600 * 1000);
    const short = (await (
      await merchantPost(env, shop, `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { previousSecretExpiresInSeconds: 90 })
    ).json()) as WebhookEndpointWithSecret;
    expect(new Date(short.previousSecretExpiresAt!).getTime()).toBe(env.clock.now.getTime() + 90_000);
    expect(short.secret).not.toBe(rotated.secret);
  });

  it('answers a merchant only its own events, newest first, filtered by type', async () => {
    const merchant = await createMerchant(env, 'Events');
    await register(merchant, { url: 'https://ev.example/hooks', events: ['*'] });
    const first = await paidSession(merchant);
    const second = await paidSession(merchant);
    const listed = (await (await merchantGet(env, merchant, '/v1/events?type=order.paid')).json()) as { data: WebhookEvent[] };
    expect(listed.data.map((e) => [e.type, (e.data.object as { sessionId: string }).sessionId])).toEqual([
      ['order.paid', second.id],
      ['order.paid', first.id],
    ]);
    const all = (await (await merchantGet(env, merchant, '/v1/events')).json()) as { data: WebhookEvent[] };
    expect(new Set(all.data.map((e) => e.type))).toEqual(new Set(['order.paid', 'checkout.session.completed']));
    expect(all.data).toHaveLength(4);

    const one = await merchantGet(env, merchant, `/v1/events/${listed.data[0]!.id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as WebhookEvent).id).toBe(listed.data[0]!.id);
    expect(await errorOf(await merchantGet(env, other, `/v1/events/${listed.data[0]!.id}`))).toEqual([404, 'event_not_found']);
    const mine = (await (await merchantGet(env, other, '/v1/events')).json()) as { data: WebhookEvent[] };
    expect(mine.data.map((e) => e.id)).not.toContain(listed.data[0]!.id);
    // Redelivering another merchant's event to one's own endpoint is refused.
    const own = await register(other, { url: 'https://o.example/hooks', events: ['*'] });
    const stolen = await merchantPost(env, other, `/v1/webhook-endpoints/${own.id}/redeliver`, { eventId: listed.data[0]!.id });
    expect(await errorOf(stolen)).toEqual([404, 'event_not_found']);
  });
});

describe('webhook delivery', () => {
  it('sends nothing to an endpoint switched off, and sends again once it is on', async () => {
    const merchant = await createMerchant(env, 'Switch');
    const endpoint = await register(merchant, { url: receiver.url, events: ['order.paid'] });
    await merchantPost(env, merchant, `/v1/webhook-endpoints/${endpoint.id}`, { enabled: false });
    receiver.received.length = 0;
    const created = await paidSession(merchant);
    await worker.runOnce();
    expect(receiver.received).toHaveLength(0);

    await merchantPost(env, merchant, `/v1/webhook-endpoints/${endpoint.id}`, { enabled: true });
    await paidSession(merchant);
    await worker.runOnce();
    expect(receiver.received.map((r) => JSON.parse(r.body).data.object.sessionId)).not.toContain(created.id);
    expect(receiver.received).toHaveLength(1);
  });

  it('logs each attempt with its status or error, newest first, and counts a redirect as a failure', async () => {
    const merchant = await createMerchant(env, 'Logger');
    const endpoint = await register(merchant, { url: receiver.url, events: ['order.paid'] });
    receiver.status = 302;
    try {
      await paidSession(merchant);
      await worker.runOnce();
      receiver.status = 200;
      await worker.runOnce();
    } finally {
      receiver.status = 200;
    }
    const log = await merchantGet(env, merchant, `/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    expect(log.status).toBe(200);
    const { data } = (await log.json()) as { data: WebhookDelivery[] };
    expect(data.map((d) => [d.attempt, d.statusCode, d.error, d.eventType])).toEqual([
      [2, 200, null, 'order.paid'],
      [1, 302, 'HTTP 302', 'order.paid'],
    ]);
    expect(data.every((d) => d.durationMs >= 0 && d.id.startsWith('whd_'))).toBe(true);
  });

  it('logs an endpoint that does not answer as an error without a status, and reports the failure', async () => {
    const store = webhookStore(getDb());
    const merchant = await createMerchant(env, 'Unreachable');
    const endpoint = await register(merchant, { url: receiver.url, events: ['order.paid'] });
    const created = await paidSession(merchant);
    const events = (await (await merchantGet(env, merchant, '/v1/events?type=order.paid')).json()) as { data: WebhookEvent[] };
    const failed: string[] = [];
    const sender = createWebhookSender({
      store,
      logger: silent,
      onFailure: (message) => failed.push(message.eventId),
      fetch: async () => {
        throw new TypeError('fetch failed: ' + 'x'.repeat(600));
      },
    });
    const message = { endpointId: endpoint.id, eventId: events.data[0]!.id, url: receiver.url, body: '{}', secrets: [endpoint.secret], attempt: 1 };
    await expect(sender.send(message)).rejects.toThrow(`webhook ${events.data[0]!.id} to ${endpoint.id}: TypeError: fetch failed`);
    expect(failed).toEqual([events.data[0]!.id]);
    const [logged] = (await store.deliveries(endpoint.id))!.data;
    expect(logged).toMatchObject({ attempt: 1, statusCode: null });
    expect(logged!.error).toHaveLength(500);
    expect(logged!.error!.startsWith('TypeError: fetch failed')).toBe(true);
    expect(created.id).toMatch(/^cs_/);
  });

  it('signs an attempt with the Standard Webhooks headers, the timestamp in whole seconds', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const headers = signedHeaders({ eventId: 'evt_1', body: '{"a":1}', secrets: [secret, secret] }, new Date('2026-01-02T03:04:05.678Z'));
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'omni-checkout-webhooks/1',
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(Date.UTC(2026, 0, 2, 3, 4, 5) / 1000),
    });
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(headers['webhook-signature']!.split(' ').every((s) => s.startsWith('v1,'))).toBe(true);
  });

  it('signs with the previous secret only until the moment it expires', () => {
    const endpoint = { secret: 'whsec_new', previousSecret: 'whsec_old', previousSecretExpiresAt: '2026-01-01T00:00:00.000Z' } as EndpointRecord;
    expect(signingSecrets(endpoint, new Date('2025-12-31T23:59:59.999Z'))).toEqual(['whsec_new', 'whsec_old']);
    expect(signingSecrets(endpoint, new Date('2026-01-01T00:00:00.000Z'))).toEqual(['whsec_new']);
    expect(signingSecrets({ ...endpoint, previousSecretExpiresAt: null }, new Date('2025-01-01T00:00:00.000Z'))).toEqual(['whsec_new']);
    expect(signingSecrets({ ...endpoint, previousSecret: null }, new Date('2025-01-01T00:00:00.000Z'))).toEqual(['whsec_new']);
  });
});
