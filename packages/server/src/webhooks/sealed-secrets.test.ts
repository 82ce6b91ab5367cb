/**
 * Webhook signing secrets at rest: sealed with the data key, so a copy of the database cannot sign an
 * `order.paid` a merchant's shop would trust. The app seals what it creates, the outbox worker signs
 * with the secret it opens, and `rotate-keys` seals a secret stored before sealing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { WebhookEndpointWithSecret } from '@omni-checkout/core';
import { rotateKeys } from '../identity/rotate.js';
import { randomVault } from '../identity/vault.js';
import { createLogger } from '../logger.js';
import { createOutboxWorker } from '../notifications/outbox.js';
import { usePglite } from '../test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantPost, type TestEnv } from '../test/env.js';
import { startReceiver, type Receiver } from '../test/webhook-receiver.js';
import { createWebhookSender, merchantWebhookTemplate, MERCHANT_WEBHOOK_TEMPLATE } from './delivery.js';
import { signingSecrets, webhookStore } from './store.js';

const silent = createLogger({ level: 'silent' });
const noMail = { send: async () => undefined, close: () => undefined };

describe('webhook signing secrets at rest', () => {
  const getDb = usePglite();
  const vault = randomVault();
  let receiver: Receiver;
  let env: TestEnv;

  beforeAll(async () => {
    receiver = await startReceiver();
    env = await createTestEnv({
      db: getDb(),
      vault,
      app: { db: getDb(), allowHttpWebhooks: true, identity: { db: getDb(), vault, mailer: noMail, sms: null } },
    });
  });
  afterAll(() => receiver.close());

  const merchantIdOf = async (name: string) => (await getDb().query<{ id: string }>('SELECT id FROM merchants WHERE name = $1', [name])).rows[0]!.id;
  const stored = async (id: string) =>
    (await getDb().query<{ secret: string; previous_secret: string | null }>('SELECT secret, previous_secret FROM webhook_endpoints WHERE id = $1', [id])).rows[0]!;

  it('stores the secret sealed, and the worker signs with the real one', async () => {
    const merchant = await createMerchant(env, 'Sealed Shop');
    const response = await merchantPost(env, merchant, '/v1/webhook-endpoints', { url: receiver.url, events: ['order.paid'] });
    const endpoint = (await response.json()) as WebhookEndpointWithSecret;
    const row = await stored(endpoint.id);
    expect(row.secret).toMatch(/^v1\.test\./);
    expect(row.secret).not.toContain(endpoint.secret.slice('whsec_'.length, 20));

    const store = webhookStore(getDb(), vault);
    const worker = createOutboxWorker({
      db: getDb(),
      mailer: noMail,
      sms: noMail,
      templates: { [MERCHANT_WEBHOOK_TEMPLATE]: merchantWebhookTemplate(store) },
      webhooks: createWebhookSender({ store, logger: silent, timeoutMs: 2000 }),
      logger: silent,
    });
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    await client.fill();
    expect((await client.confirm('pm_ok')).status).toBe(200);
    await worker.runOnce();
    const paid = receiver.received.find((r) => JSON.parse(r.body).type === 'order.paid')!;
    const headers = Object.fromEntries(Object.entries(paid.headers).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(endpoint.secret).verify(paid.body, headers)).toMatchObject({ type: 'order.paid' });
    // Signed with what the database holds, the delivery would not verify.
    expect(() => new Webhook(`whsec_${Buffer.from(row.secret).subarray(0, 32).toString('base64')}`).verify(paid.body, headers)).toThrow();

    // Rotation keeps both secrets sealed and both readable.
    const rotated = (await store.rotateSecret(await merchantIdOf('Sealed Shop'), endpoint.id, 60_000, new Date()))!;
    const after = await stored(endpoint.id);
    expect([after.secret.startsWith('v1.'), after.previous_secret]).toEqual([true, row.secret]);
    expect(signingSecrets(rotated, new Date())).toEqual([rotated.secret, endpoint.secret]);
  });

  it('rotate-keys seals a plain secret stored before sealing; it still signs', async () => {
    await createMerchant(env, 'Legacy Shop');
    const legacy = webhookStore(getDb());
    const endpoint = await legacy.createEndpoint(await merchantIdOf('Legacy Shop'), { url: receiver.url, events: ['*'] });
    expect((await stored(endpoint.id)).secret).toBe(endpoint.secret);
    expect((await webhookStore(getDb(), vault).endpointById(endpoint.id))!.secret).toBe(endpoint.secret);

    expect(await rotateKeys(getDb(), vault)).toBeGreaterThanOrEqual(1);
    expect((await stored(endpoint.id)).secret).toMatch(/^v1\.test\./);
    expect((await webhookStore(getDb(), vault).endpointById(endpoint.id))!.secret).toBe(endpoint.secret);
  });
});
