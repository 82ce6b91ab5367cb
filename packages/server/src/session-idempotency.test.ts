/**
 * `POST /v1/checkout-sessions` with an `Idempotency-Key`, on PGlite and PostgreSQL: the same key and
 * body answer the same session (id, client secret, its state now) with 201 again; another body is
 * 422 `idempotency_key_reused`; keys are the merchant's own; concurrent creates with one key open
 * one session; without a key every create opens one. The client secret a key keeps is sealed with
 * the vault, never logged; a create sends one statement with or without a key.
 */
import type { CreateCheckoutSessionResponse } from '@omni-checkout/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from './crypto.js';
import { randomVault } from './identity/vault.js';
import { createLogger } from './logger.js';
import { createApp } from './app.js';
import { storageFromDb, sweep } from './storage/index.js';
import { onEachDatabase } from './test/databases.js';
import { createFakeProvider } from './test/fake-provider.js';
import {
  SAMPLE_SESSION,
  clientFor,
  countRows,
  createMerchant,
  createTestEnv,
  merchantGet,
  type TestEnv,
  type TestMerchant,
} from './test/env.js';
import { countingDb, type StatementLog } from './test/statements.js';

const DAY = 24 * 3600_000;

onEachDatabase((name, getDb) => {
  const vault = randomVault();
  let env: TestEnv;
  let log: StatementLog;
  beforeAll(async () => {
    const counting = countingDb(getDb());
    log = counting.log;
    env = await createTestEnv({ db: counting.db, vault });
  });

  async function create(m: TestMerchant, body: unknown = SAMPLE_SESSION, key?: string): Promise<Response> {
    return env.app.request('/v1/checkout-sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${m.secretKey}`, 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
  async function created(response: Response): Promise<CreateCheckoutSessionResponse> {
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as CreateCheckoutSessionResponse;
  }
  async function sessionCount(m: TestMerchant): Promise<number> {
    const { rows } = await getDb().query<{ n: string | number }>(
      'SELECT count(*) AS n FROM checkout_sessions s JOIN merchants m ON m.id = s.merchant_id WHERE m.publishable_key = $1',
      [m.publishableKey],
    );
    return Number(rows[0]!.n);
  }
  const errorOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

  describe(`${name}: a create with an Idempotency-Key`, () => {
    it('answers the same session, id and client secret, with 201 again when the same key and body come back', async () => {
      const merchant = await createMerchant(env);
      const first = await created(await create(merchant, SAMPLE_SESSION, 'order-1001'));
      const again = await created(await create(merchant, SAMPLE_SESSION, 'order-1001'));
      expect(again).toEqual(first);
      expect(await sessionCount(merchant)).toBe(1);
      // The secret answered again is the session's: the page can use it.
      expect((await clientFor(env, merchant, again).get()).status).toBe(200);
    });

    it('answers the session as it is now (as a GET does), with its first client secret, after it changed', async () => {
      const merchant = await createMerchant(env);
      const first = await created(await create(merchant, SAMPLE_SESSION, 'paid-later'));
      const client = clientFor(env, merchant, first);
      await client.fill();
      expect((await client.confirm('pm_ok')).status).toBe(200);
      const again = await created(await create(merchant, SAMPLE_SESSION, 'paid-later'));
      expect(again.id).toBe(first.id);
      expect(again.clientSecret).toBe(first.clientSecret);
      expect(again.session.status).toBe('complete');
      expect(again.session.contact).toEqual({ email: 'ada@example.com' });
      expect(again.session).toEqual(await (await merchantGet(env, merchant, `/v1/checkout-sessions/${first.id}`)).json());
      // An expired one too.
      env.clock.now = new Date(env.clock.now.getTime() + 2 * DAY);
      try {
        const expiring = await created(await create(merchant, SAMPLE_SESSION, 'expires-later'));
        env.clock.now = new Date(env.clock.now.getTime() + 2 * DAY);
        const late = await created(await create(merchant, SAMPLE_SESSION, 'expires-later'));
        expect(late).toMatchObject({ id: expiring.id, clientSecret: expiring.clientSecret, session: { status: 'expired' } });
      } finally {
        env.clock.now = new Date();
      }
    });

    it('refuses the same key with another body (422 idempotency_key_reused) and writes nothing', async () => {
      const merchant = await createMerchant(env);
      const first = await created(await create(merchant, SAMPLE_SESSION, 'k-body'));
      const before = await countRows(getDb());
      const other = { ...SAMPLE_SESSION, currency: 'USD', country: 'US' };
      const reused = await create(merchant, other, 'k-body');
      expect(await errorOf(reused)).toEqual([422, 'idempotency_key_reused']);
      // The same object serialised otherwise is another body, as on every idempotent route (the raw body's hash).
      expect(await errorOf(await create(merchant, JSON.stringify(SAMPLE_SESSION, null, 2), 'k-body'))).toEqual([422, 'idempotency_key_reused']);
      expect(await countRows(getDb())).toEqual(before);
      // The key still answers its own session.
      expect((await created(await create(merchant, SAMPLE_SESSION, 'k-body'))).id).toBe(first.id);
    });

    it("keeps keys per merchant: another merchant's identical key opens its own session", async () => {
      const [a, b] = [await createMerchant(env, 'A'), await createMerchant(env, 'B')];
      const fromA = await created(await create(a, SAMPLE_SESSION, 'shared-key'));
      const fromB = await created(await create(b, { ...SAMPLE_SESSION, currency: 'USD' }, 'shared-key'));
      expect(fromB.id).not.toBe(fromA.id);
      expect(fromB.session.currency).toBe('USD');
      // B's session is B's: A cannot read it, and each key still answers its own merchant's session.
      expect((await merchantGet(env, a, `/v1/checkout-sessions/${fromB.id}`)).status).toBe(404);
      expect((await created(await create(a, SAMPLE_SESSION, 'shared-key'))).id).toBe(fromA.id);
      expect((await created(await create(b, { ...SAMPLE_SESSION, currency: 'USD' }, 'shared-key'))).id).toBe(fromB.id);
    });

    it('opens one session for 20 concurrent creates with one key, and answers it to each', async () => {
      const merchant = await createMerchant(env);
      const answers = await Promise.all(Array.from({ length: 20 }, () => create(merchant, SAMPLE_SESSION, 'burst').then(created)));
      expect(new Set(answers.map((a) => a.id)).size).toBe(1);
      expect(new Set(answers.map((a) => a.clientSecret)).size).toBe(1);
      expect(await sessionCount(merchant)).toBe(1);
      expect((await clientFor(env, merchant, answers[0]!).get()).status).toBe(200);
    });

    it('opens a new session for every create without a key, as before', async () => {
      const merchant = await createMerchant(env);
      const [one, two] = [await created(await create(merchant)), await created(await create(merchant))];
      expect(one.id).not.toBe(two.id);
      expect(await sessionCount(merchant)).toBe(2);
      const { rows } = await getDb().query('SELECT idempotency_key, request_hash, client_secret_sealed FROM checkout_sessions WHERE id = $1', [one.id]);
      expect(rows).toEqual([{ idempotency_key: null, request_hash: null, client_secret_sealed: null }]);
    });

    it('refuses a key that is not 1–255 visible characters (400 idempotency_key_required), and takes one of 255', async () => {
      const merchant = await createMerchant(env);
      for (const bad of ['', 'a b', 'x'.repeat(256), 'clé']) {
        expect(await errorOf(await create(merchant, SAMPLE_SESSION, bad)), JSON.stringify(bad)).toEqual([400, 'idempotency_key_required']);
      }
      expect(await sessionCount(merchant)).toBe(0);
      const long = `${'~'.repeat(254)}!`;
      const first = await created(await create(merchant, SAMPLE_SESSION, long));
      expect((await created(await create(merchant, SAMPLE_SESSION, long))).id).toBe(first.id);
    });

    it('keeps the client secret sealed with the vault (and its hash), never in clear, and never logs it', async () => {
      const merchant = await createMerchant(env);
      const logged = env.logs.length;
      const first = await created(await create(merchant, SAMPLE_SESSION, 'sealed'));
      await created(await create(merchant, SAMPLE_SESSION, 'sealed'));
      await create(merchant, { ...SAMPLE_SESSION, currency: 'USD' }, 'sealed');
      const { rows } = await getDb().query<Record<string, unknown>>('SELECT * FROM checkout_sessions WHERE id = $1', [first.id]);
      const row = rows[0]!;
      expect(row).toMatchObject({ idempotency_key: 'sealed', client_secret_hash: sha256(first.clientSecret) });
      expect(row.request_hash).toBe(sha256(JSON.stringify(SAMPLE_SESSION)));
      expect(row.client_secret_sealed).toMatch(/^v1\.test\./);
      expect(vault.open(row.client_secret_sealed as string)).toBe(first.clientSecret);
      expect(JSON.stringify(rows)).not.toContain(first.clientSecret);
      const lines = env.logs.slice(logged).join('');
      expect(lines).toContain('"status":422');
      expect(lines).not.toContain(first.clientSecret);
      expect(lines).not.toContain(first.clientSecret.slice(-64));
    });

    it('answers the session its key opened even when the merchant could not open it now (its providers changed)', async () => {
      const merchant = await createMerchant(env);
      const first = await created(await create(merchant, SAMPLE_SESSION, 'before-change'));
      // The merchant now names a provider this server does not run: a new session is refused (503).
      await env.storage.upsertMerchant({ name: 'Test Shop', publishableKey: merchant.publishableKey, secretKey: merchant.secretKey, allowedOrigins: [merchant.origin], providers: ['stripe'] });
      expect(await errorOf(await create(merchant, SAMPLE_SESSION, 'after-change'))).toEqual([503, 'provider_error']);
      expect(await created(await create(merchant, SAMPLE_SESSION, 'before-change'))).toMatchObject({ id: first.id, clientSecret: first.clientSecret });
      expect(await errorOf(await create(merchant, { ...SAMPLE_SESSION, currency: 'USD' }, 'before-change'))).toEqual([422, 'idempotency_key_reused']);
    });

    it('forgets the key with its session: once the sweeper purged it, the key opens a new session', async () => {
      const merchant = await createMerchant(env);
      const first = await created(await create(merchant, SAMPLE_SESSION, 'swept'));
      // Abandoned: expired more than the retention (7 days) ago.
      await getDb().query(`UPDATE checkout_sessions SET expires_at = now() - interval '8 days' WHERE id = $1`, [first.id]);
      await sweep(getDb(), { batchSize: 10_000 });
      expect(await sessionCount(merchant)).toBe(0);
      const next = await created(await create(merchant, SAMPLE_SESSION, 'swept'));
      expect(next.id).not.toBe(first.id);
      expect((await created(await create(merchant, SAMPLE_SESSION, 'swept'))).id).toBe(next.id);
    });
  });

  describe(`${name}: the statements of a create`, () => {
    async function statementsOf(send: () => Promise<Response>): Promise<string[]> {
      log.reset();
      expect([200, 201]).toContain((await send()).status);
      return log.sent.map((sql) => {
        const text = sql.replace(/\s+/g, ' ');
        if (/^WITH s AS \( ?INSERT INTO checkout_sessions .* ON CONFLICT \(merchant_id, idempotency_key\)/.test(text)) return 'insert, or nothing for a known key';
        if (/^WITH s AS \( ?INSERT INTO checkout_sessions /.test(text)) return 'insert';
        if (/^SELECT .* FROM checkout_sessions s JOIN merchants m .* WHERE s\.merchant_id = \$1 AND s\.idempotency_key = \$2$/.test(text)) return 'session by key';
        return text.slice(0, 80);
      });
    }

    it('sends one statement without a key, one with a new key, and two when the key is known', async () => {
      const merchant = await createMerchant(env);
      // The merchant is cached after its first request: the creates' statements are their own.
      await create(merchant);
      expect(await statementsOf(() => create(merchant))).toEqual(['insert']);
      expect(await statementsOf(() => create(merchant, SAMPLE_SESSION, 'counted'))).toEqual(['insert, or nothing for a known key']);
      expect(await statementsOf(() => create(merchant, SAMPLE_SESSION, 'counted'))).toEqual(['insert, or nothing for a known key', 'session by key']);
    });
  });

  describe(`${name}: without a vault (an embedding without OMNI_DATA_KEYS, tests)`, () => {
    it('keeps the client secret as it is and answers it again; a sealed one is never answered without the vault', async () => {
      const storage = storageFromDb(getDb());
      const app = createApp({ storage, providers: [createFakeProvider()], logger: createLogger({ level: 'silent' }) });
      const plainEnv = { ...env, app, storage };
      const merchant = await createMerchant(plainEnv);
      const send = async (key: string): Promise<Response> =>
        app.request('/v1/checkout-sessions', {
          method: 'POST',
          headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(SAMPLE_SESSION),
        });
      const first = await created(await send('plain'));
      expect(await created(await send('plain'))).toEqual(first);
      // A session whose key was kept sealed (by a server with the vault) is an error here, not a wrong secret.
      await getDb().query('UPDATE checkout_sessions SET client_secret_sealed = $2 WHERE id = $1', [first.id, vault.seal(first.clientSecret)]);
      expect((await send('plain')).status).toBe(500);
    });
  });
});
