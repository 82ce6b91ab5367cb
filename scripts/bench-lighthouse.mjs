#!/usr/bin/env node
// Lighthouse on the demo shop's checkout page, for a guest and for a returning shopper on a
// remembered device, plus the guest's layout shift measured in the page. A benchmark, not a test:
// it prints figures (medians) and never fails on them. Documented in docs/testing.md.
//
//   pnpm bench:lighthouse                   3 interleaved runs per profile
//   BENCH_RUNS=5 pnpm bench:lighthouse
//   BENCH_REUSE_SERVER=1 SHOP_PORT=5173 API_PORT=8787 pnpm bench:lighthouse   against a demo you started
//
// Environment: CHROME_PATH (default /usr/bin/chromium), SHOP_PORT / API_PORT (default 16173 / 19787),
// BENCH_RUNS (default 3, at least 3), BENCH_JSON (write every run's figures to this file),
// BENCH_SKIP_BUILD=1 (reuse examples/shop/dist), BENCH_LHR_DIR (write each run's full Lighthouse report
// there, as guest-1.json, returning-1.json…, to read long tasks, the LCP element and request chains).
//
// How: the demo (scripts/demo.mjs, fresh temporary data) serves the shop; two Chromium profiles are
// started with the flags the project uses everywhere (scripts/chromium.js), headless. The guest profile
// holds only a cart. The returning profile is set up as a shopper would: a guest checkout with "save
// my details" (in a separate context), then in the profile itself email → the code from the dev
// mailbox → "Save a passkey" (Chromium's virtual authenticator); the page keeps the device token, and
// the next checkout shows the one-click button. Runs alternate guest / returning; before each the
// browser's HTTP cache is cleared (a cold load, storage kept). Lighthouse 12 runs with its default
// mobile preset (Moto G Power emulation, simulated slow 4G and 4× CPU) and the performance category.
// Requests to the providers' hosts (PayPal, Stripe) are blocked: this machine has no internet, and
// their scripts are not the project's.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import lighthouse from 'lighthouse';
import { chromium } from '@playwright/test';
import { chromiumArgs } from './chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const shopPort = Number(process.env.SHOP_PORT ?? 16173);
const apiPort = Number(process.env.API_PORT ?? 19787);
const shopUrl = `http://localhost:${shopPort}`;
const apiBase = `http://localhost:${apiPort}`;
const runs = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
const checkoutUrl = `${shopUrl}/checkout`;

/** The cart every run buys (the e2e suite's): 2 × beans + 1 × dripper, €53.90 with standard delivery. */
const CART = [
  { productId: 'beans', quantity: 2 },
  { productId: 'dripper', quantity: 1 },
];
const CART_KEY = 'omni-shop.cart.v1';
const ONE_CLICK = /^Pay €53\.90 with •••• 4242/;
const BLOCKED = ['*.paypal.com', '*.paypalobjects.com', '*.stripe.com', '*.stripe.network', '*.google.com', '*.googleapis.com'];

const cleanup = [];
const processes = [];

function log(message) {
  console.error(`[bench] ${message}`);
}

async function waitFor(url, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not yet
    }
    await delay(500);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function startDemo() {
  if (process.env.BENCH_REUSE_SERVER === '1') return;
  const args = ['scripts/demo.mjs', '--temp-data', ...(process.env.BENCH_SKIP_BUILD === '1' ? ['--skip-build'] : [])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, SHOP_PORT: String(shopPort), API_PORT: String(apiPort), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  processes.push(child);
  await waitFor(`http://127.0.0.1:${shopPort}/healthz`);
}

/** Headless Chromium with a profile directory, answering DevTools on a free port. */
async function startChrome(name) {
  const profile = mkdtempSync(join(tmpdir(), `omni-bench-${name}-`));
  cleanup.push(profile);
  const child = spawn(chromePath, [...chromiumArgs, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  processes.push(child);
  const port = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('Chromium did not start within 30 s')), 30_000);
    child.stderr.on('data', (chunk) => {
      buffer += chunk;
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(buffer);
      if (match) {
        clearTimeout(timer);
        child.stderr.resume();
        resolve(Number(match[1]));
      }
    });
  });
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  return { port, browser, context: browser.contexts()[0] };
}

