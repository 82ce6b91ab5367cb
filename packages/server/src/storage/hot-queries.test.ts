/**
 * Every query of the hot paths (merchant and client API, confirm, webhook, sweeper, the merchant's
 * paginated lists) is planned on
 * PostgreSQL against 100k-row tables: none may scan a big table sequentially. The queries are not
 * listed by hand: a checkout runs through the app with a recording `Db`, and each distinct
 * statement it sent is EXPLAINed with the parameters it was sent with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomHex } from '../crypto.js';
import { clientFor, createMerchant, createSession, createTestEnv, merchantGet, merchantPost, SAMPLE_SESSION, type TestEnv } from '../test/env.js';
import { openPostgres, type Db, type Queryable } from './db.js';
import { migrate } from './migrations.js';
import { sweep } from './sweeper.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
async function reachable(url: string): Promise<boolean> {
  const probe = openPostgres(`${url}${url.includes('?') ? '&' : '?'}connect_timeout=2`);
  try {
    await probe.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await probe.close();
  }
}
const pgUp = await reachable(adminUrl);
if (!pgUp && process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI but ${new URL(adminUrl).host} did not answer`);

const ROWS = 100_000;
const BIG_TABLES = ['merchants', 'checkout_sessions', 'confirm_attempts', 'orders', 'provider_events', 'merchant_events', 'webhook_deliveries'];

/** A `Db` that remembers each statement (with its first parameters) it was asked to run. */
function recording(db: Db, seen: Map<string, readonly unknown[]>): Db {
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      if (!seen.has(sql)) seen.set(sql, params ?? []);
      return q.query(sql, params);
    },
  });
  return { ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))), lock: db.lock, close: () => db.close() };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
