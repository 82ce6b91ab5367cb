import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium.js';

// Ports away from the demo's defaults, so `pnpm demo` and the suite can run side by side.
const shopPort = Number(process.env.E2E_SHOP_PORT ?? 15173);
const apiPort = Number(process.env.E2E_API_PORT ?? 18787);

// The same shop paying through the Stripe doubles, and the loopback fake of Stripe's API (any free
// port, chosen once here so the tests can forward api.stripe.com to it).
const stripeShopPort = Number(process.env.E2E_STRIPE_SHOP_PORT ?? 15175);
process.env.E2E_STRIPE_FAKE_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
]).toString();

// The demo's loopback geocoder (address suggestions) on a port chosen here: the shop's connect-src names it.
process.env.E2E_GEOCODER_FAKE_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
]).toString();

// The demo's loopback fake of Moyasar's API (mada and STC Pay in the Saudi market) on a port chosen
// here: the shop's connect-src names it (the page tokenises cards and sends STC Pay's code there).
process.env.E2E_MOYASAR_FAKE_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
]).toString();

// The framework examples (React, Vue, Next.js, CDN, the packed install): their merchant servers
// listen on E2E_EXAMPLES_PORT … +5, origins the demo's examples merchant allows.
const examplesPort = Number(process.env.E2E_EXAMPLES_PORT ?? 15180);
process.env.E2E_EXAMPLES_PORT = String(examplesPort);
const exampleOrigins = [0, 1, 2, 3, 4, 5].map((offset) => `http://localhost:${examplesPort + offset}`).join(' ');

// Shared with the tests (workers inherit the environment of the runner).
process.env.E2E_SHOP_URL = `http://localhost:${shopPort}`;
process.env.E2E_API_BASE = `http://localhost:${apiPort}`;
process.env.E2E_STRIPE_SHOP_URL = `http://localhost:${stripeShopPort}`;
process.env.E2E_STRIPE_FAKE_URL = `http://127.0.0.1:${process.env.E2E_STRIPE_FAKE_PORT}`;
process.env.E2E_GEOCODER_URL = `http://127.0.0.1:${process.env.E2E_GEOCODER_FAKE_PORT}`;
process.env.E2E_MOYASAR_URL = `http://127.0.0.1:${process.env.E2E_MOYASAR_FAKE_PORT}`;
// The demo writes the URL of its PayPal REST fake here; the suite routes the SDK double's PayPal window to it.
process.env.PAYPAL_FAKE_INFO ??= resolve(`test-results/paypal-fake-${shopPort}.json`);

export default defineConfig({
  testDir: './e2e/tests',
  outputDir: './test-results/e2e-artifacts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: process.env.E2E_SHOP_URL,
    // The shop's strict CSP must be enforced, never bypassed.
    bypassCSP: false,
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // --temp-data: a fresh PGlite directory per run, removed when the server stops.
    command: 'node scripts/demo.mjs --temp-data --stripe-fake',
    url: `http://127.0.0.1:${shopPort}/healthz`,
    env: {
      SHOP_PORT: String(shopPort),
      API_PORT: String(apiPort),
      STRIPE_SHOP_PORT: String(stripeShopPort),
      STRIPE_FAKE_PORT: process.env.E2E_STRIPE_FAKE_PORT,
      PHOTON_FAKE_PORT: process.env.E2E_GEOCODER_FAKE_PORT,
      MOYASAR_FAKE_PORT: process.env.E2E_MOYASAR_FAKE_PORT,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      PAYPAL_FAKE_INFO: process.env.PAYPAL_FAKE_INFO,
      OMNI_EXAMPLE_ORIGINS: exampleOrigins,
      // The suite signs the same test shoppers in many times from one IP; the limits themselves
      // (5 codes per identity per 10 minutes) are proven in packages/server/src/identity/identity.test.ts.
      OMNI_OTP_SENDS_PER_IDENTITY: '1000',
      OMNI_OTP_SENDS_PER_IP: '100000',
      // BLIK is approved in its test "bank app" by the test (e2e/tests/stripe-local.spec.ts), not on a timer.
      STRIPE_FAKE_BLIK_APPROVAL_MS: 'off',
    },
    // E2E_REUSE_SERVER=1 runs against a demo you started yourself with the same ports.
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
