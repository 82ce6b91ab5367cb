#!/usr/bin/env node
// The demo: builds the shop, starts the omni-checkout backend (PGlite, seeded with the demo
// merchant) and the shop's own server, and stops both on Ctrl-C. Needs no keys and no database.
//
//   pnpm demo                       shop on :5173 (the in-store kiosk at /kiosk), backend on :8787, data in .omni-data/pglite
//   SHOP_PORT=15173 API_PORT=18787 node scripts/demo.mjs --temp-data
//
// Environment: SHOP_PORT, API_PORT, OMNI_DATA_DIR, DATABASE_URL (optional PostgreSQL), LOG_LEVEL,
// PAYPAL_CLIENT_ID / PAYPAL_CLIENT_SECRET (PayPal sandbox; without them a loopback fake of PayPal's
// REST API runs on a free port), PAYPAL_FAKE_INFO (file where the fake's URL is written, for e2e),
// MOYASAR_SECRET_KEY / MOYASAR_PUBLISHABLE_KEY (Moyasar test mode: mada and STC Pay in the Saudi
// market; without them a loopback fake of Moyasar's REST API runs on MOYASAR_FAKE_PORT, default any).
// Flags: --temp-data  use a fresh temporary data directory (ignores OMNI_DATA_DIR), removed on exit
//        --skip-build reuse examples/shop/dist from an earlier build
//        --stripe-fake also run the loopback fake of Stripe's API and a second shop paying through
//                      it (STRIPE_SHOP_PORT, default 5175; STRIPE_FAKE_PORT, default any): the e2e suite
//
// Address suggestions: with GOOGLE_PLACES_API_KEY set, the checkout suggests addresses through
// Google Places API (New) (a browser key, restricted to the shop's referrers); otherwise through a
// loopback Photon-compatible fake geocoder started here on a free port (no keys needed).
//
// Stripe: with STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY (test keys) set, the shop pays with
// Stripe (STRIPE_WEBHOOK_SECRET for webhooks, e.g. from `stripe listen`); otherwise with the mock.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureInstalled } from './bootstrap.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const shopDir = join(root, 'examples', 'shop');
const args = new Set(process.argv.slice(2));

const shopPort = port('SHOP_PORT', 5173);
const apiPort = port('API_PORT', 8787);
const shopUrl = `http://localhost:${shopPort}`;
const apiBase = `http://localhost:${apiPort}`;

/** Temporary files and directories removed on exit. */
const cleanup = [];
const scratch = mkdtempSync(join(tmpdir(), 'omni-demo-'));
cleanup.push(scratch);

const dataDir = args.has('--temp-data')
  ? join(scratch, 'pglite')
  : process.env.OMNI_DATA_DIR
    ? resolve(process.env.OMNI_DATA_DIR)
    : join(root, '.omni-data', 'pglite');

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map();
let stopping = false;

function port(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} must be a port number, got ${JSON.stringify(process.env[name])}`);
    process.exit(2);
  }
  return value;
}

function log(message) {
  console.log(`[demo] ${message}`);
}

function start(name, command, commandArgs, env) {
  const child = spawn(command, commandArgs, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[demo] ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`);
      void stop(1);
    }
  });
  return child;
}

async function run(name, command, commandArgs, options = {}) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  children.set(name, child);
  const code = await new Promise((done) => child.on('exit', (c, s) => done(c ?? (s ? 1 : 0))));
  children.delete(name);
  if (code !== 0 && !stopping) {
    console.error(`[demo] ${name} failed (exit code ${code}).`);
    await stop(1);
  }
}

/** Starts the PayPal REST fake (port 0) and reads its URL and credentials from its first line. */
function startPayPalFake() {
  return startFake('paypal fake', 'packages/paypal/src/testing/fake-server.ts');
}

/** Starts a loopback fake (port 0) that prints one JSON line with its URL, and reads that line. */
function startFake(name, script) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[demo] ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`);
      void stop(1);
    }
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`the ${name} did not start within 30 s`)), 30_000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n')) {
        clearTimeout(timer);
        child.stdout.resume();
        resolve(JSON.parse(line));
      }
    });
  });
}

async function waitForHealthy(name, url, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    if (!children.has(name)) throw new Error(`${name} exited before it became healthy`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(250);
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s`);
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const exits = [...children.values()].map(
    (child) =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  );
  await Promise.all(exits);
  for (const path of cleanup) rmSync(path, { recursive: true, force: true });
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));