function seqScans(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

describe.runIf(pgUp)('hot queries on 100k-row tables (PostgreSQL)', () => {
  const name = `omni_plan_${randomHex(6)}`;
  let admin: Db;
  let db: Db;
  let env: TestEnv;
  const seen = new Map<string, readonly unknown[]>();

  beforeAll(async () => {
    admin = openPostgres(adminUrl);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    db = openPostgres(url.toString());
    await migrate(db);
    // 100k merchants, sessions (half expired long ago, a tenth paid), attempts, orders and provider events.
    await db.query(
      `INSERT INTO merchants (id, name, publishable_key, secret_key_hash, allowed_origins, provider_id, providers)
       SELECT 'mer_bulk_' || i, 'Bulk ' || i, 'pk_test_bulk_' || i, md5(i::text) || md5('s' || i), jsonb_build_array('https://bulk' || i || '.example'),
         'mock', '["mock"]'::jsonb FROM generate_series(1, $1) i`,
      [ROWS],
    );
    await db.query(
      `INSERT INTO checkout_sessions (id, merchant_id, client_secret_hash, status, livemode, currency, country, channel, line_items,
         shipping_options, provider_id, providers, expires_at, order_id, idempotency_key, request_hash, client_secret_sealed)
       SELECT 'cs_bulk_' || i, 'mer_bulk_' || (1 + i % 1000), md5('c' || i) || md5('d' || i),
         CASE WHEN i % 10 = 0 THEN 'complete' ELSE 'open' END, false, 'EUR', 'DE', 'web', '[]'::jsonb, '[]'::jsonb, 'mock', '["mock"]'::jsonb,
         now() + (CASE WHEN i % 2 = 0 THEN interval '1 day' ELSE interval '-30 days' END), CASE WHEN i % 10 = 0 THEN 'ord_bulk_' || i END,
         -- A third created with an Idempotency-Key.
         CASE WHEN i % 3 = 0 THEN 'key_' || i END, CASE WHEN i % 3 = 0 THEN md5('h' || i) END, CASE WHEN i % 3 = 0 THEN 'v1.bulk.' || md5('s' || i) END
       FROM generate_series(1, $1) i`,
      [ROWS],
    );
    await db.query(
      `INSERT INTO confirm_attempts (session_id, attempt, idempotency_key, request_hash, provider_idempotency_key, payment_method, provider_id,
         payment_reference, response_status, response_body)
       SELECT 'cs_bulk_' || i, 1, 'key_' || i, 'h', 'cs_bulk_' || i || ':confirm:1', 'pm', 'mock', 'ref_' || i, 200, '{}'
       FROM generate_series(1, $1) i`,
      [ROWS],
    );
    await db.query(
      `INSERT INTO orders (id, merchant_id, session_id, status, amount, currency, line_items, provider_id, payment_reference, created_at)
       SELECT 'ord_bulk_' || i, 'mer_bulk_' || (1 + i % 1000), 'cs_bulk_' || i, 'paid', 100, 'EUR', '[]'::jsonb, 'mock', 'ref_' || i,
         now() - i * interval '1 second'
       FROM generate_series(10, $1, 10) i`,
      [ROWS],
    );
    await db.query(
      `INSERT INTO provider_events (provider_id, event_id, type, reference, session_id, received_at)
       SELECT 'mock', 'evt_' || i, 'payment', 'ref_' || i, 'cs_bulk_' || i, now() - i * interval '1 minute' FROM generate_series(1, $1) i`,
      [ROWS],
    );
    // 100k merchant events of three types and 100k delivery attempts over 1000 endpoints (the lists' tables).
    await db.query(
      `INSERT INTO merchant_events (id, merchant_id, type, dedupe_key, data, created_at)
       SELECT 'evt_bulk_' || i, 'mer_bulk_' || (1 + i % 1000), (ARRAY['order.paid', 'refund.succeeded', 'payment.failed'])[1 + i % 3],
         'bulk:' || i, '{}'::jsonb, now() - i * interval '1 second'
       FROM generate_series(1, $1) i`,
      [ROWS],
    );
    await db.query(
      `INSERT INTO webhook_endpoints (id, merchant_id, url, events, secret)
       SELECT 'we_bulk_' || i, 'mer_bulk_' || i, 'https://bulk' || i || '.example/hook', '["*"]'::jsonb, 'whsec_bulk' FROM generate_series(1, 1000) i`,
    );
    await db.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, attempt, status_code, duration_ms)
       SELECT 'we_bulk_' || (1 + i % 1000), 'evt_bulk_' || i, 1, 200, 10 FROM generate_series(1, $1) i`,
      [ROWS],
    );
    for (const table of BIG_TABLES) await db.query(`ANALYZE ${table}`);

    const recorded = recording(db, seen);
    env = await createTestEnv({ db: recorded, app: { db: recorded } });
    // The hot paths, through the app: create (without and with an Idempotency-Key, and its repeat),
    // read (merchant and client), update, confirm (mock), replay, orders.
    const merchant = await createMerchant(env);
    const created = await createSession(env, merchant);
    for (let i = 0; i < 2; i++) {
      const keyed = await env.app.request('/v1/checkout-sessions', {
        method: 'POST',
        headers: { authorization: `Bearer ${merchant.secretKey}`, 'content-type': 'application/json', 'idempotency-key': 'plan-create-key' },
        body: JSON.stringify(SAMPLE_SESSION),
      });
      expect(keyed.status).toBe(201);
    }
    const client = clientFor(env, merchant, created);
    expect((await client.get()).status).toBe(200);
    await client.fill();
    expect((await client.post('/shipping-option', { shippingOptionId: 'express' })).status).toBe(200);
    expect((await merchantGet(env, merchant, `/v1/checkout-sessions/${created.id}`)).status).toBe(200);
    expect((await client.confirm('pm_ok', 'plan-key')).status).toBe(200);
    expect((await client.confirm('pm_ok', 'plan-key')).status).toBe(200);
    expect((await merchantGet(env, merchant, `/v1/orders?sessionId=${created.id}`)).status).toBe(200);
    // The paginated lists, each page kind: first, after a cursor, before one (and the empty page's cursor check).
    const endpoint = (await (await merchantPost(env, merchant, '/v1/webhook-endpoints', { url: 'https://hooks.example/omni', events: ['*'] })).json()) as { id: string };
    await env.db.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_id, attempt, status_code, duration_ms)
       SELECT $1, id, 1, 200, 10 FROM merchant_events WHERE merchant_id = (SELECT merchant_id FROM orders WHERE session_id = $2)`,
      [endpoint.id, created.id],
    );
    for (const path of ['/v1/orders', '/v1/events', '/v1/events?type=order.paid', `/v1/webhook-endpoints/${endpoint.id}/deliveries`]) {
      const first = (await (await merchantGet(env, merchant, `${path}${path.includes('?') ? '&' : '?'}limit=1`)).json()) as { data: { id: string }[] };
      const cursor = first.data[0]!.id;
      for (const page of [`startingAfter=${cursor}`, `endingBefore=${cursor}`]) {
        expect((await merchantGet(env, merchant, `${path}${path.includes('?') ? '&' : '?'}${page}`)).status).toBe(200);
      }
    }
    const preflight = await env.app.request(`/v1/client/checkout-sessions/${created.id}`, {
      method: 'OPTIONS',
      headers: { origin: merchant.origin, 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    // A provider event for the paid session (the webhook path's storage call), and a sweep.
    await env.storage.applyProviderEvent({
      providerId: 'mock',
      eventId: `evt_${randomHex(6)}`,
      type: 'payment',
      reference: 'ref_does_not_exist',
      sessionId: created.id,
      decide: () => null,
    });
    await sweep(recording(db, seen), { batchSize: 10, maxBatches: 1 });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.close();
  });

  it('no statement of the hot paths scans a 100k-row table sequentially', async () => {
    const planned = [...seen].filter(([sql]) => /^\s*(WITH|SELECT|UPDATE|DELETE|INSERT)/i.test(sql));
    expect(planned.length).toBeGreaterThan(15);
    const offenders: string[] = [];
    for (const [sql, params] of planned) {
      const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const scans = seqScans(rows[0]!['QUERY PLAN'][0].Plan).filter((table) => BIG_TABLES.includes(table));
      if (scans.length) offenders.push(`${scans.join(', ')}: ${sql.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    expect(offenders).toEqual([]);
  });
});
