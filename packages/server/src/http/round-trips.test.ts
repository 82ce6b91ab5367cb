/**
 * Database statements per request on the hot paths, counted through the app with a counting `Db`
 * (docs/backend-operations.md, "Third pass"): each statement is a round trip to PostgreSQL and a
 * socket write. A gate registered for both `/x` and `/x/*` ran twice for `/x` (Hono's `/x/*`
 * matches `/x`): the session read made two identical queries. The ceilings are today's counts.
 */
import { beforeAll, expect, it } from 'vitest';
import { createStorage, type Db, type Queryable } from '../storage/index.js';
import { clientFor, createMerchant, createSession, createTestEnv, type TestEnv, type TestMerchant } from '../test/env.js';

let statements: string[] = [];
function counting(db: Db): Db {
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      statements.push(sql);
      return q.query(sql, params);
    },
  });
  return { ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))), lock: db.lock, close: () => db.close() };
}

let env: TestEnv;
let merchant: TestMerchant;
beforeAll(async () => {
  const { db } = await createStorage({ dataDir: null });
  env = await createTestEnv({ db: counting(db) });
  merchant = await createMerchant(env);
});

async function counted(request: () => Promise<Response>, status: number): Promise<string[]> {
  statements = [];
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
  expect(read[0]).toMatch(/FROM checkout_sessions s JOIN merchants m/);
  const create = await counted(() => createSession(env, merchant).then(() => new Response(null, { status: 201 })), 201);
  expect(create).toHaveLength(1);
});

it('a confirm (fake provider) stays within its statements, transactions included', async () => {
  const created = await createSession(env, merchant);
  const client = clientFor(env, merchant, created);
  await client.fill();
  const confirm = await counted(() => client.confirm('pm_ok'), 200);
  // BEGIN and COMMIT are statements of their own on PostgreSQL (pg's `transaction` sends them); they
  // are not seen here, where `transaction` is the driver's. The ceiling is the count after this pass.
  expect(confirm.length).toBeLessThanOrEqual(9);
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
