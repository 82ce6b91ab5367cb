/**
 * Checkout guards that only the process-killing and CLI suites reached (found by the mutation run,
 * docs/mutation.md), here in process: an interrupted confirm is resumed only once its lease of 30 s
 * has run out, with its own provider key; live and test merchants never reach a provider of the other
 * mode; a dev server opens no session for a live merchant; a total past the largest amount is a 400.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomHex } from './crypto.js';
import { CONFIRM_LEASE_MS, type FaultPoint } from './checkout.js';
import { usePglite } from './test/databases.js';
import { createFakeProvider } from './test/fake-provider.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantPost, SAMPLE_SESSION, type TestEnv, type TestMerchant } from './test/env.js';

const getDb = usePglite();
const errorOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

describe('an interrupted confirm', () => {
  let env: TestEnv;
  let merchant: TestMerchant;
  let failAt: FaultPoint | null = null;

  beforeAll(async () => {
    env = await createTestEnv({
      db: getDb(),
      app: {
        fault: (point) => {
          if (point === failAt) {
            failAt = null;
            throw new Error(`process died at ${point}`);
          }
        },
      },
    });
    merchant = await createMerchant(env, 'Interrupted');
  });

  it('holds the session for the lease, then is finished by the next confirm with its own method and provider key', async () => {
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    await client.fill();
    const started = env.clock.now.getTime();
    failAt = 'confirm:after-provider-call';
    expect((await client.confirm('pm_ok', 'first-key')).status).toBe(500);
    const calls = () => env.provider.calls.filter((call) => call.sessionId === created.id);
    expect(calls()).toHaveLength(1);

    // Another tab, another card, one millisecond before the lease runs out: still in progress.
    env.clock.now = new Date(started + CONFIRM_LEASE_MS - 1);
    expect(await errorOf(await client.confirm('pm_decline', 'second-key'))).toEqual([409, 'confirm_in_progress']);
    expect(calls()).toHaveLength(1);

    // At the lease: the interrupted attempt is finished, with its own card and key (the provider pays once).
    env.clock.now = new Date(started + CONFIRM_LEASE_MS);
    const resumed = await client.confirm('pm_decline', 'third-key');
    expect(resumed.status).toBe(200);
    expect(((await resumed.json()) as { status: string }).status).toBe('succeeded');
    expect(calls().map((call) => call.paymentMethod)).toEqual(['pm_ok', 'pm_ok']);
    expect(new Set(calls().map((call) => call.idempotencyKey)).size).toBe(1);
    const orders = (await env.storage.listOrders((await env.storage.sessionById(created.id))!.merchantId, { sessionId: created.id }))!.data;
    expect(orders.map((order) => order.amount)).toEqual([2 * 1999 + 850 + 495]);
    env.clock.now = new Date();
  });

  it('is not taken over while it still has an answer to give: the same key answers the stored result', async () => {
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    await client.fill();
    const first = await client.confirm('pm_decline', 'declined-key');
    expect(first.status).toBe(402);
    const again = await client.confirm('pm_decline', 'declined-key');
    expect([again.status, await again.text()]).toEqual([402, await first.clone().text()]);
  });
});

describe('live and test mode', () => {
  const liveKeys = () => ({
    publishableKey: ['pk', 'live', randomHex(16)].join('_'),
    secretKey: ['sk', 'live', randomHex(32)].join('_'),
  });

  async function liveMerchant(env: TestEnv, providers: string[] = ['mock']): Promise<TestMerchant> {
    const keys = liveKeys();
    const origin = `https://live-${randomHex(4)}.example`;
    await env.storage.upsertMerchant({ name: 'Live Shop', ...keys, allowedOrigins: [origin], providers: providers as never });
    return { ...keys, origin };
  }

  it('opens no session for a live merchant on a development server', async () => {
    const env = await createTestEnv({ db: getDb(), app: { db: getDb(), dev: true } });
    const live = await liveMerchant(env);
    expect(await errorOf(await merchantPost(env, live, '/v1/checkout-sessions', SAMPLE_SESSION))).toEqual([403, 'live_mode_forbidden']);
  });

  it('never lets a live merchant reach the test-only provider, nor a test merchant a live provider', async () => {
    const liveStripe = { ...createFakeProvider({ id: 'stripe' }), livemode: true };
    const env = await createTestEnv({ db: getDb(), providers: [createFakeProvider(), liveStripe] });
    const live = await liveMerchant(env, ['mock']);
    expect(await errorOf(await merchantPost(env, live, '/v1/checkout-sessions', SAMPLE_SESSION))).toEqual([403, 'live_mode_forbidden']);
    const test = await createMerchant(env, 'Test Shop', ['stripe']);
    expect(await errorOf(await merchantPost(env, test, '/v1/checkout-sessions', SAMPLE_SESSION))).toEqual([403, 'live_mode_forbidden']);

    // Each one gets the provider of its own mode, when it has one.
    const liveBoth = await liveMerchant(env, ['mock', 'stripe']);
    const opened = await merchantPost(env, liveBoth, '/v1/checkout-sessions', SAMPLE_SESSION);
    expect(opened.status).toBe(201);
    expect(((await opened.json()) as { session: { providers: { id: string }[] } }).session.providers.map((p) => p.id)).toEqual(['stripe']);
    const testBoth = await createMerchant(env, 'Test Both', ['stripe', 'mock']);
    const testOpened = await merchantPost(env, testBoth, '/v1/checkout-sessions', SAMPLE_SESSION);
    expect(((await testOpened.json()) as { session: { providers: { id: string }[] } }).session.providers.map((p) => p.id)).toEqual(['mock']);
  });

  it('answers 503 when none of the merchant’s providers runs on this server', async () => {
    const env = await createTestEnv({ db: getDb() });
    const merchant = await createMerchant(env, 'Elsewhere', ['paypal']);
    expect(await errorOf(await merchantPost(env, merchant, '/v1/checkout-sessions', SAMPLE_SESSION))).toEqual([503, 'provider_error']);
  });
});

describe('amounts', () => {
  it('refuses a line item or a total past the largest amount with 400 validation_failed on lineItems', async () => {
    const env = await createTestEnv({ db: getDb() });
    const merchant = await createMerchant(env, 'Big');
    const largest = 1_000_000_000_000;
    const lineOver = { ...SAMPLE_SESSION, lineItems: [{ id: 'a', name: 'A', unitAmount: largest, quantity: 2 }] };
    // The item alone is the largest amount; shipping takes the total past it.
    const totalOver = { ...SAMPLE_SESSION, lineItems: [{ id: 'a', name: 'A', unitAmount: largest, quantity: 1 }] };
    for (const request of [lineOver, totalOver]) {
      const response = await merchantPost(env, merchant, '/v1/checkout-sessions', request);
      const body = (await response.json()) as { error: { code: string; issues: { path: string }[] } };
      expect([response.status, body.error.code, body.error.issues.map((issue) => issue.path)]).toEqual([400, 'validation_failed', ['lineItems']]);
    }
    const atLimit = { ...totalOver, shippingOptions: [] };
    expect((await merchantPost(env, merchant, '/v1/checkout-sessions', atLimit)).status).toBe(201);
  });
});