async function putCart(page) {
  await page.goto(shopUrl);
  await page.evaluate(([key, cart]) => localStorage.setItem(key, JSON.stringify(cart)), [CART_KEY, CART]);
}

async function mailbox(page) {
  const response = await page.request.get(`${apiBase}/dev/mailbox.json`);
  return (await response.json()).data;
}

async function codeFor(page, email, after) {
  for (let i = 0; i < 40; i++) {
    const message = (await mailbox(page)).filter((m) => m.to === email && m.id > after && /checkout code/.test(m.subject)).at(-1);
    const code = message && /\b(\d{6})\b/.exec(message.subject)?.[1];
    if (code) return code;
    await delay(250);
  }
  throw new Error(`no code for ${email} in the dev mailbox`);
}

/** Guest checkout with "save my details", then this profile signs in with a code and saves a passkey. */
async function rememberDevice(device) {
  const email = `bench-${Date.now().toString(36)}@example.com`;
  const other = await device.browser.newContext();
  const guest = await other.newPage();
  await putCart(guest);
  await guest.goto(checkoutUrl);
  await guest.getByLabel('Email', { exact: true }).fill(email);
  await guest.getByLabel('Full name').fill('Ada Lovelace');
  await guest.getByLabel(/^(street )?address( line 1)?$/i).fill('Unter den Linden 1');
  await guest.getByLabel('City').fill('Berlin');
  await guest.getByLabel('Postal code').fill('10117');
  await guest.getByLabel('Card number').pressSequentially('4242424242424242');
  await guest.getByLabel(/^Expiry( date)?/).pressSequentially('1234');
  await guest.getByLabel(/^Security code/).pressSequentially('123');
  await guest.getByRole('checkbox', { name: 'Save my details for one-click checkout' }).check();
  await guest.getByRole('button', { name: /^Pay €53\.90$/ }).click();
  await guest.waitForURL(/\/confirmation/, { timeout: 30_000 });
  await other.close();

  const page = await device.context.newPage();
  const cdp = await device.context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await putCart(page);
  const before = (await mailbox(page)).at(-1)?.id ?? 0;
  await page.goto(checkoutUrl);
  await page.getByLabel('Email', { exact: true }).pressSequentially(email);
  await page.getByLabel('Email', { exact: true }).press('Enter');
  await page.getByLabel('Verification code').pressSequentially(await codeFor(page, email, before));
  await page.getByRole('button', { name: 'Save a passkey for one-click checkout' }).click();
  await page.getByText('Passkey saved.').waitFor({ timeout: 20_000 });
  await page.close();
  await assertOneClick(device);
}

/** The remembered device sees the one-click button (checked before and after the runs). */
async function assertOneClick(device) {
  const page = await device.context.newPage();
  await putCart(page);
  await page.goto(checkoutUrl);
  await page.getByRole('button', { name: ONE_CLICK }).waitFor({ timeout: 30_000 });
  await page.close();
}

async function clearCache(device) {
  const page = await device.context.newPage();
  const cdp = await device.context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
  await page.close();
}

