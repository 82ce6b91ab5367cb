/**
 * The storage contract, run against every driver (PGlite and PostgreSQL) by `storage.test.ts`.
 * Tests share one database per driver and isolate by creating their own merchants and sessions.
 */
import { describe, expect, it } from 'vitest';
import { newClientSecret, newPublishableKey, newSecretKey, newSessionId, randomHex } from '../crypto.js';
import { sessionCharge } from '../outcome.js';
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
      storage().beginConfirm({ sessionId, idempotencyKey, requestHash, paymentMethod: 'pm_ok', now: new Date(), price: sessionCharge });

    const succeeded = (): Extract<Settlement, { type: 'succeeded' }> => ({
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
      expect((await storage().listOrders(owner.id, { sessionId: created.id }))?.data).toHaveLength(1);
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

    it('keeps a merchant’s ordered providers, with the first as its provider id', async () => {
      const { record } = await merchant();
      expect(record).toMatchObject({ providerId: 'mock', providers: ['mock'] });
      const both = await storage().upsertMerchant({
        name: 'Both',
        publishableKey: record.publishableKey,
        secretKey: newSecretKey(),
        allowedOrigins: [],
        providers: ['stripe', 'paypal', 'stripe'],
      });
      expect(both).toMatchObject({ id: record.id, providerId: 'stripe', providers: ['stripe', 'paypal'] });
    });

    it('keeps a merchant’s payment-method overrides, and a copy on each session', async () => {
      const { record } = await merchant();
      expect(record.paymentMethods).toEqual({});
      const settings = { disable: ['klarna' as const], countries: { SA: { enable: ['cash_on_delivery' as const], order: ['mada' as const] } } };
      const updated = await storage().upsertMerchant({
        name: 'Shop',
        publishableKey: record.publishableKey,
        secretKey: newSecretKey(),
        allowedOrigins: [],
        paymentMethods: settings,
      });
      expect(updated.paymentMethods).toEqual(settings);
      const { session: plain } = await session();
      expect(plain.paymentMethods).toEqual({});
      const { session: created } = await session({ paymentMethods: settings });
      expect(created.paymentMethods).toEqual(settings);
      expect((await storage().sessionById(created.id))?.paymentMethods).toEqual(settings);
    });

    it('records the provider of each attempt (default: the session’s first)', async () => {
      const { session: created } = await session({ providerId: 'stripe', providers: ['stripe', 'paypal'] });
      expect(created.providers).toEqual(['stripe', 'paypal']);
      expect(await begin(created.id, 'k1')).toMatchObject({ attempt: { providerId: 'stripe' } });
      await storage().settle(created.id, { type: 'failed', reference: null, error: { code: 'card_declined', message: 'x' } });
      const second = await storage().beginConfirm({ sessionId: created.id, idempotencyKey: 'k2', requestHash: 'h', paymentMethod: 'pm', providerId: 'paypal', now: new Date(), price: sessionCharge });
      expect(second).toMatchObject({ outcome: 'started', attempt: { attempt: 2, providerId: 'paypal' } });
      const done = await storage().settle(created.id, { ...succeeded(), provider: 'paypal' });
      expect(done.order?.provider).toBe('paypal');
      expect(done.orderCreated).toBe(true);
    });

    it('applies a provider event once, in the same transaction as its effect', async () => {
      const { session: created } = await session();
      await begin(created.id, 'k1');
      await storage().setPaymentReference(created.id, 1, 'pay_evt');
      const apply = (eventId: string) =>
        storage().applyProviderEvent({
          providerId: 'mock',
          eventId,
          type: 'payment.succeeded',
          reference: 'pay_evt',
          decide: (s, { current }) => (current ? { ...succeeded(), reference: 'pay_evt', amount: s.lineItems[0]!.amount } : null),
        });
      const first = await apply('evt_a');
      expect(first).toMatchObject({ outcome: 'applied', orderCreated: true, session: { status: 'complete' }, order: { paymentReference: 'pay_evt' } });
      expect(await apply('evt_a')).toEqual({ outcome: 'duplicate' });
      expect(await apply('evt_b')).toMatchObject({ outcome: 'ignored', orderCreated: false });
      const { rows } = await getDb().query<{ event_id: string; session_id: string; effect: string }>(
        'SELECT event_id, session_id, effect FROM provider_events WHERE reference = $1 ORDER BY event_id',
        ['pay_evt'],
      );
      expect(rows).toEqual([
        { event_id: 'evt_a', session_id: created.id, effect: 'processing->complete' },
        { event_id: 'evt_b', session_id: created.id, effect: 'none' },
      ]);
    });

    it('records nothing of an event whose effect fails, so the provider’s retry applies it', async () => {
      const { session: created } = await session();
      await begin(created.id, 'k1');
      const input = {
        providerId: 'mock' as const,
        eventId: `evt_${randomHex(4)}`,
        type: 'payment.succeeded',
        reference: 'pay_unknown',
        sessionId: created.id,
      };
      await expect(storage().applyProviderEvent({ ...input, decide: () => { throw new Error('boom'); } })).rejects.toThrow('boom');
      expect((await getDb().query('SELECT 1 FROM provider_events WHERE event_id = $1', [input.eventId])).rows).toHaveLength(0);
      const retried = await storage().applyProviderEvent({ ...input, decide: () => ({ ...succeeded(), reference: 'pay_unknown' }) });
      expect(retried).toMatchObject({ outcome: 'applied', session: { status: 'complete' } });
      // The reference the crash never stored is claimed by the attempt.
      expect((await storage().latestAttempt(created.id))?.paymentReference).toBe('pay_unknown');
    });

    it('answers unmatched for an event about no session of ours', async () => {
      const result = await storage().applyProviderEvent({
        providerId: 'mock',
        eventId: `evt_${randomHex(4)}`,
        type: 'payment.succeeded',
        reference: `pay_${randomHex(4)}`,
        sessionId: 'cs_nope',
        decide: () => succeeded(),
      });
      expect(result).toEqual({ outcome: 'unmatched' });
    });
  });
}
