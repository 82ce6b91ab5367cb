/**
 * The storage contract, run against every driver (PGlite and PostgreSQL) by `storage.test.ts`.
 * Tests share one database per driver and isolate by creating their own merchants and sessions.
 */
import { describe, expect, it } from 'vitest';
import { newClientSecret, newPublishableKey, newSecretKey, newSessionId, randomHex } from '../crypto.js';
import type { Db } from './db.js';
import { MIGRATIONS, migrate } from './migrations.js';
import { storageFromDb, type NewSession, type Settlement, type Storage } from './storage.js';

const HOUR = 60 * 60 * 1000;

export function storageSuite(name: string, getDb: () => Db): void {
  describe(`storage on ${name}`, () => {
    const storage = (): Storage => storageFromDb(getDb());

    async function merchant(origins = [`https://${randomHex(4)}.example`]) {
      const secretKey = newSecretKey();
      const record = await storage().upsertMerchant({ name: 'Shop', publishableKey: newPublishableKey(), secretKey, allowedOrigins: origins });
      return { record, secretKey };
    }

    async function session(overrides: Partial<NewSession> = {}) {
      const { record } = await merchant();
      const id = newSessionId();
      const clientSecret = newClientSecret(id);
      const created = await storage().createSession(
        {
          id,
          merchantId: record.id,
          livemode: false,
          currency: 'EUR',
          country: 'DE',
          locale: null,
          channel: 'web',
          lineItems: [{ id: 'tee', name: 'T-shirt', unitAmount: 1000, quantity: 2, amount: 2000 }],
          shippingOptions: [],
          selectedShippingOptionId: null,
          contact: { email: 'a@example.com' },
          shippingAddress: { name: 'A', line1: 'Street 1', city: 'Berlin', country: 'DE' },
          metadata: {},
          providerId: 'mock',
          expiresAt: new Date(Date.now() + HOUR),
          ...overrides,
        },
        clientSecret,
      );
      return { session: created, clientSecret, merchant: record };
    }

    const begin = (sessionId: string, idempotencyKey: string, requestHash = 'h') =>
      storage().beginConfirm({ sessionId, idempotencyKey, requestHash, paymentMethod: 'pm_ok', now: new Date() });

    const succeeded = (): Settlement => ({
      type: 'succeeded',
      reference: `pay_${randomHex(4)}`,
      orderId: `ord_${randomHex(8)}`,
      amount: 2000,
      createdAt: new Date(),
    });

    it('applies migrations once; running them again changes nothing', async () => {
      expect(await migrate(getDb())).toEqual([]);
      const { rows } = await getDb().query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('finds merchants by secret-key hash and by publishable key; an upsert replaces the secret', async () => {
      const { record, secretKey } = await merchant(['https://a.example']);
      expect((await storage().merchantBySecretKey(secretKey))?.id).toBe(record.id);
      expect((await storage().merchantByPublishableKey(record.publishableKey))?.allowedOrigins).toEqual(['https://a.example']);
      const rotated = newSecretKey();
      const again = await storage().upsertMerchant({ name: 'Renamed', publishableKey: record.publishableKey, secretKey: rotated, allowedOrigins: [] });
      expect(again).toMatchObject({ id: record.id, name: 'Renamed' });
      expect(await storage().merchantBySecretKey(secretKey)).toBeNull();
      expect((await storage().merchantBySecretKey(rotated))?.id).toBe(record.id);
    });

    it('answers whether any merchant allows an origin', async () => {
      const origin = `https://${randomHex(6)}.example`;
      expect(await storage().isOriginAllowedAnywhere(origin)).toBe(false);
      await merchant([origin]);
      expect(await storage().isOriginAllowedAnywhere(origin)).toBe(true);
    });

    it('round-trips a session and finds it by client secret', async () => {
      const { session: created, clientSecret } = await session();
      expect((await storage().sessionByClientSecret(clientSecret))?.id).toBe(created.id);
      expect(await storage().sessionByClientSecret(`${created.id}_secret_${'0'.repeat(64)}`)).toBeNull();
      expect(await storage().sessionById(created.id)).toEqual(created);
      expect(created).toMatchObject({ status: 'open', merchantName: 'Shop', lineItems: [{ amount: 2000 }] });
    });

    it('updates only open, unexpired sessions', async () => {
      const { session: created } = await session();
      const updated = await storage().updateOpenSession(created.id, { contact: { email: 'b@example.com' } }, new Date());
      expect(updated?.contact).toEqual({ email: 'b@example.com' });
      expect(await storage().updateOpenSession(created.id, { selectedShippingOptionId: 'x' }, new Date(Date.now() + 2 * HOUR))).toBeNull();
      await begin(created.id, 'k1');
      expect(await storage().updateOpenSession(created.id, { contact: { email: 'c@example.com' } }, new Date())).toBeNull();
    });

    it('commits the attempt and its deterministic provider key before the provider call, and reuses it on retry', async () => {
      const { session: created } = await session();
      const first = await begin(created.id, 'client-key');
      expect(first).toMatchObject({ outcome: 'started', attempt: { attempt: 1, providerIdempotencyKey: `${created.id}:confirm:1`, response: null } });
      // The process "crashes" here: the provider may or may not have been called. The row is already durable.
      const { rows } = await getDb().query('SELECT provider_idempotency_key FROM confirm_attempts WHERE session_id = $1', [created.id]);
      expect(rows).toEqual([{ provider_idempotency_key: `${created.id}:confirm:1` }]);
      const retry = await begin(created.id, 'client-key');
      expect(retry).toMatchObject({ outcome: 'existing', attempt: { providerIdempotencyKey: `${created.id}:confirm:1` } });
      expect(await begin(created.id, 'other-key')).toMatchObject({ outcome: 'busy', session: { status: 'processing' } });
    });

    it('starts exactly one attempt among concurrent confirms', async () => {
      const { session: created } = await session();
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => begin(created.id, `key-${i}`)));
      expect(results.filter((result) => result.outcome === 'started')).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'busy')).toHaveLength(9);
    });

    it('records at most one order per session and keeps the first stored response', async () => {
      const { session: created, merchant: owner } = await session();
      await begin(created.id, 'k');
      const render = (status: number) => () => ({ status, body: `{"n":${status}}` });
      const one = await storage().settle(created.id, succeeded(), { attempt: 1, render: render(200) });
      const two = await storage().settle(created.id, succeeded(), { attempt: 1, render: render(201) });
      expect(one.session).toMatchObject({ status: 'complete', orderId: one.order?.id });
      expect(two.order?.id).toBe(one.order?.id);
      expect(two.response).toEqual({ status: 200, body: '{"n":200}' });
      expect(await storage().listOrders(owner.id, { sessionId: created.id })).toHaveLength(1);
      expect((await storage().orderById(owner.id, one.order!.id))?.amount).toBe(2000);
      expect(await storage().orderById('mer_other', one.order!.id)).toBeNull();
      await expect(
        getDb().query(
          `INSERT INTO orders (id, merchant_id, session_id, status, amount, currency, line_items, provider_id, payment_reference)
           VALUES ('ord_dup', $1, $2, 'paid', 1, 'EUR', '[]'::jsonb, 'mock', 'x')`,
          [owner.id, created.id],
        ),
      ).rejects.toThrow();
    });

    it('reopens the session after a failure and numbers the next attempt', async () => {
      const { session: created } = await session();
      await begin(created.id, 'k1');
      const error = { code: 'card_declined', message: 'Your card was declined. Try another card.' };
      const failed = await storage().settle(created.id, { type: 'failed', reference: null, error });
      expect(failed.session).toMatchObject({ status: 'open', lastPaymentError: error });
      expect(await begin(created.id, 'k2')).toMatchObject({ outcome: 'started', attempt: { providerIdempotencyKey: `${created.id}:confirm:2` } });
      expect((await storage().latestAttempt(created.id))?.attempt).toBe(2);
    });

    it('moves a session to requires_action with its next action', async () => {
      const { session: created } = await session();
      await begin(created.id, 'k1');
      const action = { type: 'challenge' as const, provider: 'mock' as const, reference: 'pay_1', data: { challengeId: 'c1' } };
      await storage().setPaymentReference(created.id, 1, 'pay_1');
      const settled = await storage().settle(created.id, { type: 'requires_action', reference: 'pay_1', action });
      expect(settled.session).toMatchObject({ status: 'requires_action', nextAction: action });
      expect((await storage().latestAttempt(created.id))?.paymentReference).toBe('pay_1');
    });
  });
}
