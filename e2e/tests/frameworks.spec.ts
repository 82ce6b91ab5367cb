/**
 * The ways a merchant integrates, each paying with the test card against the suite's backend:
 * the CDN build in a plain HTML page (no bundler), Vite + React (@omni-checkout/react), Vite + Vue
 * (@omni-checkout/vue). Every page runs under a strict CSP (`script-src 'self'`, no inline script)
 * and the suite's guard fails a test on any console error, uncaught exception or CSP violation.
 * Built once (serially, one worker) from the packages' dist, as installed packages would be.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Response } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { CARDS } from '../fixtures/flows.js';
import { apiBase } from '../fixtures/env.js';
import { CheckoutPage } from '../models/checkout-page.js';
import { PORTS, buildPackages, close, exampleUrl, ordersOf, root, run, serveExample, viteBuild } from '../fixtures/examples.js';

test.describe.configure({ mode: 'serial' });

/** 2 × house blend (12.90) + standard delivery (4.90), in cents: the merchant server's catalogue. */
const TOTAL = 2 * 1290 + 490;

const servers: Server[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  buildPackages();
  viteBuild(join(root, 'examples', 'react-shop'));
  viteBuild(join(root, 'examples', 'vue-shop'));
  servers.push(
    await serveExample(join(root, 'examples', 'react-shop', 'dist'), PORTS.react),
    await serveExample(join(root, 'examples', 'vue-shop', 'dist'), PORTS.vue),
    await serveExample(join(root, 'examples', 'cdn'), PORTS.cdn, { '/cdn': join(root, 'packages', 'elements', 'cdn') }),
  );
});

test.afterAll(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** Opens an example, pays with 4242 and returns the session id and order id it reported. */
async function payIn(page: Page, url: string, { strictCsp = true } = {}): Promise<{ sessionId: string; orderId: string }> {
  const started = page.waitForResponse((r: Response) => r.url().endsWith('/api/checkout') && r.request().method() === 'POST');
  await page.goto(url);
  const response = await started;
  expect(response.status(), 'POST /api/checkout').toBe(201);
  const { sessionId } = (await response.json()) as { sessionId: string };
  if (strictCsp) {
    // The merchant's strict policy is what the page ran under.
    const policy = (await page.request.get(url)).headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|nonce-/);
  }

  const checkout = new CheckoutPage(page);
  await expect(checkout.email).toBeVisible({ timeout: 20_000 });
  await checkout.fillAll(CARDS.success);
  await expect(checkout.payButton).toHaveAccessibleName(/Pay €30\.70/);
  await checkout.pay();
  const thanks = page.getByRole('status').filter({ hasText: /Thank you! Order \S+ is paid\./ });
  await expect(thanks).toBeVisible({ timeout: 20_000 });
  const orderId = /Order (\S+) is paid/.exec((await thanks.textContent()) ?? '')![1]!;
  return { sessionId, orderId };
}

for (const [name, what] of [
  ['cdn', 'a plain HTML page loading the CDN build with <script type="module" src> (no bundler)'],
  ['react', 'Vite + React through @omni-checkout/react (onOmniComplete)'],
  ['vue', 'Vite + Vue through @omni-checkout/vue (@omni-complete)'],
] as const) {
  test(`${what} pays with the test card`, async ({ page }) => {
    const { sessionId, orderId } = await payIn(page, exampleUrl(name));
    const orders = await ordersOf(exampleUrl(name), sessionId);
    expect(orders).toEqual([{ id: orderId, status: 'paid', amount: TOTAL, currency: 'EUR' }]);
  });
}

test('the CDN build is one self-contained module per entry: the page requests no other script', async ({ page, guard }) => {
  await page.goto(exampleUrl('cdn'));
  await expect(new CheckoutPage(page).email).toBeVisible({ timeout: 20_000 });
  const scripts = guard.requestUrls.filter((url) => /\.m?js(\?|$)/.test(url)).map((url) => new URL(url).pathname);
  // The element's module and the page's own script; the mock provider is inside the first.
  expect(scripts.sort()).toEqual(['/cdn/checkout.js', '/checkout-page.js']);
});

