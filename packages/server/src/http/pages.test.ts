/**
 * Cursor pagination of the merchant's lists (http/pages.ts, storage/pages.ts): every object once,
 * in order, in pages of any size; `hasMore` false on the last page; another merchant's cursor and
 * a bad `limit` refused with their stable codes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../storage/index.js';
import { onEachDatabase } from '../test/databases.js';
import { createMerchant, createTestEnv, merchantGet, merchantPost, type TestEnv, type TestMerchant } from '../test/env.js';

interface List {
  object: 'list';
  data: { id: string }[];
  hasMore: boolean;
}
interface ErrorAnswer {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

onEachDatabase((_name, getDb: () => Db) => {
  let env: TestEnv;
  let shop: TestMerchant;
  let other: TestMerchant;
  /** The shop's order ids, newest first, as the database orders them. */
  let orderIds: string[];
  let otherOrderId: string;

  const merchantId = async (m: TestMerchant) =>
    (await env.db.query<{ id: string }>('SELECT id FROM merchants WHERE publishable_key = $1', [m.publishableKey])).rows[0]!.id;

  /**
   * `count` paid orders (each with its session, and its `order.paid` event from the trigger) in one
   * statement. Every three share a second; within those, two share the same microsecond, so the id
   * breaks ties and a cursor's microseconds matter.
   */
  async function seedOrders(m: TestMerchant, prefix: string, count: number): Promise<void> {
    const id = await merchantId(m);
    await env.db.query(
      `WITH s AS (
         INSERT INTO checkout_sessions (id, merchant_id, client_secret_hash, status, livemode, currency, country, channel, line_items,
           shipping_options, provider_id, providers, expires_at)
         SELECT 'cs_${prefix}_' || i, $1, md5('${prefix}' || i) || md5('x' || i), 'complete', false, 'EUR', 'DE', 'web', '[]'::jsonb,
           '[]'::jsonb, 'mock', '["mock"]'::jsonb, now() + interval '1 day'
         FROM generate_series(1, $2) i RETURNING id)
       INSERT INTO orders (id, merchant_id, session_id, status, amount, currency, line_items, provider_id, payment_reference, created_at)
       SELECT 'ord_${prefix}_' || lpad(i::text, 4, '0'), $1, 'cs_${prefix}_' || i, 'paid', 100, 'EUR', '[]'::jsonb, 'mock', 'ref_${prefix}_' || i,
         timestamptz '2025-01-01' + (i / 3) * interval '1 second' + (CASE WHEN i % 3 = 2 THEN interval '1 microsecond' ELSE interval '0' END)
       FROM generate_series(1, $2) i WHERE EXISTS (SELECT 1 FROM s)`,
      [id, count],
    );
  }

  const get = async <T>(m: TestMerchant, path: string, status = 200): Promise<T> => {
    const response = await merchantGet(env, m, path);
    const body = (await response.json()) as T;
    expect(response.status, JSON.stringify(body)).toBe(status);
    return body;
  };

  /** Every id of a list, walked page by page with `startingAfter`; the `hasMore` of each page. */
  async function walk(m: TestMerchant, path: string, limit: number): Promise<{ ids: string[]; hasMore: boolean[] }> {
    const ids: string[] = [];
    const hasMore: boolean[] = [];
    const join = path.includes('?') ? '&' : '?';
    for (let after: string | undefined; ; ) {
      const page = await get<List>(m, `${path}${join}limit=${limit}${after ? `&startingAfter=${after}` : ''}`);
      expect(page.object).toBe('list');
      expect(page.data.length).toBeLessThanOrEqual(limit);
      ids.push(...page.data.map((o) => o.id));
      hasMore.push(page.hasMore);
      if (!page.hasMore) return { ids, hasMore };
      after = page.data.at(-1)!.id;
      expect(hasMore.length).toBeLessThan(1000);
    }
  }

  beforeAll(async () => {
    env = await createTestEnv({ db: getDb(), app: { db: getDb() } });
    shop = await createMerchant(env, 'Paged Shop');
    other = await createMerchant(env, 'Other Shop');
    await seedOrders(shop, 'a', 250);
    await seedOrders(other, 'b', 3);
    const { rows } = await env.db.query<{ id: string }>('SELECT id FROM orders WHERE merchant_id = $1 ORDER BY created_at DESC, id DESC', [await merchantId(shop)]);
    orderIds = rows.map((row) => row.id);
    otherOrderId = 'ord_b_0002';
  }, 60_000);

  describe('GET /v1/orders pages', () => {
    it('walks 250 orders in pages of 100 and of 7: each once, newest first, hasMore false only on the last page', async () => {
      expect(orderIds).toHaveLength(250);
      for (const limit of [100, 7]) {
        const { ids, hasMore } = await walk(shop, '/v1/orders', limit);
        expect(ids).toEqual(orderIds);
        expect(hasMore).toHaveLength(Math.ceil(250 / limit));
        expect(hasMore.at(-1)).toBe(false);
        expect(hasMore.slice(0, -1).every(Boolean)).toBe(true);
      }
    });

    it('answers the same first page as before without limit (100), now with hasMore', async () => {
      const page = await get<List>(shop, '/v1/orders');
      expect(page.data.map((o) => o.id)).toEqual(orderIds.slice(0, 100));
      expect(page.hasMore).toBe(true);
      expect((await get<List>(other, '/v1/orders')).hasMore).toBe(false);
    });

    it('pages backwards with endingBefore, newest first within the page', async () => {
      const middle = await get<List>(shop, `/v1/orders?limit=7&endingBefore=${orderIds[150]}`);
      expect(middle.data.map((o) => o.id)).toEqual(orderIds.slice(143, 150));
      expect(middle.hasMore).toBe(true);
      const top = await get<List>(shop, `/v1/orders?limit=7&endingBefore=${orderIds[3]}`);
      expect(top.data.map((o) => o.id)).toEqual(orderIds.slice(0, 3));
      expect(top.hasMore).toBe(false);
    });

    it('answers an empty last page after the oldest order, and filters by session across pages', async () => {
      expect(await get<List>(shop, `/v1/orders?startingAfter=${orderIds.at(-1)}`)).toEqual({ object: 'list', data: [], hasMore: false });
      const one = await get<List>(shop, `/v1/orders?sessionId=cs_a_7&limit=1`);
      expect(one.data.map((o) => o.id)).toEqual(['ord_a_0007']);
      expect(one.hasMore).toBe(false);
    });

    it("refuses another merchant's order as a cursor exactly like an unknown id, and leaks nothing of it", async () => {
      const foreign = await get<ErrorAnswer>(shop, `/v1/orders?startingAfter=${otherOrderId}`, 400);
      const unknown = await get<ErrorAnswer>(shop, '/v1/orders?startingAfter=ord_never_made', 400);
      expect(foreign.error.code).toBe('cursor_not_found');
      expect(foreign.error.message).toBe(unknown.error.message.replace('ord_never_made', otherOrderId));
      expect(foreign.error.issues).toEqual([{ path: 'startingAfter', message: 'No such order' }]);
      expect(JSON.stringify(foreign)).not.toMatch(/ord_b_|cs_b_|ref_b_/);
      expect((await get<ErrorAnswer>(shop, `/v1/orders?endingBefore=${otherOrderId}`, 400)).error.issues?.[0]?.path).toBe('endingBefore');
    });

    it('refuses a bad limit, both cursors at once, and unknown parameters with a message a person understands', async () => {
      for (const limit of ['0', '101', 'abc', '1.5', '-3', '']) {
        const answer = await get<ErrorAnswer>(shop, `/v1/orders?limit=${limit}`, 400);
        expect(answer.error.code).toBe('validation_failed');
        expect(answer.error.message).toBe('Some fields are missing or invalid (limit: Use a whole number from 1 to 100).');
      }
      const both = await get<ErrorAnswer>(shop, `/v1/orders?startingAfter=${orderIds[1]}&endingBefore=${orderIds[0]}`, 400);
      expect(both.error.message).toBe('Some fields are missing or invalid (endingBefore: Send startingAfter or endingBefore, not both).');
      expect((await get<ErrorAnswer>(shop, '/v1/orders?offset=100', 400)).error.issues).toEqual([{ path: 'offset', message: 'Unknown field' }]);
    });
  });

  describe('GET /v1/events pages', () => {
    it('walks the 250 order.paid events (one transaction: all of one created_at) in pages of 100 and 7, each once', async () => {
      const { rows } = await env.db.query<{ id: string }>(
        `SELECT id FROM merchant_events WHERE merchant_id = $1 AND type = 'order.paid' ORDER BY created_at DESC, id DESC`,
        [await merchantId(shop)],
      );
      expect(rows).toHaveLength(250);
      for (const limit of [100, 7]) {
        const { ids, hasMore } = await walk(shop, '/v1/events?type=order.paid', limit);
        expect(ids).toEqual(rows.map((row) => row.id));
        expect(hasMore.at(-1)).toBe(false);
      }
      expect((await walk(shop, '/v1/events', 100)).ids).toHaveLength(250);
    });

    it("refuses another merchant's event as a cursor", async () => {
      const { rows } = await env.db.query<{ id: string }>('SELECT id FROM merchant_events WHERE merchant_id = $1 LIMIT 1', [await merchantId(other)]);
      const answer = await get<ErrorAnswer>(shop, `/v1/events?startingAfter=${rows[0]!.id}`, 400);
      expect(answer.error.code).toBe('cursor_not_found');
      expect((await get<ErrorAnswer>(shop, '/v1/events?limit=500', 400)).error.code).toBe('validation_failed');
    });
  });

  describe('GET /v1/webhook-endpoints/{id}/deliveries pages', () => {
    it('walks 25 attempts in pages of 7 and refuses a delivery of another endpoint as a cursor', async () => {
      const endpoint = async (m: TestMerchant) => {
        const response = await merchantPost(env, m, '/v1/webhook-endpoints', { url: 'https://hooks.example/omni', events: ['order.paid'] });
        expect(response.status).toBe(201);
        return ((await response.json()) as { id: string }).id;
      };
      const mine = await endpoint(shop);
      const theirs = await endpoint(other);
      const log = (endpointId: string, merchant: string, count: number) =>
        env.db.query(
          `INSERT INTO webhook_deliveries (endpoint_id, event_id, attempt, status_code, error, duration_ms)
           SELECT $1, (SELECT id FROM merchant_events WHERE merchant_id = $2 LIMIT 1), i, 500, NULL, 12 FROM generate_series(1, $3) i`,
          [endpointId, merchant, count],
        );
      await log(mine, await merchantId(shop), 25);
      await log(theirs, await merchantId(other), 2);
      const { ids, hasMore } = await walk(shop, `/v1/webhook-endpoints/${mine}/deliveries`, 7);
      expect(ids).toHaveLength(25);
      expect(new Set(ids).size).toBe(25);
      expect(ids.map((id) => Number(id.slice(4)))).toEqual([...ids.map((id) => Number(id.slice(4)))].sort((a, b) => b - a));
      expect(hasMore).toEqual([true, true, true, false]);
      const back = await get<List>(shop, `/v1/webhook-endpoints/${mine}/deliveries?limit=3&endingBefore=${ids[10]}`);
      expect(back).toMatchObject({ data: ids.slice(7, 10).map((id) => ({ id })), hasMore: true });
      const first = await get<List>(shop, `/v1/webhook-endpoints/${mine}/deliveries`);
      expect(first.data).toHaveLength(25);
      expect(first.hasMore).toBe(false);

      const foreign = (await get<List>(other, `/v1/webhook-endpoints/${theirs}/deliveries`)).data[0]!.id;
      const refused = await get<ErrorAnswer>(shop, `/v1/webhook-endpoints/${mine}/deliveries?startingAfter=${foreign}`, 400);
      expect(refused.error.code).toBe('cursor_not_found');
      expect((await get<ErrorAnswer>(shop, `/v1/webhook-endpoints/${mine}/deliveries?startingAfter=ord_a_0001`, 400)).error.code).toBe('validation_failed');
      // The other merchant's endpoint itself stays a 404, cursor or not.
      expect((await get<ErrorAnswer>(shop, `/v1/webhook-endpoints/${theirs}/deliveries?limit=1`, 404)).error.code).toBe('webhook_endpoint_not_found');
    });
  });
});
