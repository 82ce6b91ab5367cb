/**
 * The amount charged and the amount recorded (docs/security.md, "Amounts"), on PGlite and PostgreSQL:
 * - a confirm charges the total of the row `beginConfirm` locks, and the order records exactly that
 *   (a shipping change racing a confirm used to charge Standard and record Express);
 * - every provider outcome is checked against what its attempt asked for: a mismatch records no
 *   order and holds the payment for review;
 * - a session reopened from a failed attempt cancels that attempt's provider payment.
 */
import { computeTotals, type ConfirmRequest, type ConfirmResponse, type Order, type ProviderPaymentResult } from '@omni-checkout/core';
import { describe, expect, it } from 'vitest';
import { confirmPayment, type CheckoutDeps } from './checkout.js';
import { sha256 } from './crypto.js';
import { createLogger } from './logger.js';
import { onEachDatabase } from './test/databases.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, type TestEnv, type TestMerchant } from './test/env.js';
import type { FakeWebhookBody } from './test/fake-provider.js';

const STANDARD_TOTAL = 2 * 1999 + 850 + 495;
const EXPRESS_TOTAL = 2 * 1999 + 850 + 1295;

onEachDatabase((name, getDb) => {
  let env: TestEnv;
  const setup = async () => (env ??= await createTestEnv({ db: getDb() }));

  async function ready() {
    await setup();
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    const client = clientFor(env, merchant, created);
    await client.fill();
    return { merchant, created, client };
  }

  async function ordersOf(merchant: TestMerchant, sessionId: string): Promise<Order[]> {
    const response = await merchantGet(env, merchant, `/v1/orders?sessionId=${sessionId}`);
    return ((await response.json()) as { data: Order[] }).data;
  }

  async function reviewsOf(sessionId: string) {
    const { rows } = await getDb().query<Record<string, unknown>>('SELECT * FROM payment_reviews WHERE session_id = $1', [sessionId]);
    return rows.map((row) => ({ ...row, expected_amount: Number(row.expected_amount), received_amount: Number(row.received_amount) }));
  }

  /** The merchant's webhook events about held payments (emitted with the review, once each). */
  async function reviewEventsOf(sessionId: string) {
    const { rows } = await getDb().query<{ data: unknown }>(
      `SELECT data FROM merchant_events WHERE type = 'payment.review_required' AND data->'object'->>'sessionId' = $1`,
      [sessionId],
    );
    return rows.map((row) => (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as { object: Record<string, unknown> });
  }

  let eventCounter = 0;
  function webhook(reference: string, outcome: ProviderPaymentResult) {
    const body = JSON.stringify({ id: `evt_${name}_${++eventCounter}`, type: `payment.${outcome.status}`, reference, outcome } satisfies FakeWebhookBody);
    return env.app.request('/v1/webhooks/mock', { method: 'POST', headers: env.provider.signWebhook(body, env.clock.now), body });
  }

  describe(`${name}: the amount charged comes from the locked row`, () => {
    it('charges and records Express when the shipping change lands before the confirm locks the session', async () => {
      const { merchant, created, client } = await ready();
      // The session as the auth middleware read it (Standard), before the shopper's change landed.
      const stale = (await env.storage.sessionById(created.id))!;
      expect((await client.post('/shipping-option', { shippingOptionId: 'express' })).status).toBe(200);
      const deps: CheckoutDeps = {
        storage: env.storage,
        providers: new Map([['mock', env.provider]]),
        logger: createLogger({ level: 'silent' }),
        now: () => env.clock.now,
      };
      const request: ConfirmRequest = { paymentMethod: 'pm_ok' };
      const answer = await confirmPayment(deps, stale, { idempotencyKey: 'race', requestHash: sha256(JSON.stringify(request)), request });
      expect(answer.status).toBe(200);
      const charged = env.provider.calls.filter((call) => call.sessionId === created.id).map((call) => call.amount);
      expect(charged).toEqual([EXPRESS_TOTAL]);
      const [order] = await ordersOf(merchant, created.id);
      expect(order).toMatchObject({ amount: EXPRESS_TOTAL, shippingOption: { id: 'express' } });
    });

    it('under 30 races of a shipping change against a confirm, every order records exactly what the provider charged', async () => {
      await setup();
      env.provider.delayMs = 5;
      try {
        const merchant = await createMerchant(env);
        const results = await Promise.all(
          Array.from({ length: 30 }, async (_, i) => {
            const created = await createSession(env, merchant);
            const client = clientFor(env, merchant, created);
            await client.fill();
            const [confirm] = await Promise.all([client.confirm('pm_ok', `race-${i}`), client.post('/shipping-option', { shippingOptionId: 'express' })]);
            return { created, status: confirm.status };
          }),
        );
        let orders = 0;
        for (const { created } of results) {
          const charged = env.provider.calls.filter((call) => call.sessionId === created.id).map((call) => call.amount);
          for (const order of await ordersOf(merchant, created.id)) {
            orders += 1;
            expect(order.amount).toBe(computeTotals(order.lineItems, order.shippingOption).total);
            expect(charged).toEqual([order.amount]);
          }
        }
        expect(orders).toBe(results.filter((r) => r.status === 200).length);
      } finally {
        env.provider.delayMs = 0;
      }
    });
  });

  describe(`${name}: provider outcomes are checked against the attempt`, () => {
    async function challengedThenReopened() {
      const state = await ready();
      const body = (await (await state.client.confirm('pm_3ds', 'a1')).json()) as ConfirmResponse;
      const reference = body.session.nextAction!.reference;
      env.provider.resolveAction(reference, 'fail');
      expect((await state.client.completeAction()).status).toBe(402);
      return { ...state, reference };
    }

    it('a 3-D Secure attempt that failed reopens the session and cancels its payment', async () => {
      const { client, reference } = await challengedThenReopened();
      expect(((await (await client.get()).json()) as { status: string }).status).toBe('open');
      expect(env.provider.cancelled).toContain(reference);
    });

    it('the old attempt succeeding after a switch to Express records no order and holds the payment for review', async () => {
      const { merchant, created, client, reference } = await challengedThenReopened();
      expect((await client.post('/shipping-option', { shippingOptionId: 'express' })).status).toBe(200);
      // The old payment (Standard) succeeds anyway, e.g. through the client secret left in the page.
      const response = await webhook(reference, { status: 'succeeded', reference, amount: STANDARD_TOTAL, currency: 'EUR' });
      expect(response.status).toBe(200);
      expect(await ordersOf(merchant, created.id)).toEqual([]);
      expect(await reviewsOf(created.id)).toMatchObject([
        { reference, reason: 'session_changed', expected_amount: STANDARD_TOTAL, received_amount: STANDARD_TOTAL, expected_currency: 'EUR' },
      ]);
      // The session stays open at Express, and the shopper pays it in full.
      const paid = (await (await client.confirm('pm_ok', 'a2')).json()) as ConfirmResponse;
      expect(paid).toMatchObject({ status: 'succeeded', order: { amount: EXPRESS_TOTAL, shippingOption: { id: 'express' } } });
    });

    it('a success for less than the attempt asked records no order, reopens the session and explains why', async () => {
      const { merchant, created, client } = await ready();
      const body = (await (await client.confirm('pm_3ds', 'short')).json()) as ConfirmResponse;
      const reference = body.session.nextAction!.reference;
      await webhook(reference, { status: 'succeeded', reference, amount: STANDARD_TOTAL - 1000, currency: 'EUR' });
      expect(await ordersOf(merchant, created.id)).toEqual([]);
      expect(await reviewsOf(created.id)).toMatchObject([{ reason: 'amount_mismatch', expected_amount: STANDARD_TOTAL, received_amount: STANDARD_TOTAL - 1000 }]);
      // The merchant's server hears of it as a webhook event, once, even when the provider says it again.
      await webhook(reference, { status: 'succeeded', reference, amount: STANDARD_TOTAL - 1000, currency: 'EUR' });
      expect(await reviewEventsOf(created.id)).toEqual([
        {
          object: {
            object: 'payment_review',
            sessionId: created.id,
            provider: 'mock',
            reference,
            reason: 'amount_mismatch',
            expected: { amount: STANDARD_TOTAL, currency: 'EUR' },
            received: { amount: STANDARD_TOTAL - 1000, currency: 'EUR' },
          },
        },
      ]);
      const session = (await (await client.get()).json()) as { status: string; lastPaymentError: { code: string } };
      expect(session).toMatchObject({ status: 'open', lastPaymentError: { code: 'payment_review' } });
    });

    it('a success in another currency records no order', async () => {
      const { merchant, created, client } = await ready();
      const body = (await (await client.confirm('pm_3ds', 'ccy')).json()) as ConfirmResponse;
      const reference = body.session.nextAction!.reference;
      await webhook(reference, { status: 'succeeded', reference, amount: STANDARD_TOTAL, currency: 'USD' });
      expect(await ordersOf(merchant, created.id)).toEqual([]);
      expect(await reviewsOf(created.id)).toMatchObject([{ reason: 'currency_mismatch', received_currency: 'USD' }]);
    });

    it('the page completing a challenge whose provider reports another amount gets 402 payment_review, not an order', async () => {
      const { merchant, created, client } = await ready();
      const body = (await (await client.confirm('pm_3ds', 'cpl')).json()) as ConfirmResponse;
      const reference = body.session.nextAction!.reference;
      const retrieve = env.provider.retrievePayment;
      env.provider.retrievePayment = async (ref) => ({ status: 'succeeded', reference: ref, amount: 1, currency: 'EUR' });
      try {
        const response = await client.completeAction();
        expect(response.status).toBe(402);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payment_review');
      } finally {
        env.provider.retrievePayment = retrieve;
      }
      expect(await ordersOf(merchant, created.id)).toEqual([]);
      expect(await reviewsOf(created.id)).toMatchObject([{ reference, reason: 'amount_mismatch' }]);
    });

    it('a matching success still records the order once', async () => {
      const { merchant, created, client } = await ready();
      const body = (await (await client.confirm('pm_3ds', 'ok')).json()) as ConfirmResponse;
      const reference = body.session.nextAction!.reference;
      await webhook(reference, { status: 'succeeded', reference, amount: STANDARD_TOTAL, currency: 'EUR' });
      expect(await ordersOf(merchant, created.id)).toMatchObject([{ amount: STANDARD_TOTAL, paymentReference: reference }]);
      expect(await reviewsOf(created.id)).toEqual([]);
    });
  });
});