async function lighthouseRun(device, name) {
  await clearCache(device);
  const { lhr } = await lighthouse(checkoutUrl, {
    port: device.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
    disableStorageReset: true,
    blockedUrlPatterns: BLOCKED,
  });
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  if (process.env.BENCH_LHR_DIR) {
    mkdirSync(process.env.BENCH_LHR_DIR, { recursive: true });
    writeFileSync(join(process.env.BENCH_LHR_DIR, `${name}.json`), JSON.stringify(lhr));
  }
  const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
  const scripts = (lhr.audits['network-requests']?.details?.items ?? []).filter((item) => item.resourceType === 'Script');
  return {
    performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
    cls: audit('cumulative-layout-shift'),
    lcpMs: audit('largest-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    fcpMs: audit('first-contentful-paint'),
    jsTransferBytes: scripts.reduce((sum, item) => sum + (item.transferSize ?? 0), 0),
    jsResourceBytes: scripts.reduce((sum, item) => sum + (item.resourceSize ?? 0), 0),
    jsFiles: scripts.length,
    warnings: lhr.runWarnings,
  };
}

/**
 * The guest's layout shift in the page itself (no throttling; a 412 × 823 mobile viewport, as
 * Lighthouse's): every `layout-shift` entry without recent input from navigation until the form
 * has settled, grouped in session windows (1 s gap, 5 s cap); CLS is the largest window.
 */
async function pageCls(device) {
  await clearCache(device);
  const page = await device.context.newPage();
  await page.setViewportSize({ width: 412, height: 823 });
  await page.addInitScript(() => {
    const shifts = [];
    globalThis.__omniShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) shifts.push({ t: entry.startTime, v: entry.value });
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(checkoutUrl);
  await page.getByLabel('Email', { exact: true }).waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await delay(1_500);
  const shifts = await page.evaluate(() => globalThis.__omniShifts);
  await page.close();
  let best = 0;
  let current = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const { t, v } of shifts) {
    if (t - last > 1_000 || t - start > 5_000) {
      current = 0;
      start = t;
    }
    current += v;
    last = t;
    best = Math.max(best, current);
  }
  return best;
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function report(name, results) {
  const pick = (key) => results.map((r) => r[key]);
  // 1 KB = 1000 bytes, as in scripts/size.mjs and the budgets in docs/performance.md.
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  const row = (label, key, format) => `| ${label} | ${format(median(pick(key)))} | ${pick(key).map(format).join(', ')} |`;
  return [
    `### ${name} (median of ${results.length})`,
    '',
    '| figure | median | runs |',
    '|---|---:|---|',
    row('performance score', 'performance', (v) => String(v)),
    row('CLS', 'cls', (v) => v.toFixed(3)),
    row('LCP', 'lcpMs', (v) => `${Math.round(v)} ms`),
    row('TBT', 'tbtMs', (v) => `${Math.round(v)} ms`),
    row('FCP', 'fcpMs', (v) => `${Math.round(v)} ms`),
    row('JS transferred', 'jsTransferBytes', kb),
    row('JS uncompressed', 'jsResourceBytes', kb),
    row('JS files', 'jsFiles', (v) => String(v)),
    '',
  ].join('\n');
}

async function main() {
  log(`starting the demo on ${shopUrl} (backend ${apiBase})…`);
  await startDemo();
  const guest = await startChrome('guest');
  const returning = await startChrome('returning');
  const guestSetup = await guest.context.newPage();
  await putCart(guestSetup);
  await guestSetup.close();
  log('setting up the remembered device (guest checkout with save, code, passkey)…');
  await rememberDevice(returning);

  const results = { guest: [], returning: [], guestPageCls: [] };
  for (let i = 0; i < runs; i++) {
    log(`run ${i + 1}/${runs}: guest`);
    results.guest.push(await lighthouseRun(guest, `guest-${i + 1}`));
    log(`run ${i + 1}/${runs}: returning shopper, remembered device`);
    results.returning.push(await lighthouseRun(returning, `returning-${i + 1}`));
    results.guestPageCls.push(await pageCls(guest));
  }
  await assertOneClick(returning);

  const warnings = [...new Set([...results.guest, ...results.returning].flatMap((r) => r.warnings))];
  const commit = await new Promise((resolve) => {
    const git = spawn('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    git.stdout.on('data', (chunk) => (out += chunk));
    git.on('exit', () => resolve(out.trim() || 'unknown'));
  });
  console.log(`## Lighthouse ${JSON.parse(readFileSync(join(root, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version}, mobile preset, ${checkoutUrl} (commit ${commit})\n`);
  console.log(report('Guest', results.guest));
  console.log(report('Returning shopper, remembered device', results.returning));
  console.log(`### Guest layout shift in the page (412 × 823, no throttling)\n`);
  console.log(`CLS median ${median(results.guestPageCls).toFixed(3)} (runs: ${results.guestPageCls.map((v) => v.toFixed(3)).join(', ')})\n`);
  if (warnings.length) console.log(`Lighthouse warnings: ${warnings.join(' | ')}`);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ commit, runs, ...results }, null, 2));
}

async function shutdown() {
  for (const child of processes.reverse()) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  await delay(1_000);
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
}

try {
  await main();
  await shutdown();
} catch (error) {
  console.error(error);
  await shutdown();
  process.exit(1);
}
