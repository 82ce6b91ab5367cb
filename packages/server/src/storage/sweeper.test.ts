/** The retention sweeper on PGlite and PostgreSQL: what it purges, what it keeps, in batches. */
import { expect, it } from 'vitest';
import { newClientSecret, newPublishableKey, newSecretKey, newSessionId, randomHex } from '../crypto.js';
import { sessionCharge } from '../outcome.js';
import { onEachDatabase } from '../test/databases.js';
import { storageFromDb, type NewSession, type Storage } from './storage.js';
import { sweep } from './sweeper.js';
import type { Db } from './db.js';

const DAY = 24 * 3600_000;

onEachDatabase((name, getDb) => {
  const storage = (): Storage => storageFromDb(getDb());

  /** A merchant of its own, so each test counts only its own rows. */
  async function shop() {
    const merchant = await storage().upsertMerchant({ name: 'Shop', publishableKey: newPublishableKey(), secretKey: newSecretKey(), allowedOrigins: [] });
    const session = async (expiresAt: Date, overrides: Partial<NewSession> = {}) => {
      const id = newSessionId();
      return storage().createSession(
        {
          id,
          merchantId: merchant.id,
          livemode: false,
          currency: 'EUR',
          country: 'DE',
          locale: null,
          channel: 'web',
          lineItems: [{ id: 'tee', name: 'T-shirt', unitAmount: 1000, quantity: 1, amount: 1000 }],
          shippingOptions: [],
          selectedShippingOptionId: null,
          contact: null,
          shippingAddress: null,
          metadata: {},
          providerId: 'mock',
          expiresAt,
          ...overrides,
        },
        newClientSecret(id),
      );
    };
    const count = async (db: Db) =>
      Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM checkout_sessions WHERE merchant_id = $1', [merchant.id])).rows[0]!.n);
    return { merchant, session, count };
  }

  const exists = async (id: string) => (await storage().sessionById(id)) !== null;

  it(`${name}: purges sessions abandoned past the retention, with their confirm attempts; keeps paid, in-flight and recent ones`, async () => {
    const db = getDb();
    const now = new Date();
    const { session } = await shop();
    const abandoned = await session(new Date(now.getTime() - 8 * DAY));
    const recent = await session(new Date(now.getTime() - 6 * DAY));
    const live = await session(new Date(now.getTime() + DAY));
    // An abandoned session with a declined attempt and a provider event pointing at it.
    const declined = await session(new Date(now.getTime() + DAY));
    const begun = await storage().beginConfirm({ sessionId: declined.id, idempotencyKey: 'k1', requestHash: 'h', paymentMethod: 'pm', now, price: sessionCharge });
    expect(begun.outcome).toBe('started');
    await storage().settle(declined.id, { type: 'failed', reference: 'ref_declined', error: { code: 'card_declined', message: 'Declined' } });
    const eventId = `evt_${randomHex(4)}`;
    await db.query(`INSERT INTO provider_events (provider_id, event_id, type, session_id) VALUES ('mock', $1, 'payment', $2)`, [eventId, declined.id]);
    await db.query('UPDATE checkout_sessions SET expires_at = $2 WHERE id = $1', [declined.id, new Date(now.getTime() - 9 * DAY)]);
    // Paid long ago, and a payment whose outcome is still unknown (processing): both kept.
    const paid = await session(new Date(now.getTime() + DAY));
    await storage().beginConfirm({ sessionId: paid.id, idempotencyKey: 'k2', requestHash: 'h', paymentMethod: 'pm', now, price: sessionCharge });
    await storage().settle(paid.id, { type: 'succeeded', reference: 'ref_paid', orderId: `ord_${randomHex(8)}`, amount: 1000, createdAt: now });
    const inFlight = await session(new Date(now.getTime() + DAY));
    await storage().beginConfirm({ sessionId: inFlight.id, idempotencyKey: 'k3', requestHash: 'h', paymentMethod: 'pm', now, price: sessionCharge });
    await db.query('UPDATE checkout_sessions SET expires_at = $2 WHERE id = ANY($1)', [[paid.id, inFlight.id], new Date(now.getTime() - 30 * DAY)]);

    const result = await sweep(db, { now: () => now });
    expect(result.sessions).toBeGreaterThanOrEqual(2);
    expect(await exists(abandoned.id)).toBe(false);
    expect(await exists(declined.id)).toBe(false);
    expect(await storage().latestAttempt(declined.id)).toBeNull();
    const event = await db.query<{ session_id: string | null }>('SELECT session_id FROM provider_events WHERE event_id = $1', [eventId]);
    expect(event.rows).toEqual([{ session_id: null }]);
    for (const kept of [recent, live, paid, inFlight]) expect(await exists(kept.id)).toBe(true);
    expect((await storage().latestAttempt(paid.id))?.response).toBeNull();
  });

  it(`${name}: works in batches; a sweep stops after maxBatches and the next one goes on`, async () => {
    const db = getDb();
    const now = new Date();
    const { session, count } = await shop();
    for (let i = 0; i < 25; i++) await session(new Date(now.getTime() - 10 * DAY - i * 1000));
    // Other tests' leftovers may be swept too: count this merchant's rows only.
    await sweep(db, { now: () => now, batchSize: 5, maxBatches: 1 });
    expect(await count(db)).toBeLessThan(25);
    await sweep(db, { now: () => now, batchSize: 100, maxBatches: 5 });
    expect(await count(db)).toBe(0);
  });

  it(`${name}: deletes provider-event records older than their retention, keeps newer ones`, async () => {
    const db = getDb();
    const now = new Date();
    const old = `evt_old_${randomHex(4)}`;
    const fresh = `evt_new_${randomHex(4)}`;
    await db.query(`INSERT INTO provider_events (provider_id, event_id, type, received_at) VALUES ('mock', $1, 'x', $2), ('mock', $3, 'x', $4)`, [
      old,
      new Date(now.getTime() - 31 * DAY),
      fresh,
      new Date(now.getTime() - 29 * DAY),
    ]);
    await sweep(db, { now: () => now });
    const { rows } = await db.query<{ event_id: string }>('SELECT event_id FROM provider_events WHERE event_id = ANY($1)', [[old, fresh]]);
    expect(rows.map((r) => r.event_id)).toEqual([fresh]);
  });

  it(`${name}: storage stays flat under steady load (sessions abandoned every day, swept every day)`, async () => {
    const db = getDb();
    const start = Date.now();
    const { session, count } = await shop();
    const sizes: number[] = [];
    for (let day = 0; day < 12; day++) {
      const today = start + day * DAY;
      for (let i = 0; i < 10; i++) await session(new Date(today + DAY));
      await sweep(db, { now: () => new Date(today), sessionRetentionMs: 3 * DAY });
      sizes.push(await count(db));
    }
    // Day d keeps the sessions that expire after d - 3 days: at most 5 days' worth, never growing.
    expect(Math.max(...sizes.slice(5))).toBeLessThanOrEqual(50);
    expect(sizes.slice(5).every((size) => size === sizes[5])).toBe(true);
  });
});
