#!/usr/bin/env node
// kill -9 under load, then nobody retries: does the reconciler leave any session stuck?
//
//   node --conditions=source --import tsx scripts/reconciler-crash-bench.mjs [--rounds 4] [--workers 8] [--seconds 6]
//
// The real backend (`omni-checkout serve --dev`) on PostgreSQL (TEST_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres; a database of its own, dropped at the end) pays
// through the Stripe provider against the loopback fake of Stripe's API (no webhooks, so only the
// reconciler can settle). Each round runs `workers` shoppers in a loop (create, fill, confirm) for
// up to `seconds`, and kills the backend with SIGKILL at a random moment. The next round restarts
// it. After the last kill the backend is restarted once more and nobody retries anything; the
// script waits for the reconciler and prints the figures. It fails (exit 1) when a session is
// left processing, a PaymentIntent succeeded without its order, or an order has no PaymentIntent.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFakeStripe } from '../packages/stripe/src/fake/api.ts';
import { openPostgres } from '../packages/server/src/storage/db.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, workers: { type: 'string' }, seconds: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 4);
const WORKERS = Number(values.workers ?? 8);
const SECONDS = Number(values.seconds ?? 6);
const root = fileURLToPath(new URL('..', import.meta.url));
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MERCHANT = {
  name: 'Crash bench shop',
  publishableKey: 'pk_test_crashbench01',
  secretKey: 'sk_test_crashbench000000000000001',
  allowedOrigins: ['https://bench.example'],
  providers: ['stripe'],
};
const SESSION = {
  currency: 'EUR',
  country: 'DE',
  lineItems: [{ id: 'tee', name: 'T-shirt', unitAmount: 1999, quantity: 2 }],
  shippingOptions: [{ id: 'standard', label: 'Standard', amount: 495, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
};
const ADDRESS = { name: 'Ada Lovelace', line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' };

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const dbName = `omni_crashbench_${randomBytes(4).toString('hex')}`;
const admin = openPostgres(adminUrl);
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const db = openPostgres(url.toString());
const fake = await startFakeStripe();
const port = await freePort();
const scratch = mkdtempSync(join(tmpdir(), 'omni-crashbench-'));
writeFileSync(join(scratch, 'seed.json'), JSON.stringify({ merchants: [MERCHANT] }));

let backend = null;
async function start() {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', 'serve', '--dev', '--port', String(port), '--seed', join(scratch, 'seed.json')],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        LOG_LEVEL: 'fatal',
        STRIPE_SECRET_KEY: 'sk_test_crashbenchsuite000000001',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_crashbenchsuite000000001',
        STRIPE_API_BASE: fake.url,
        OMNI_CONFIRM_LEASE_SECONDS: '2',
        OMNI_RECONCILE_SECONDS: '1',
      },
    },
  );
  backend = child;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('backend exited while starting');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  throw new Error('backend did not start');
}
const exited = (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

const api = (path, body, auth = MERCHANT.secretKey, extra = {}) =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json', ...extra },
    body: JSON.stringify(body),
  });
const page = { 'omni-publishable-key': MERCHANT.publishableKey, origin: MERCHANT.allowedOrigins[0] };

const figures = { sessions: 0, confirmsSent: 0, confirmsAnswered: 0, confirmsCut: 0, kills: 0 };

/** One shopper: create, fill, confirm once; stops at the first network error (the process died). */
async function shopper(until) {
  while (Date.now() < until) {
    try {
      const created = await (await api('/v1/checkout-sessions', SESSION)).json();
      figures.sessions += 1;
      const base = `/v1/client/checkout-sessions/${created.id}`;
      await api(`${base}/contact`, { email: 'ada@example.com' }, created.clientSecret, page);
      await api(`${base}/shipping-address`, ADDRESS, created.clientSecret, page);
      figures.confirmsSent += 1;
      try {
        await api(`${base}/confirm`, { paymentMethod: 'pm_card_visa' }, created.clientSecret, { ...page, 'idempotency-key': randomBytes(8).toString('hex') });
        figures.confirmsAnswered += 1;
      } catch {
        figures.confirmsCut += 1;
        return;
      }
    } catch {
      return;
    }
  }
}

const started = Date.now();
let exitCode = 0;
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const child = await start();
    const until = Date.now() + SECONDS * 1000;
    const load = Promise.all(Array.from({ length: WORKERS }, () => shopper(until)));
    await sleep(1000 + Math.random() * (SECONDS - 1) * 1000);
    child.kill('SIGKILL');
    figures.kills += 1;
    await exited(child);
    await load;
  }
  const count = async (sql) => Number((await db.query(sql)).rows[0].n);
  const stuckAfterKills = await count(`SELECT count(*) AS n FROM checkout_sessions WHERE status = 'processing'`);
  const restarted = await start();
  const reconcileStart = Date.now();
  let stuck = stuckAfterKills;
  while (stuck > 0 && Date.now() - reconcileStart < 60_000) {
    await sleep(250);
    stuck = await count(`SELECT count(*) AS n FROM checkout_sessions WHERE status = 'processing'`);
  }
  const reconcileMs = Date.now() - reconcileStart;
  restarted.kill('SIGTERM');
  await exited(restarted);

  const { rows: orders } = await db.query('SELECT session_id, payment_reference, amount FROM orders');
  const orderByReference = new Map(orders.map((o) => [o.payment_reference, o]));
  const intents = fake.paymentIntents();
  const succeeded = intents.filter((pi) => pi.status === 'succeeded');
  const paidWithoutOrder = succeeded.filter((pi) => !orderByReference.has(pi.id)).length;
  const ordersWithoutPayment = orders.filter((o) => !succeeded.some((pi) => pi.id === o.payment_reference)).length;
  const perSession = new Map();
  for (const pi of succeeded) perSession.set(pi.metadata.omni_session, (perSession.get(pi.metadata.omni_session) ?? 0) + 1);
  const sessionsWithTwoPayments = [...perSession.values()].filter((n) => n > 1).length;
  const mails = await count(`SELECT count(*) AS n FROM outbox WHERE dedupe_key LIKE 'order-confirmation:%'`);
  const result = {
    rounds: ROUNDS,
    workers: WORKERS,
    ...figures,
    processingRightAfterKills: stuckAfterKills,
    stuckAfterReconciler: stuck,
    reconcileMs,
    paymentIntents: intents.length,
    succeededPaymentIntents: succeeded.length,
    orders: orders.length,
    confirmationEmails: mails,
    paidWithoutOrder,
    ordersWithoutPayment,
    sessionsWithTwoPayments,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(JSON.stringify(result, null, 2));
  if (stuck !== 0 || paidWithoutOrder !== 0 || ordersWithoutPayment !== 0 || sessionsWithTwoPayments !== 0) exitCode = 1;
  console.log(exitCode === 0 ? 'PASS: 0 sessions stuck, every payment has its order' : 'FAIL');
} finally {
  backend?.kill('SIGKILL');
  await fake.close();
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.close();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
