/**
 * Key rotation (R32) reaches every kind of sealed value: after `rotate-keys` under a new first key,
 * the old key can be dropped and a shopper's email, a session's contact, a stored confirm response,
 * a webhook signing secret (also one stored in clear from before sealing) and a pending message's
 * recipient all still open; the count it reports is the number of values it rewrote.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { usePglite } from '../test/databases.js';
import { createMerchant, createSession, createTestEnv } from '../test/env.js';
import { rotateKeys } from './rotate.js';
import { createVault } from './vault.js';

describe('rotateKeys', () => {
  // Migrated once, outside the test body (the migrations are not under test here).
  const getDb = usePglite();

  it('re-seals every sealed value under the new key, so the old key can be dropped', async () => {
    const oldKey = { id: 'old', key: randomBytes(32) };
    const newKey = { id: 'new', key: randomBytes(32) };
    const lookup = randomBytes(32);
    const before = createVault([oldKey], lookup);
    const env = await createTestEnv({ db: getDb() });
    const db = env.db;
    const session = await createSession(env, await createMerchant(env, 'Rotation'));
    const { rows: merchants } = await db.query<{ id: string }>('SELECT merchant_id AS id FROM checkout_sessions WHERE id = $1', [session.id]);
    const merchantId = merchants[0]!.id;

    await db.query(`INSERT INTO shoppers (id, email_hash, email_sealed, profile_sealed) VALUES ('shp_rot', 'h1', $1, $2)`, [
      before.seal('ada@example.com'),
      before.seal('{"name":"Ada"}'),
    ]);
    await db.query('UPDATE checkout_sessions SET contact = to_jsonb($2::text) WHERE id = $1', [session.id, before.seal('{"email":"ada@example.com"}')]);
    await db.query(
      `INSERT INTO confirm_attempts (session_id, attempt, idempotency_key, request_hash, provider_idempotency_key, payment_method, provider_id, response_body)
       SELECT id, 1, 'idem', 'hash', 'prov', 'card', provider_id, $2 FROM checkout_sessions WHERE id = $1`,
      [session.id, before.seal('{"status":"succeeded"}')],
    );
    await db.query(
      `INSERT INTO webhook_endpoints (id, merchant_id, url, events, secret, previous_secret) VALUES ('we_rot', $1, 'https://hooks.example/x', '[]', $2, 'whsec_plainold')`,
      [merchantId, before.seal('whsec_current')],
    );
    await db.query(`INSERT INTO outbox (dedupe_key, channel, template, payload) VALUES ('rot-1', 'sms', 'code', jsonb_build_object('to', $1::text))`, [
      before.seal('+4915123456789'),
    ]);

    const rotated = createVault([newKey, oldKey], lookup);
    // shoppers (email, profile), session contact, confirm body, webhook secret and previous secret, outbox recipient.
    expect(await rotateKeys(db, rotated)).toBe(7);
    expect(await rotateKeys(db, rotated)).toBe(0);

    const only = createVault([newKey], lookup);
    const one = async <T>(sql: string, values: unknown[] = []) => (await db.query<T>(sql, values)).rows[0]!;
    const shopper = await one<{ e: string; p: string }>(`SELECT email_sealed AS e, profile_sealed AS p FROM shoppers WHERE id = 'shp_rot'`);
    expect(only.open(shopper.e)).toBe('ada@example.com');
    expect(only.open(shopper.p)).toBe('{"name":"Ada"}');
    const contact = await one<{ v: string }>(`SELECT contact #>> '{}' AS v FROM checkout_sessions WHERE id = $1`, [session.id]);
    expect(only.open(contact.v)).toBe('{"email":"ada@example.com"}');
    const body = await one<{ v: string }>('SELECT response_body AS v FROM confirm_attempts WHERE session_id = $1', [session.id]);
    expect(only.open(body.v)).toBe('{"status":"succeeded"}');
    const hook = await one<{ s: string; p: string }>(`SELECT secret AS s, previous_secret AS p FROM webhook_endpoints WHERE id = 'we_rot'`);
    expect(only.open(hook.s)).toBe('whsec_current');
    expect(only.open(hook.p)).toBe('whsec_plainold');
    const message = await one<{ v: string }>(`SELECT payload ->> 'to' AS v FROM outbox WHERE dedupe_key = 'rot-1'`);
    expect(only.open(message.v)).toBe('+4915123456789');
  });
});