test('the CDN painted first render (cdn/first/checkout.js) pays with the test card; the rest loads from chunks of its folder', async ({ page, guard }) => {
  const { sessionId, orderId } = await payIn(page, `${exampleUrl('cdn')}/first.html`);
  expect(await ordersOf(exampleUrl('cdn'), sessionId)).toEqual([{ id: orderId, status: 'paid', amount: TOTAL, currency: 'EUR' }]);
  const scripts = guard.requestUrls.filter((url) => /\.m?js(\?|$)/.test(url)).map((url) => new URL(url).pathname);
  expect(scripts).toContain('/cdn/first/checkout.js');
  // Nothing but the folder's chunks and the page's own script: not the single-file build.
  expect(scripts.filter((path) => !/^\/cdn\/first\/(checkout|chunk-[A-Z0-9]+)\.js$/.test(path) && path !== '/checkout-page.js')).toEqual([]);
});

test.describe('installed from the packed tarballs', () => {
  let server: Server | undefined;
  let project = '';

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    project = packAndInstall();
    viteBuild(project);
    server = await serveExample(join(project, 'dist'), PORTS.packed);
  });

  test.afterAll(async () => {
    await close(server);
    if (project) rmSync(project, { recursive: true, force: true });
  });

  test('a fresh Vite project outside the workspace, with only the tarballs, pays with the test card', async ({ page }) => {
    // What was installed is the tarballs' content, not links into the workspace.
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', '@omni-checkout', 'elements', 'package.json'), 'utf8'));
    expect(installed.dependencies['@omni-checkout/core']).toBe(installed.version);
    expect(realpathSync(join(project, 'node_modules', '@omni-checkout', 'elements')).startsWith(root)).toBe(false);
    const { sessionId, orderId } = await payIn(page, exampleUrl('packed'));
    expect(await ordersOf(exampleUrl('packed'), sessionId)).toEqual([{ id: orderId, status: 'paid', amount: TOTAL, currency: 'EUR' }]);
  });
});

/**
 * `pnpm pack` of core, elements and mock (it rewrites `workspace:*` to versions), then a fresh
 * project in the system's temporary directory that depends on the tarballs (and overrides the
 * packages' own dependencies on each other with them, as they are not on the registry here), installed
 * from the local pnpm store.
 */
function packAndInstall(): string {
  const dir = mkdtempSync(join(tmpdir(), 'omni-packed-'));
  const packs = join(dir, 'packs');
  mkdirSync(packs);
  const tarballs: Record<string, string> = {};
  for (const name of ['core', 'elements', 'mock']) {
    run('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', name));
    const file = readdirSync(packs).find((f) => f.startsWith(`omni-checkout-${name}-`))!;
    tarballs[`@omni-checkout/${name}`] = `file:${join(packs, file)}`;
  }
  const app = join(dir, 'app');
  mkdirSync(app);
  const vite = JSON.parse(readFileSync(join(root, 'node_modules', 'vite', 'package.json'), 'utf8')).version as string;
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'packed-shop', private: true, type: 'module', dependencies: tarballs, devDependencies: { vite }, pnpm: { overrides: tarballs } }, null, 2),
  );
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Packed install</title><script type="module" src="/main.js"></script></head><body><main><h1>Checkout</h1><p role="status"></p></main></body></html>\n',
  );
  // Exactly what the README tells a merchant to write.
  writeFileSync(
    join(app, 'main.js'),
    `import '@omni-checkout/elements/checkout/define';
import { registerProvider } from '@omni-checkout/core/provider';
registerProvider('mock', () => import('@omni-checkout/mock/client'));
const status = document.querySelector('[role=status]');
const response = await fetch('/api/checkout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ productId: 'house-blend', quantity: 2 }] }) });
const start = await response.json();
const checkout = document.createElement('omni-checkout');
checkout.setAttribute('publishable-key', start.publishableKey);
checkout.setAttribute('api-base', start.apiBase);
checkout.clientSecret = start.clientSecret;
checkout.addEventListener('omni-complete', (event) => { status.textContent = \`Thank you! Order \${event.orderId} is paid.\`; });
document.querySelector('main').append(checkout);
`,
  );
  writeFileSync(join(app, 'vite.config.js'), "export default { build: { target: 'es2022', modulePreload: { polyfill: false } } };\n");
  // Package files come from the local store; only registry metadata pnpm has not cached is asked for.
  run('pnpm', ['install', '--prefer-offline', '--ignore-workspace'], app, { CI: '1' });
  return app;
}