try {
  // 0. `npm run demo` on a machine with only Node and npm: install the workspace first.
  ensureInstalled();

  // 1. Build the shop's pages (Vite, strict-CSP friendly: no inline scripts or styles).
  if (!args.has('--skip-build') || !existsSync(join(shopDir, 'dist', 'index.html'))) {
    log('Building the demo shop…');
    const vite = join(shopDir, 'node_modules', 'vite', 'bin', 'vite.js');
    await run('vite build', process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: shopDir });
  }
  // 1b. The in-store kiosk (examples/kiosk), served by the shop's server at /kiosk.
  const kioskDir = join(root, 'examples', 'kiosk');
  if (!args.has('--skip-build') || !existsSync(join(kioskDir, 'dist', 'index.html'))) {
    log('Building the in-store kiosk…');
    const vite = join(kioskDir, 'node_modules', 'vite', 'bin', 'vite.js');
    await run('kiosk vite build', process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: kioskDir });
  }

  // 1b. The hosted pay page of payment links (docs/omnichannel.md): the elements bundled from the
  // workspace for the backend's origin, which serves them at /l/assets/ (scripts/build-link-page.mjs).
  if (!args.has('--skip-build') || !existsSync(join(root, 'packages', 'server', 'link-page', 'dist', 'pay.js'))) {
    log('Building the payment link page…');
    await run('link page build', process.execPath, [join(root, 'scripts', 'build-link-page.mjs')]);
  }

  // 2. Seed: the demo merchant, allowed to call the backend from the shop's origin; it pays with
  // Stripe when Stripe keys are set, with the mock provider otherwise.
  const realStripe = Boolean(process.env.STRIPE_SECRET_KEY && process.env.STRIPE_PUBLISHABLE_KEY);
  if (realStripe && !/^sk_test_/.test(process.env.STRIPE_SECRET_KEY)) {
    throw new Error('The demo takes Stripe test keys only (sk_test_… / pk_test_…).');
  }
  const merchantSeed = JSON.parse(readFileSync(join(shopDir, 'merchant.json'), 'utf8'));
  // Two merchants on one backend and one shop server: Omni Roasters at localhost, North Star
  // Coffee (the second shop of the identity network) at 127.0.0.1.
  const originsOf = [[shopUrl], [`http://127.0.0.1:${shopPort}`]];
  const seed = {
    merchants: merchantSeed.merchants.map((merchant, index) => ({
      ...merchant,
      allowedOrigins: [...new Set([...merchant.allowedOrigins, ...(originsOf[index] ?? [])])],
      // Moyasar stays beside Stripe: it carries mada and STC Pay in the Saudi market, which Stripe does not.
      ...(realStripe ? { providers: ['stripe', ...(merchant.providers ?? []).filter((p) => p === 'moyasar')] } : {}),
    })),
  };
  // The framework examples' merchant (examples/merchant-server.mjs: React, Vue, Next.js, CDN), mock
  // provider only, allowed from the examples' default ports 5180–5185 and OMNI_EXAMPLE_ORIGINS.
  const examplesSeed = JSON.parse(readFileSync(join(root, 'examples', 'examples-merchant.json'), 'utf8'));
  const exampleOrigins = [5180, 5181, 5182, 5183, 5184, 5185].map((p) => `http://localhost:${p}`);
  seed.merchants.push(
    ...examplesSeed.merchants.map((merchant) => ({
      ...merchant,
      allowedOrigins: [...new Set([...merchant.allowedOrigins, ...exampleOrigins, ...(process.env.OMNI_EXAMPLE_ORIGINS ?? '').split(/\s+/).filter(Boolean)])],
    })),
  );
  /** Environment of the backend for Stripe (the real test mode, or the fake). */
  const stripeEnv = {};
  const stripeFake = args.has('--stripe-fake') && !realStripe;
  const stripeShopPort = port('STRIPE_SHOP_PORT', 5175);
  const stripeShopUrl = `http://localhost:${stripeShopPort}`;
  if (stripeFake) {
    // 2b. The fake of Stripe's API, delivering signed webhooks to the backend, and a merchant paying through it.
    const webhookSecret = 'whsec_demo_fake_stripe_endpoint';
    const fake = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/stripe/src/fake/cli.ts'], {
      cwd: root,
      env: { ...process.env, STRIPE_FAKE_PORT: process.env.STRIPE_FAKE_PORT ?? '0', STRIPE_FAKE_WEBHOOK_URL: `http://127.0.0.1:${apiPort}/v1/webhooks/stripe`, STRIPE_WEBHOOK_SECRET: webhookSecret },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.set('stripe fake', fake);
    fake.on('exit', (code, signal) => {
      children.delete('stripe fake');
      if (!stopping) {
        console.error(`[demo] stripe fake stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`);
        void stop(1);
      }
    });
    const fakeUrl = await new Promise((resolve, reject) => {
      let buffered = '';
      fake.stdout.on('data', (chunk) => {
        buffered += chunk;
        const line = buffered.split('\n')[0];
        if (buffered.includes('\n')) resolve(JSON.parse(line).url);
      });
      fake.once('exit', () => reject(new Error('the Stripe fake exited before listening')));
    });
    log(`Fake Stripe API on ${fakeUrl}`);
    Object.assign(stripeEnv, {
      STRIPE_SECRET_KEY: 'sk_test_demofakestripe0000000000000001',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_demofakestripe0000000000000001',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: fakeUrl,
      // What the fake takes: cards and the local methods in its Payment Element (BLIK, Przelewy24, iDEAL,
      // Bancontact, Klarna, Alipay, Swish, WeChat Pay: docs/payment-methods.md), and Apple Pay, Google Pay
      // and Link through its Express Checkout Element (each reported unavailable with its reason where the
      // browser lacks it). SEPA Direct Debit, EPS, MobilePay… are not in the fake, so the shop does not show them.
      STRIPE_METHODS: 'card,apple_pay,google_pay,link,blik,p24,ideal,bancontact,klarna,alipay,swish,wechat_pay',
    });
    seed.merchants.push({
      name: 'Omni Roasters (Stripe test double)',
      publishableKey: 'pk_test_demoshopstripe7d1e0c',
      secretKey: 'sk_test_demoshopstripe5a2b9f4e7c1d03',
      allowedOrigins: [stripeShopUrl, `http://127.0.0.1:${stripeShopPort}`],
      providers: ['stripe'],
    });
  }
  const seedFile = join(scratch, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed, null, 2));
  if (!process.env.DATABASE_URL) mkdirSync(dataDir, { recursive: true });

  // 3. PayPal: the sandbox with your credentials, or a loopback fake of PayPal's REST API.
  const paypalEnv = {};
  if (!process.env.PAYPAL_CLIENT_ID || !process.env.PAYPAL_CLIENT_SECRET) {
    const fake = await startPayPalFake();
    Object.assign(paypalEnv, {
      PAYPAL_CLIENT_ID: fake.clientId,
      PAYPAL_CLIENT_SECRET: fake.clientSecret,
      PAYPAL_API_BASE: fake.url,
      PAYPAL_WEBHOOK_ID: fake.webhookId,
      PAYPAL_ENVIRONMENT: 'sandbox',
    });
    if (process.env.PAYPAL_FAKE_INFO) {
      writeFileSync(process.env.PAYPAL_FAKE_INFO, JSON.stringify({ url: fake.url }));
      cleanup.push(process.env.PAYPAL_FAKE_INFO);
    }
    log(`PayPal: loopback fake of the REST API on ${fake.url} (set PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET for the sandbox)`);
  }

  // 3a. Moyasar (mada and STC Pay in the Saudi market): test keys, or a loopback fake of Moyasar's REST API
  // delivering its webhooks to the backend. Started before the shop, whose connect-src names its origin.
  const moyasarEnv = {};
  const shopMoyasarEnv = {};
  if (process.env.MOYASAR_SECRET_KEY && process.env.MOYASAR_PUBLISHABLE_KEY) {
    if (!/^sk_test_/.test(process.env.MOYASAR_SECRET_KEY)) throw new Error('The demo takes Moyasar test keys only (sk_test_… / pk_test_…).');
    log('Moyasar: test mode with your keys (MOYASAR_SECRET_KEY)');
  } else {
    const webhookSecret = 'demo-moyasar-webhook-secret-token';
    process.env.MOYASAR_FAKE_WEBHOOK_URL = `http://127.0.0.1:${apiPort}/v1/webhooks/moyasar`;
    process.env.MOYASAR_WEBHOOK_SECRET = webhookSecret;
    process.env.MOYASAR_FAKE_PORT ??= '0';
    const fake = await startFake('moyasar fake', 'packages/moyasar/src/testing/fake-server.ts');
    delete process.env.MOYASAR_WEBHOOK_SECRET;
    Object.assign(moyasarEnv, {
      MOYASAR_SECRET_KEY: fake.secretKey,
      MOYASAR_PUBLISHABLE_KEY: fake.publishableKey,
      MOYASAR_API_BASE: fake.url,
      MOYASAR_WEBHOOK_SECRET: webhookSecret,
    });
    shopMoyasarEnv.OMNI_MOYASAR_API_ORIGIN = fake.url;
    log(`Moyasar: loopback fake of the REST API on ${fake.url} (mada test card 4201 3201 1111 1010, STC Pay code 123456; set MOYASAR_SECRET_KEY and MOYASAR_PUBLISHABLE_KEY for Moyasar's test mode)`);
  }

  // 3b. Address suggestions: Google Places with a key, the loopback Photon fake otherwise.
  const suggestEnv = {};
  if (process.env.GOOGLE_PLACES_API_KEY) {
    log('Address suggestions: Google Places API (New) (GOOGLE_PLACES_API_KEY is set)');
  } else {
    // PHOTON_FAKE_PORT: a fixed port (the e2e suite's, so it knows the shop's connect-src); default any.
    const geocoder = await startFake('geocoder fake', 'packages/server/src/testing/photon-fake-server.ts');
    suggestEnv.OMNI_GEOCODER_URL = geocoder.url;
    log(`Address suggestions: loopback Photon-compatible fake geocoder on ${geocoder.url} (set GOOGLE_PLACES_API_KEY for Google Places)`);
  }

  // 4. The backend (TypeScript sources through tsx; PGlite unless DATABASE_URL is set).
  log(`Starting the omni-checkout backend on ${apiBase} (${process.env.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${dataDir}`})…`);
  const tsx = ['--conditions=source', '--import', 'tsx'];
  start(
    'backend',
    process.execPath,
    // --dev: the demo's conveniences (mock provider, dev mailbox, development keys) are never inferred.
    [...tsx, 'packages/server/src/cli.ts', 'serve', '--dev', '--port', String(apiPort), '--host', '127.0.0.1', '--seed', seedFile],
    { OMNI_DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...stripeEnv, ...paypalEnv, ...moyasarEnv },
  );
  await waitForHealthy('backend', `http://127.0.0.1:${apiPort}/healthz`);

  // 5. The shop's own server (and, with --stripe-fake, the same shop paying through the Stripe doubles).
  if (stripeFake) {
    const stripeMerchant = seed.merchants.at(-1);
    log(`Starting the Stripe-double shop on ${stripeShopUrl}…`);
    start('stripe shop', process.execPath, [...tsx, 'examples/shop/src/server.ts'], {
      SHOP_PORT: String(stripeShopPort),
      OMNI_API_BASE: apiBase,
      OMNI_PUBLISHABLE_KEY: stripeMerchant.publishableKey,
      OMNI_SECRET_KEY: stripeMerchant.secretKey,
      OMNI_SHOP_PROVIDER: 'stripe',
      ...suggestEnv,
    });
    await waitForHealthy('stripe shop', `http://127.0.0.1:${stripeShopPort}/healthz`);
  }
  log(`Starting the shop server on ${shopUrl}…`);
  start('shop', process.execPath, [...tsx, 'examples/shop/src/server.ts'], {
    SHOP_PORT: String(shopPort),
    OMNI_API_BASE: apiBase,
    ...(realStripe ? { OMNI_SHOP_PROVIDER: 'stripe' } : {}),
    ...suggestEnv,
    ...shopMoyasarEnv,
  });
  await waitForHealthy('shop', `http://127.0.0.1:${shopPort}/healthz`);

  const secretKey = seed.merchants[0].secretKey;
  console.log(`
Demo shop: ${shopUrl}${realStripe ? ' — paying with Stripe (test mode)' : ''}${stripeFake ? `\nStripe-double shop: ${stripeShopUrl}` : ''} — pay with test card 4242 4242 4242 4242
Second shop (another merchant, same backend): http://127.0.0.1:${shopPort}
Dev mailbox (codes and confirmations): ${shopUrl}/dev/mailbox
  (any future expiry date, any 3-digit security code; 4000 0000 0000 0002 is declined,
   4000 0000 0000 9995 has insufficient funds, 4000 0000 0000 3220 asks for 3-D Secure)

See the orders of a checkout session (its id is on the confirmation page's address, ?session=…):
  curl -s -H 'Authorization: Bearer ${secretKey}' '${apiBase}/v1/orders?sessionId=<session id>'
  curl -s -H 'Authorization: Bearer ${secretKey}' '${apiBase}/v1/orders/<order id>'

Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(`[demo] ${error instanceof Error ? error.message : error}`);
  await stop(1);
}
