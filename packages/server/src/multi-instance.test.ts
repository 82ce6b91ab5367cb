/**
 * Several backend processes on one PostgreSQL (as behind a load balancer): three `omni-checkout
 * serve` processes, requests spread across them. Every lock that matters is in the database, so
 * the concurrency cases hold across processes exactly as within one: 50 parallel confirms of one
 * session → one order and one charge; PayPal's approval webhook racing the page's capture on
 * another instance → one capture. Skipped without PostgreSQL (required in CI).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateCheckoutSessionResponse, PrepareResponse } from '@omni-checkout/core';
import { startPayPalRestFake, type PayPalRestFake } from '@omni-checkout/paypal/testing';
import { randomHex } from './crypto.js';
import { openPostgres, type Db } from './storage/db.js';
import { migrate } from './storage/migrations.js';
import { ADDRESS, CONTACT, SAMPLE_SESSION } from './test/env.js';

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

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const INSTANCES = 3;
const MOCK = { name: 'Mock shop', publishableKey: `pk_test_multi_mock_${randomHex(4)}`, secretKey: `sk_test_multi_mock_${randomHex(12)}`, allowedOrigins: ['https://mock.multi.example'] };
const PAYPAL = { ...MOCK, name: 'PayPal shop', publishableKey: `pk_test_multi_pp_${randomHex(4)}`, secretKey: `sk_test_multi_pp_${randomHex(12)}`, allowedOrigins: ['https://pp.multi.example'], providers: ['paypal'] };
type Shop = typeof MOCK;

/** Starts `omni-checkout serve` from source on a free port; resolves with its base URL once it listens. */
function startInstance(env: NodeJS.ProcessEnv, seed: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/cli.ts', 'serve', '--dev', '--port', '0', '--seed', seed], {
    cwd: packageDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (!line.includes('omni-checkout listening')) return;
      resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}: ${output.join('\n').slice(-3000)}`)));
  });
}

describe.runIf(pgUp)('three instances on one PostgreSQL', () => {
  const name = `omni_multi_${randomHex(6)}`;
  const dir = mkdtempSync(join(tmpdir(), 'omni-multi-'));
  let admin: Db;
  let db: Db;
  let fake: PayPalRestFake;
  const instances: { url: string; child: ChildProcess }[] = [];

  beforeAll(async () => {
    admin = openPostgres(adminUrl);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    db = openPostgres(url.toString());
    await migrate(db);
    fake = await startPayPalRestFake();
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify({ merchants: [MOCK, PAYPAL] }));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: url.toString(),
      DATABASE_POOL_SIZE: '8',
      PAYPAL_CLIENT_ID: fake.clientId,
      PAYPAL_CLIENT_SECRET: fake.clientSecret,
      PAYPAL_API_BASE: fake.url,
      PAYPAL_WEBHOOK_ID: fake.webhookId,
      PAYPAL_WEBHOOK_VERIFICATION: 'api',
    };
    instances.push(...(await Promise.all(Array.from({ length: INSTANCES }, () => startInstance(env, seed)))));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      instances.map(({ child }) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')) : null)),
    );
    await fake?.close();
    await db?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Instance `i` (mod 3): consecutive calls land on different processes. */
  const at = (i: number) => instances[i % INSTANCES]!.url;

  async function session(shop: Shop) {
    const response = await fetch(`${at(0)}/v1/checkout-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(SAMPLE_SESSION),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreateCheckoutSessionResponse;
    const post = (i: number, path: string, body: unknown, extra: Record<string, string> = {}) =>
      fetch(`${at(i)}/v1/client/checkout-sessions/${created.id}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${created.clientSecret}`,
          'omni-publishable-key': shop.publishableKey,
          origin: shop.allowedOrigins[0]!,
          'content-type': 'application/json',
          ...extra,
        },
        body: JSON.stringify(body),
      });
    expect((await post(1, '/contact', CONTACT)).status).toBe(200);
    expect((await post(2, '/shipping-address', ADDRESS)).status).toBe(200);
    return { created, post };
  }

  const count = async (sql: string, id: string) => Number((await db.query<{ n: string }>(sql, [id])).rows[0]!.n);
  const orders = (sessionId: string) => count('SELECT count(*) AS n FROM orders WHERE session_id = $1', sessionId);
  const attempts = (sessionId: string) => count('SELECT count(*) AS n FROM confirm_attempts WHERE session_id = $1', sessionId);

  it('50 parallel confirms of one session spread over 3 instances → 1 order, 1 charge', async () => {
    const { created, post } = await session(MOCK);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(i, '/confirm', { paymentMethod: 'pm_mock_success_4242' }, { 'idempotency-key': `multi-${i}` })),
    );
    const statuses = responses.map((r) => r.status);
    // One attempt wins; the others find the session busy (409) or already paid.
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(await orders(created.id)).toBe(1);
    // One attempt is one provider call: the mock provider charged once.
    expect(await attempts(created.id)).toBe(1);
  });

  it('50 parallel PayPal confirms of one session over 3 instances → 1 capture call at PayPal, 1 order', async () => {
    const { created, post } = await session(PAYPAL);
    const { reference } = (await (await post(0, '/prepare', { method: 'paypal' }, { 'idempotency-key': randomHex(8) })).json()) as PrepareResponse;
    fake.approve(reference);
    fake.captureDelayMs = 30;
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => post(i, '/confirm', { paymentMethod: reference, provider: 'paypal' }, { 'idempotency-key': `pp-${i}` })));
    } finally {
      fake.captureDelayMs = 0;
    }
    expect(fake.requests.filter((r) => r === `POST /v2/checkout/orders/${reference}/capture`)).toHaveLength(1);
    expect(fake.captures.filter((c) => c.custom_id === created.id)).toHaveLength(1);
    expect(await orders(created.id)).toBe(1);
  });

  it("PayPal's approval webhook on one instance racing the page's capture on another → 1 capture", async () => {
    for (let round = 0; round < 3; round++) {
      const { created, post } = await session(PAYPAL);
      const { reference } = (await (await post(round, '/prepare', { method: 'paypal' }, { 'idempotency-key': randomHex(8) })).json()) as PrepareResponse;
      const approved = fake.approve(reference);
      const delivery = fake.signWebhook({ id: `WH-${randomHex(8)}`, event_type: 'CHECKOUT.ORDER.APPROVED', resource_type: 'checkout-order', resource: approved });
      fake.captureDelayMs = 30;
      try {
        const [page, hook] = await Promise.all([
          post(round, '/confirm', { paymentMethod: reference, provider: 'paypal' }, { 'idempotency-key': `page-${round}` }),
          fetch(`${at(round + 1)}/v1/webhooks/paypal`, { method: 'POST', headers: delivery.headers, body: delivery.body }),
        ]);
        expect(hook.status).toBe(200);
        expect([200, 409]).toContain(page.status);
      } finally {
        fake.captureDelayMs = 0;
      }
      expect(fake.requests.filter((r) => r === `POST /v2/checkout/orders/${reference}/capture`)).toHaveLength(1);
      expect(fake.captures.filter((c) => c.custom_id === created.id)).toHaveLength(1);
      expect(await orders(created.id)).toBe(1);
    }
  });
});
