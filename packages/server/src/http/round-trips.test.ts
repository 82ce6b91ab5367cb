/**
 * Database statements and round trips per request on the hot paths, counted through the app with a
 * counting `Db` (docs/backend-operations.md, "Third pass" to "Sixth pass"; a confirm's every
 * statement with the identity network on, BEGIN and COMMIT included: `confirm-statements.test.ts`):
 * each round trip is a wait for PostgreSQL's answer. A gate registered for both `/x` and `/x/*` ran
 * twice for `/x` (Hono's `/x/*` matches `/x`): the session read made two identical queries. The
 * ceilings are today's counts.
 *
 * Round trips are counted as on PostgreSQL (`storage/db.ts`, pipeline mode): a statement sent while
 * another is waiting for its answer travels with it; a transaction's BEGIN travels with its first
 * statement; its COMMIT is a round trip of its own unless it went with the last statement (`last`).
 */
import { beforeAll, expect, it } from 'vitest';
import { commitWith, createStorage, type Db, type Queryable } from '../storage/index.js';
import { clientFor, createMerchant, createSession, createTestEnv, type TestEnv, type TestMerchant } from '../test/env.js';

let statements: string[] = [];
let trips = 0;
let waiting = 0;
function send<T>(query: Queryable['query'], sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }> {
  statements.push(sql);
  if (waiting++ === 0) trips += 1;
  const answer = query<T>(sql, params);
  const done = () => {
    waiting -= 1;
  };
  answer.then(done, done);
  return answer;
}
function counting(db: Db): Db {
  return {
    query: (sql, params) => send(db.query.bind(db), sql, params),
    transaction: (fn) =>
      db.transaction(async (tx) => {
        let committed = false;
        const result = await fn({
          query: (sql, params) => send(tx.query.bind(tx), sql, params),
          last: (sql, params) => {
            committed = true;
            return send((s, p) => commitWith(tx, s, p), sql, params);
          },
        });
        // A COMMIT sent on its own.
        if (!committed) trips += 1;
        return result;
      }),
    lock: db.lock,
    close: () => db.close(),
  };
}

let env: TestEnv;
let merchant: TestMerchant;
beforeAll(async () => {
  const { db } = await createStorage({ dataDir: null });
  env = await createTestEnv({ db: counting(db) });
  merchant = await createMerchant(env);
});

async function counted(request: () => Response | Promise<Response>, status: number): Promise<string[]> {
  statements = [];
  trips = 0;
  expect((await request()).status).toBe(status);
  return statements;
}

it('a session read by client secret is one statement; creating a session is one', async () => {
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  await client.fill();
  // The merchant is cached after its first request; the read is the session (with the merchant's name).
  await client.get();
  const read = await counted(() => client.get(), 200);
  expect(read).toHaveLength(1);
  expect(trips).toBe(1);
  expect(read[0]).toMatch(/FROM checkout_sessions s JOIN merchants m/);
  const create = await counted(() => createSession(env, merchant).then(() => new Response(null, { status: 201 })), 201);
  expect(create).toHaveLength(1);
  expect(trips).toBe(1);
});

it('a confirm (fake provider) stays within its statements, transactions included', async () => {
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  await client.fill();
  const confirm = await counted(() => client.confirm('pm_ok'), 200);
  // The session read; the confirm's start (one statement: the update and the attempt); the
  // settlement (the lock with BEGIN; the order, the tenders and the session in one statement; the
  // order email; the stored response with COMMIT). 13 round trips before the fourth pass, 7 before the sixth.
  expect(confirm.length).toBeLessThanOrEqual(6);
  expect(trips).toBeLessThanOrEqual(6);
});

it('/healthz writes no log line and runs no query; a read writes one line', async () => {
  const before = env.logs.length;
  const health = await counted(() => env.app.request('/healthz'), 200);
  expect(health).toHaveLength(0);
  expect(env.logs.length).toBe(before);
  const created = await createSession(env, merchant);
  const lines = env.logs.length;
  await clientFor(env, merchant, created).get();
  expect(env.logs.slice(lines).filter((line) => line.includes('"msg":"request"'))).toHaveLength(1);
});
