/**
 * Key rotation (R32) reaches every kind of sealed value: after `rotate-keys` under a new first key,
 * the old key can be dropped and a shopper's email, a session's contact, a stored confirm response,
 * a webhook signing secret (also one stored in clear from before sealing), a pending message's
 * recipient and the client secret a create's Idempotency-Key keeps (also one kept in clear by a
 * storage without the vault) all still open; the count it reports is the number of values it rewrote.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { usePglite } from '../test/databases.js';
import type { CreateCheckoutSessionResponse } from '@omni-checkout/core';
import { createMerchant, createSession, createTestEnv, SAMPLE_SESSION, type AnyTestEnv, type TestMerchant } from '../test/env.js';
import { rotateKeys } from './rotate.js';
import { createVault } from './vault.js';

/** A create with an Idempotency-Key: the session keeps its client secret (sealed with the storage's vault, if any). */
async function createKeyed(env: AnyTestEnv, merchant: TestMerchant, key: string): Promise<CreateCheckoutSessionResponse> {
  const response = await env.app.request('/v1/checkout-sessions', {
    method: 'POST',
    headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(SAMPLE_SESSION),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreateCheckoutSessionResponse;
}

describe('rotateKeys', () => {
  // Migrated once, outside the test body (the migrations are not under test here).
  const getDb = usePglite();

  it('re-seals every sealed value under the new key, so the old key can be dropped', async () => {
    const oldKey = { id: 'old', key: randomBytes(32) };
    const newKey = { id: 'new', key: randomBytes(32) };
    const lookup = randomBytes(32);
    const before = createVault([oldKey], lookup);
    const env = await createTestEnv({ db: getDb(), vault: before });
    const db = env.db;
    const merchant = await createMerchant(env, 'Rotation');
    const session = await createSession(env, merchant);
    // A session created with an Idempotency-Key keeps its client secret, sealed under the old key.
    const keyed = await createKeyed(env, merchant, 'rotation-key');
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
    // shoppers (email, profile), session contact, confirm body, webhook secret and previous secret,
    // outbox recipient, the keyed session's client secret.
    expect(await rotateKeys(db, rotated)).toBe(8);
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
    const secret = await one<{ v: string }>('SELECT client_secret_sealed AS v FROM checkout_sessions WHERE id = $1', [keyed.id]);
    expect(secret.v).toMatch(/^v1\.new\./);
    expect(only.open(secret.v)).toBe(keyed.clientSecret);
    // A repeated create on a server with the new key alone answers the same client secret.
    const after = await createTestEnv({ db, vault: only });
    expect(await createKeyed(after, merchant, 'rotation-key')).toMatchObject({ id: keyed.id, clientSecret: keyed.clientSecret });
  });

  it('seals a client secret a storage without the vault kept in clear, so a server with the vault answers it again', async () => {
    // A database of its own: the count is this test's alone.
    const plain = await createTestEnv();
    try {
      const merchant = await createMerchant(plain, 'Plain');
      const keyed = await createKeyed(plain, merchant, 'plain-key');
      const stored = async () =>
        (await plain.db.query<{ v: string }>('SELECT client_secret_sealed AS v FROM checkout_sessions WHERE id = $1', [keyed.id])).rows[0]!.v;
      expect(await stored()).toBe(keyed.clientSecret);
      const vault = createVault([{ id: 'first', key: randomBytes(32) }], randomBytes(32));
      expect(await rotateKeys(plain.db, vault)).toBe(1);
      expect(await rotateKeys(plain.db, vault)).toBe(0);
      expect(await stored()).toMatch(/^v1\.first\./);
      expect(vault.open(await stored())).toBe(keyed.clientSecret);
      const sealed = await createTestEnv({ db: plain.db, vault });
      expect(await createKeyed(sealed, merchant, 'plain-key')).toMatchObject({ id: keyed.id, clientSecret: keyed.clientSecret });
    } finally {
      await plain.db.close();
    }
  });
});
