/**
 * The reconciler settles payments whose confirm never answered, without the shopper, on PGlite and
 * PostgreSQL (in process, with the scriptable fake provider). The kill -9 proof with the real
 * backend process is in reconciler-crash.test.ts.
 */
import type { ConfirmResponse } from '@omni-checkout/core';
import { describe, expect, it } from 'vitest';
import type { CheckoutDeps } from './checkout.js';
import { createLogger } from './logger.js';
import { reconcileOnce } from './reconciler.js';
import { onEachDatabase } from './test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, type TestEnv } from './test/env.js';

const LEASE_MS = 30_000;

onEachDatabase((name, getDb) => {
  let env: TestEnv;
  const setup = async () => (env ??= await createTestEnv({ db: getDb() }));
  const deps = (): CheckoutDeps & { db: ReturnType<typeof getDb> } => ({
    storage: env.storage,
    db: getDb(),
    providers: new Map([['mock', env.provider]]),
    logger: createLogger({ level: 'silent' }),
    now: () => env.clock.now,
    confirmLeaseMs: LEASE_MS,
  });

  /** A session whose confirm died after the provider call (the page saw a 502, nothing was recorded). */
  async function interrupted(paymentMethod: string) {
    await setup();
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    await client.fill();
    env.provider.throwAfterNextPayment();
    expect((await client.confirm(paymentMethod, 'page-key')).status).toBe(502);
    expect((await env.storage.sessionById(created.id))!.status).toBe('processing');
    return { merchant, created, client };
  }

  const later = (ms: number) => {
    env.clock.now = new Date(env.clock.now.getTime() + ms);
  };

  describe(`${name}: sessions left processing`, () => {
    it('leaves an attempt alone within the lease, and pays it once past it, without the shopper', async () => {
      const { created, client } = await interrupted('pm_ok');
      expect((await reconcileOnce(deps())).found).toBe(0);
      later(LEASE_MS + 1);
      const round = await reconcileOnce(deps());
      expect(round).toMatchObject({ paid: 1 });
      const session = (await env.storage.sessionById(created.id))!;
      expect(session.status).toBe('complete');
      const orders = (await env.storage.listOrders(session.merchantId, { sessionId: created.id }))!.data;
      expect(orders).toHaveLength(1);
      // One payment at the provider (the replay used the attempt's own key).
      expect(new Set(env.provider.calls.filter((c) => c.sessionId === created.id).map((c) => c.idempotencyKey))).toEqual(new Set([`${created.id}:confirm:1`]));
      // The page's retry gets the stored answer.
      const retried = (await (await client.confirm('pm_ok', 'page-key')).json()) as ConfirmResponse;
      expect(retried).toMatchObject({ status: 'succeeded', order: { id: orders[0]!.id } });
      // Nothing left for the next round.
      expect((await reconcileOnce(deps())).found).toBe(0);
    });

    it('reopens a declined attempt so the shopper can pay again', async () => {
      const { created, client } = await interrupted('pm_decline');
      later(LEASE_MS + 1);
      expect(await reconcileOnce(deps())).toMatchObject({ reopened: 1 });
      const session = (await env.storage.sessionById(created.id))!;
      expect(session).toMatchObject({ status: 'open', lastPaymentError: { code: 'card_declined' } });
      expect((await client.confirm('pm_ok', 'second')).status).toBe(200);
    });

    it('moves an attempt that needs 3-D Secure to requires_action, where the page or the webhook finishes it', async () => {
      const { created } = await interrupted('pm_3ds');
      later(LEASE_MS + 1);
      expect(await reconcileOnce(deps())).toMatchObject({ requiresAction: 1 });
      expect((await env.storage.sessionById(created.id))!.status).toBe('requires_action');
    });

    it('leaves a payment the provider still reports as processing for the next round', async () => {
      const { created } = await interrupted('pm_pending');
      later(LEASE_MS + 1);
      expect(await reconcileOnce(deps())).toMatchObject({ pending: 1 });
      expect((await env.storage.sessionById(created.id))!.status).toBe('processing');
    });
  });
});
