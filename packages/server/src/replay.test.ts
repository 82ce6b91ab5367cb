/**
 * Replays of an idempotent confirm, tested by their effect: a repeated Idempotency-Key answers the
 * stored response even while the provider is down, and the provider is called exactly as often as
 * the payment needs, counted by kind (create versus retrieve).
 */
import type { ConfirmResponse } from '@omni-checkout/core';
import { describe, expect, it } from 'vitest';
import { createFakeProvider, type FakeProvider } from './test/fake-provider.js';
import { clientFor, createMerchant, createSession, createTestEnv } from './test/env.js';

/** The fake provider, with its calls counted by kind and a switch that makes every call fail (an outage). */
function countedProvider() {
  const inner = createFakeProvider();
  const counts = { create: 0, retrieve: 0 };
  const outage = { down: false };
  const unavailable = () => {
    if (outage.down) throw new Error('provider unavailable (connection refused)');
  };
  const provider: FakeProvider = Object.assign(Object.create(inner) as FakeProvider, {
    async createPayment(input: Parameters<FakeProvider['createPayment']>[0]) {
      counts.create++;
      unavailable();
      return inner.createPayment(input);
    },
    async retrievePayment(reference: string) {
      counts.retrieve++;
      unavailable();
      return inner.retrievePayment(reference);
    },
  });
  return { provider, counts, outage };
}

const { provider, counts, outage } = countedProvider();
const env = await createTestEnv({ providers: [provider] });

async function readySession() {
  const merchant = await createMerchant(env);
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  await client.fill();
  counts.create = 0;
  counts.retrieve = 0;
  return { merchant, created, client };
}

async function withOutage<T>(run: () => T | Promise<T>): Promise<T> {
  outage.down = true;
  try {
    return await run();
  } finally {
    outage.down = false;
  }
}

describe('a replayed confirm while the provider is down', () => {
  it('answers the stored payment (200, the same bytes, the same order) without calling the provider', async () => {
    const { client } = await readySession();
    const paid = await client.confirm('pm_ok', 'replay-paid');
    expect(paid.status).toBe(200);
    const first = await paid.text();
    expect(counts).toEqual({ create: 1, retrieve: 0 });

    const replay = await withOutage(() => client.confirm('pm_ok', 'replay-paid'));
    expect(replay.status).toBe(200);
    const body = await replay.text();
    expect(body).toBe(first);
    expect((JSON.parse(body) as ConfirmResponse).status).toBe('succeeded');
    expect(counts).toEqual({ create: 1, retrieve: 0 });
  });

  it('answers a stored decline (402, the same bytes) without calling the provider', async () => {
    const { client } = await readySession();
    const declined = await client.confirm('pm_decline', 'replay-declined');
    expect(declined.status).toBe(402);
    const first = await declined.text();
    const replay = await withOutage(() => client.confirm('pm_decline', 'replay-declined'));
    expect(replay.status).toBe(402);
    expect(await replay.text()).toBe(first);
    expect(counts).toEqual({ create: 1, retrieve: 0 });
  });

  it('answers a stored 3-D Secure challenge without calling the provider; completing it retrieves once', async () => {
    const { client } = await readySession();
    const challenged = await client.confirm('pm_3ds', 'replay-3ds');
    expect(challenged.status).toBe(200);
    const first = await challenged.text();
    const action = (JSON.parse(first) as ConfirmResponse).session.nextAction!;
    expect(action.type).toBe('challenge');

    const replay = await withOutage(() => client.confirm('pm_3ds', 'replay-3ds'));
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe(first);
    expect(counts).toEqual({ create: 1, retrieve: 0 });

    provider.resolveAction(action.reference, 'approve');
    const completed = await client.completeAction();
    expect(completed.status).toBe(200);
    expect(((await completed.json()) as ConfirmResponse).status).toBe('succeeded');
    expect(counts).toEqual({ create: 1, retrieve: 1 });
  });

  it('a new key really reaches the provider, and fails while it is down (502 provider_error)', async () => {
    const { client } = await readySession();
    const failed = await withOutage(() => client.confirm('pm_ok', 'replay-new-key'));
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('provider_error');
    expect(counts).toEqual({ create: 1, retrieve: 0 });
  });
});