test.describe('Next.js (App Router)', () => {
  let next: ChildProcess | undefined;
  const url = exampleUrl('next');

  test.beforeAll(async () => {
    test.setTimeout(420_000);
    const dir = join(root, 'examples', 'next-shop');
    if (nextBuildIsStale(dir)) run(process.execPath, [join(dir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], dir, { NEXT_TELEMETRY_DISABLED: '1' });
    const merchant = JSON.parse(readFileSync(join(root, 'examples', 'examples-merchant.json'), 'utf8')).merchants[0];
    next = spawn(process.execPath, [join(dir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(PORTS.next), '-H', 'localhost'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', OMNI_API_BASE: apiBase, OMNI_SECRET_KEY: merchant.secretKey, OMNI_PUBLISHABLE_KEY: merchant.publishableKey },
    });
    const deadline = Date.now() + 60_000;
    while (!(await fetch(url).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline || next.exitCode !== null) throw new Error('next start did not answer');
      await new Promise((done) => setTimeout(done, 250));
    }
  });

  test.afterAll(() => {
    next?.kill('SIGTERM');
  });

  test('the page is server-rendered, hydrates without errors and pays with the test card', async ({ page, guard }) => {
    // Server-rendered: the HTML already has the page and the client component's first state.
    const html = await (await fetch(url)).text();
    expect(html).toContain('<h1>Checkout</h1>');
    expect(html).toContain('Preparing a secure checkout…');
    const { sessionId, orderId } = await payIn(page, url, { strictCsp: false });
    // Hydrated: React ran the effect that asked for the session (a console error, e.g. a hydration
    // mismatch, fails the test through the guard).
    expect(guard.consoleErrors).toEqual([]);
    // The same examples merchant: its orders, looked up by the React example's merchant server.
    const response = await fetch(`${exampleUrl('react')}/api/orders/${encodeURIComponent(sessionId)}`);
    expect(((await response.json()) as { data: unknown[] }).data).toEqual([{ id: orderId, status: 'paid', amount: TOTAL, currency: 'EUR' }]);
  });
});

/** Whether examples/next-shop needs `next build`: no build yet, or its app or the packages it uses changed since. */
function nextBuildIsStale(dir: string): boolean {
  let built: number;
  try {
    built = statSync(join(dir, '.next', 'BUILD_ID')).mtimeMs;
  } catch {
    return true;
  }
  const newest = (path: string): number => {
    const info = statSync(path);
    if (!info.isDirectory()) return info.mtimeMs;
    return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
  };
  const inputs = [join(dir, 'app'), join(dir, 'next.config.mjs'), ...['core', 'elements', 'mock', 'react'].map((name) => join(root, 'packages', name, 'dist'))];
  return inputs.some((path) => newest(path) > built);
}

test.describe("the README's snippet, as written", () => {
  let server: Server | undefined;
  let dir = '';

  test.beforeAll(async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const html = /```html\n([\s\S]*?)```/.exec(readme)?.[1];
    const js = /```js\n(\/\/ checkout-page\.js[\s\S]*?)```/.exec(readme)?.[1];
    if (!html || !js) throw new Error("README.md has no ```html snippet followed by checkout-page.js");
    const merchant = JSON.parse(readFileSync(join(root, 'examples', 'examples-merchant.json'), 'utf8')).merchants[0];
    dir = mkdtempSync(join(tmpdir(), 'omni-readme-'));
    // Only what cannot work here changes: the CDN's address (the same file, served from this origin),
    // the placeholder key and the backend's address.
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>README snippet</title></head><body>\n${html
        .replace(/https:\/\/cdn\.jsdelivr\.net\/npm\/@omni-checkout\/elements@[^/]+\/cdn\//, '/cdn/')
        .replace('pk_test_...', merchant.publishableKey)
        .replace('https://pay.example.com', apiBase)}</body></html>`,
    );
    writeFileSync(join(dir, 'checkout-page.js'), js);
    server = await serveExample(dir, PORTS.readme, { '/cdn': join(root, 'packages', 'elements', 'cdn') });
  });

  test.afterAll(async () => {
    await close(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('pays under the strict CSP and goes to /thanks with the order id', async ({ page }) => {
    const started = page.waitForResponse((r: Response) => r.url().endsWith('/api/checkout') && r.request().method() === 'POST');
    await page.goto(exampleUrl('readme'));
    const { sessionId } = (await (await started).json()) as { sessionId: string };
    const checkout = new CheckoutPage(page);
    await expect(checkout.email).toBeVisible({ timeout: 20_000 });
    await checkout.fillAll(CARDS.success);
    await checkout.pay();
    await page.waitForURL(/\/thanks\?order=/, { timeout: 20_000 });
    const orderId = new URL(page.url()).searchParams.get('order');
    expect(await ordersOf(exampleUrl('readme'), sessionId)).toEqual([{ id: orderId, status: 'paid', amount: TOTAL, currency: 'EUR' }]);
  });
});
