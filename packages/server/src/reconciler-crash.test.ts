/**
 * kill -9 and nobody comes back (docs/security.md, "Crashes"): the real backend process
 * (`omni-checkout serve --dev`) on PostgreSQL, paying through the Stripe provider against the
 * loopback fake of Stripe's API, is killed with SIGKILL before and after the provider call. The
 * page never retries. After a restart the reconciler alone ends each session paid once: one
 * PaymentIntent, one order, one confirmation email, no session left `processing`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateCheckoutSessionResponse } from '@omni-checkout/core';
import { startFakeStripe, type FakeStripe } from '@omni-checkout/stripe/fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomHex } from './crypto.js';
import { openPostgres, type Db } from './storage/index.js';
import { ADDRESS, CONTACT, SAMPLE_SESSION } from './test/env.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
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
if (!pgUp && process.env.CI === 'true') throw new Error('PostgreSQL is required in CI for the crash tests');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const MERCHANT = {
  name: 'Reconciler crash shop',
  publishableKey: 'pk_test_reconcileshop1',
  secretKey: 'sk_test_reconcileshop000000000001',
  allowedOrigins: ['https://reconcile.example'],
  providers: ['stripe'],
};

describe.runIf(pgUp)('kill -9 mid-payment, the shopper never returns: the reconciler settles (PostgreSQL, real process)', () => {
  const dbName = `omni_reconcile_${randomHex(6)}`;
  const scratch = mkdtempSync(join(tmpdir(), 'omni-reconcile-'));
  let admin: Db;
  let db: Db;
  let fake: FakeStripe;
  let databaseUrl: string;
  let port: number;
  let backend: ChildProcess | null = null;

  beforeAll(async () => {
    admin = openPostgres(adminUrl);
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    db = openPostgres(databaseUrl);
    // No webhooks: the reconciler alone must settle.
    fake = await startFakeStripe();
    port = await freePort();
    writeFileSync(join(scratch, 'seed.json'), JSON.stringify({ merchants: [MERCHANT] }));
  });

  afterAll(async () => {
    backend?.kill('SIGKILL');
    await fake?.close();
    await db?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function start(faultPoint?: string): Promise<ChildProcess> {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', 'serve', '--dev', '--port', String(port), '--seed', join(scratch, 'seed.json')],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          LOG_LEVEL: 'error',
          STRIPE_SECRET_KEY: 'sk_test_reconcilesuite00000000001',
          STRIPE_PUBLISHABLE_KEY: 'pk_test_reconcilesuite00000000001',
          STRIPE_API_BASE: fake.url,
          OMNI_CONFIRM_LEASE_SECONDS: '1',
          OMNI_RECONCILE_SECONDS: '1',
          OMNI_FAULT_POINT: faultPoint ?? '',
        },
      },
    );
    backend = child;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error('backend exited while starting');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('backend did not start');
  }

  const exited = (child: ChildProcess) =>
    new Promise<NodeJS.Signals | number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
      else child.once('exit', (code, signal) => resolve(signal ?? code));
    });

  const api = (path: string, init: RequestInit = {}, auth = MERCHANT.secretKey, extra: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json', ...extra } });
  const page = { 'omni-publishable-key': MERCHANT.publishableKey, origin: MERCHANT.allowedOrigins[0]! };

  async function readySession(): Promise<CreateCheckoutSessionResponse> {
    const created = (await (await api('/v1/checkout-sessions', { method: 'POST', body: JSON.stringify(SAMPLE_SESSION) })).json()) as CreateCheckoutSessionResponse;
    for (const [path, body] of [['contact', CONTACT], ['shipping-address', ADDRESS]] as const) {
      expect((await api(`/v1/client/checkout-sessions/${created.id}/${path}`, { method: 'POST', body: JSON.stringify(body) }, created.clientSecret, page)).status).toBe(200);
    }
    return created;
  }

  async function statusOf(id: string): Promise<string> {
    const { rows } = await db.query<{ status: string }>('SELECT status FROM checkout_sessions WHERE id = $1', [id]);
    return rows[0]!.status;
  }

  for (const point of ['confirm:before-provider-call', 'confirm:after-provider-call']) {
    it(`${point}: restarted, nobody retries → paid once by the reconciler`, async () => {
      const crashing = await start(point);
      const created = await readySession();
      const confirm = api(`/v1/client/checkout-sessions/${created.id}/confirm`, { method: 'POST', body: JSON.stringify({ paymentMethod: 'pm_card_visa' }) }, created.clientSecret, {
        ...page,
        'idempotency-key': 'only-attempt',
      });
      await expect(confirm).rejects.toThrow();
      expect(await exited(crashing)).toBe('SIGKILL');
      expect(await statusOf(created.id)).toBe('processing');

      const restarted = await start();
      const deadline = Date.now() + 60_000;
      while ((await statusOf(created.id)) === 'processing' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await statusOf(created.id)).toBe('complete');
      restarted.kill('SIGTERM');
      await exited(restarted);

      const intents = fake.paymentIntents().filter((pi) => pi.metadata.omni_session === created.id);
      expect(intents.map((pi) => pi.status)).toEqual(['succeeded']);
      const { rows: orders } = await db.query<{ payment_reference: string; amount: string }>('SELECT payment_reference, amount FROM orders WHERE session_id = $1', [created.id]);
      expect(orders).toEqual([{ payment_reference: intents[0]!.id, amount: expect.anything() }]);
      expect(Number(orders[0]!.amount)).toBe(intents[0]!.amount);
      const { rows: mails } = await db.query('SELECT 1 FROM outbox WHERE dedupe_key LIKE $1', [`%${created.id}%`]);
      expect(mails).toHaveLength(1);
      // The page's late retry reads the reconciler's stored answer.
      const { rows: answered } = await db.query<{ response_status: number }>('SELECT response_status FROM confirm_attempts WHERE session_id = $1', [created.id]);
      expect(answered).toEqual([{ response_status: 200 }]);
    }, 240_000);
  }
});
