/**
 * Exactly-once charging under crashes (SECURITY R10, R34): the real backend process
 * (`omni-checkout serve`) on PostgreSQL, paying through the Stripe provider against the loopback
 * fake of Stripe's API, is killed with SIGKILL before the provider call, after it, and after the
 * commit. It is restarted and the page retries its request with the same Idempotency-Key: each
 * session ends with one PaymentIntent, one order and one confirmation email.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfirmResponse, CreateCheckoutSessionResponse } from '@omni-checkout/core';
import { startFakeStripe, type FakeStripe } from '@omni-checkout/stripe/fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './storage/index.js';
import { postgresReachable, usePostgres } from './test/databases.js';
import { ADDRESS, CONTACT, SAMPLE_SESSION } from './test/env.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const MERCHANT = {
  name: 'Crash test shop',
  publishableKey: 'pk_test_crashshop0001',
  secretKey: 'sk_test_crashshop00000000000001',
  allowedOrigins: ['https://crash.example'],
  providers: ['stripe'],
};

describe.runIf(postgresReachable)('kill -9 during a Stripe payment (PostgreSQL, real backend process)', () => {
  // Not migrated here: the backend process migrates it, as in production.
  const database = usePostgres('omni_crash', { migrate: false });
  const scratch = mkdtempSync(join(tmpdir(), 'omni-crash-'));
  let db: Db;
  let fake: FakeStripe;
  let databaseUrl: string;
  let port: number;
  let backend: ChildProcess | null = null;

  beforeAll(async () => {
    databaseUrl = database.url();
    db = database();
    // Webhooks stay off: exactly-once must hold from the retry alone.
    fake = await startFakeStripe();
    port = await freePort();
    writeFileSync(join(scratch, 'seed.json'), JSON.stringify({ merchants: [MERCHANT] }));
  });

  afterAll(async () => {
    backend?.kill('SIGKILL');
    await fake?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Starts `omni-checkout serve`; resolves once it answers /healthz. */
  async function start(faultPoint?: string, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', 'serve', '--port', String(port), '--seed', join(scratch, 'seed.json')],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: databaseUrl,
          LOG_LEVEL: 'error',
          STRIPE_SECRET_KEY: 'sk_test_crashsuite000000000000001',
          STRIPE_PUBLISHABLE_KEY: 'pk_test_crashsuite000000000000001',
          STRIPE_API_BASE: fake.url,
          ...(faultPoint ? { OMNI_FAULT_POINT: faultPoint } : { OMNI_FAULT_POINT: '' }),
          ...extraEnv,
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
    fetch(`http://127.0.0.1:${port}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json', ...extra },
    });

  async function readySession(): Promise<CreateCheckoutSessionResponse> {
    const created = (await (await api('/v1/checkout-sessions', { method: 'POST', body: JSON.stringify(SAMPLE_SESSION) })).json()) as CreateCheckoutSessionResponse;
    const page = { 'omni-publishable-key': MERCHANT.publishableKey, origin: MERCHANT.allowedOrigins[0]! };
    for (const [path, body] of [['contact', CONTACT], ['shipping-address', ADDRESS]] as const) {
      const response = await api(`/v1/client/checkout-sessions/${created.id}/${path}`, { method: 'POST', body: JSON.stringify(body) }, created.clientSecret, page);
      expect(response.status).toBe(200);
    }
    return created;
  }

  const confirm = (created: CreateCheckoutSessionResponse, key: string) =>
    api(`/v1/client/checkout-sessions/${created.id}/confirm`, { method: 'POST', body: JSON.stringify({ paymentMethod: 'pm_card_visa' }) }, created.clientSecret, {
      'omni-publishable-key': MERCHANT.publishableKey,
      origin: MERCHANT.allowedOrigins[0]!,
      'idempotency-key': key,
    });

  /** One succeeded PaymentIntent (the order's), one order, one confirmation email, one provider key. */
  async function expectPaidOnce(created: CreateCheckoutSessionResponse, body: ConfirmResponse): Promise<void> {
    const intents = fake.paymentIntents().filter((pi) => pi.metadata.omni_session === created.id);
    expect(intents.map((pi) => pi.status)).toEqual(['succeeded']);
    expect(body.order?.paymentReference).toBe(intents[0]!.id);
    const { rows: orders } = await db.query('SELECT id FROM orders WHERE session_id = $1', [created.id]);
    expect(orders).toHaveLength(1);
    const { rows: mails } = await db.query('SELECT 1 FROM outbox WHERE dedupe_key LIKE $1', [`%${created.id}%`]);
    expect(mails).toHaveLength(1);
    // The provider saw the same deterministic key each time.
    const keys = fake.requests.filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey?.startsWith(created.id)).map((r) => r.idempotencyKey);
    expect(new Set(keys)).toEqual(new Set([`${created.id}:confirm:1`]));
  }

  for (const point of ['confirm:before-provider-call', 'confirm:after-provider-call', 'confirm:after-commit']) {
    it(`${point}: restart and retry → one PaymentIntent, one order, one email`, async () => {
      const crashing = await start(point);
      const created = await readySession();
      // The process dies mid-request: the page sees a network error.
      await expect(confirm(created, 'page-attempt-1')).rejects.toThrow();
      expect(await exited(crashing)).toBe('SIGKILL');
      const intentsBefore = fake.paymentIntents().filter((pi) => pi.metadata.omni_session === created.id).length;
      expect(intentsBefore).toBe(point === 'confirm:before-provider-call' ? 0 : 1);

      const restarted = await start();
      const retried = await confirm(created, 'page-attempt-1');
      expect(retried.status).toBe(200);
      const body = (await retried.json()) as ConfirmResponse;
      expect(body).toMatchObject({ status: 'succeeded', order: { amount: 5343, provider: 'stripe' } });
      // Another page (new key) finds it paid, and charges nothing.
      expect((await confirm(created, 'page-attempt-2')).status).toBe(409);
      restarted.kill('SIGTERM');
      await exited(restarted);

      await expectPaidOnce(created, body);
    }, 240_000);
  }

  // The page never retries (the shopper reloaded it, or closed it and came back): the attempt the
  // crash interrupted holds the session in `processing`. Within the lease a new key is refused (it
  // could be a double submit); past it, a new key resumes the interrupted attempt with its own
  // provider key, so the session ends paid once instead of stuck.
  it('confirm:before-provider-call, then a reloaded page (a new key): not stuck, one PaymentIntent, one order, one email', async () => {
    const crashing = await start('confirm:before-provider-call');
    const created = await readySession();
    await expect(confirm(created, 'first-page')).rejects.toThrow();
    expect(await exited(crashing)).toBe('SIGKILL');

    const leased = await start(undefined, { OMNI_CONFIRM_LEASE_SECONDS: '3600' });
    const refused = await confirm(created, 'reloaded-page');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('confirm_in_progress');
    leased.kill('SIGTERM');
    await exited(leased);

    const restarted = await start(undefined, { OMNI_CONFIRM_LEASE_SECONDS: '0' });
    const resumed = await confirm(created, 'reloaded-page-2');
    expect(resumed.status).toBe(200);
    const body = (await resumed.json()) as ConfirmResponse;
    expect(body).toMatchObject({ status: 'succeeded', order: { amount: 5343, provider: 'stripe' } });
    // The first page's key, retried late, answers the same stored result; another key finds it paid.
    const late = await confirm(created, 'first-page');
    expect(late.status).toBe(200);
    expect(((await late.json()) as ConfirmResponse).order?.id).toBe(body.order?.id);
    expect((await confirm(created, 'reloaded-page-3')).status).toBe(409);
    restarted.kill('SIGTERM');
    await exited(restarted);

    await expectPaidOnce(created, body);
  }, 240_000);
});
