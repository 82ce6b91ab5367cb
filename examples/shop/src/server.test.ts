/**
 * The shop server's CSP nonce, through the real server process: every page response carries a
 * fresh nonce in its Content-Security-Policy header, and the same nonce replaces each placeholder
 * Vite left in the built page (its script tags and `<meta property="csp-nonce">`, which PayPal's SDK
 * reads). Served from a built page of the same shape, in a folder of the test's own (SHOP_DIST_DIR).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_NONCE_PLACEHOLDER } from '../vite.config.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** What `vite build` writes with `html.cspNonce` (vite.config.ts): the placeholder on every tag that needs it. */
const BUILT_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}" />
    <script type="module" crossorigin src="/assets/checkout-abc123.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script>
    <link rel="modulepreload" crossorigin href="/assets/chunk-def456.js" nonce="${CSP_NONCE_PLACEHOLDER}">
    <link rel="stylesheet" crossorigin href="/assets/style-789.css" nonce="${CSP_NONCE_PLACEHOLDER}">
  </head>
  <body><omni-checkout></omni-checkout></body>
</html>
`;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

let dist: string;
let base: string;
let noBackend: string;
let shop: ChildProcess;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'omni-shop-dist-'));
  writeFileSync(join(dist, 'checkout.html'), BUILT_PAGE);
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'checkout-abc123.js'), `console.log("${CSP_NONCE_PLACEHOLDER}");\n`);
  // The kiosk's build (examples/kiosk), served at /kiosk.
  mkdirSync(join(dist, 'kiosk', 'assets'), { recursive: true });
  writeFileSync(join(dist, 'kiosk', 'index.html'), BUILT_PAGE.replace('/assets/', '/kiosk/assets/'));
  writeFileSync(join(dist, 'kiosk', 'assets', 'checkout-abc123.js'), 'console.log("kiosk");\n');
  const port = await freePort();
  // No backend: the server's webhook registration fails fast on a closed port, and the pages are served anyway.
  noBackend = `http://127.0.0.1:${await freePort()}`;
  base = `http://127.0.0.1:${port}`;
  shop = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'examples/shop/src/server.ts'], {
    cwd: root,
    env: { ...process.env, SHOP_PORT: String(port), SHOP_HOST: '127.0.0.1', SHOP_DIST_DIR: dist, KIOSK_DIST_DIR: join(dist, 'kiosk'), OMNI_SHOP_PROVIDER: '', OMNI_API_BASE: noBackend, OMNI_BACKEND_URL: noBackend },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (i > 200) throw new Error('the shop server did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(() => {
  shop?.kill('SIGTERM');
  rmSync(dist, { recursive: true, force: true });
});

async function page(path = '/checkout') {
  const response = await fetch(`${base}${path}`);
  expect(response.status).toBe(200);
  const policy = response.headers.get('content-security-policy') ?? '';
  const nonces = [...policy.matchAll(/'nonce-([^']*)'/g)].map((m) => m[1]);
  return { html: await response.text(), policy, nonces };
}

describe('the shop server puts its CSP nonce into the page', () => {
  it("replaces every placeholder with the nonce of the response's own policy", async () => {
    const { html, nonces } = await page();
    // script-src and style-src both name the one nonce of this response: 18 random bytes, base64.
    expect(nonces).toHaveLength(2);
    expect(new Set(nonces).size).toBe(1);
    const nonce = nonces[0]!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(html).not.toContain(CSP_NONCE_PLACEHOLDER);
    const inPage = [...html.matchAll(/\snonce="([^"]*)"/g)].map((m) => m[1]);
    expect(inPage).toEqual([nonce, nonce, nonce, nonce]);
    // Only the placeholder changed: the rest of the page is byte for byte the built one.
    expect(html).toBe(BUILT_PAGE.replaceAll(CSP_NONCE_PLACEHOLDER, nonce));
  });

  it('gives every response a new nonce', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { html, nonces } = await page(i % 2 ? '/checkout.html' : '/checkout');
      expect(html).toContain(`nonce="${nonces[0]}"`);
      seen.add(nonces[0]!);
    }
    expect(seen.size).toBe(5);
  });

  it('leaves scripts and other assets as built (only pages are rewritten)', async () => {
    const response = await fetch(`${base}/assets/checkout-abc123.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`console.log("${CSP_NONCE_PLACEHOLDER}");\n`);
  });
});

describe('the checkout page gets the backend connection ready', () => {
  it('sends a preconnect hint for the backend origin with the checkout page, and only with it', async () => {
    // The page calls the backend (CORS, without credentials) as soon as its script runs.
    for (const path of ['/checkout', '/checkout.html']) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get('link')).toBe(`<${noBackend}>; rel=preconnect; crossorigin`);
    }
    expect((await fetch(`${base}/assets/checkout-abc123.js`)).headers.get('link')).toBeNull();
    expect((await fetch(`${base}/kiosk`)).headers.get('link')).toBeNull();
  });
});

describe('the in-store kiosk (examples/kiosk)', () => {
  it('serves its page at /kiosk under the same policy, with its own nonce', async () => {
    const { html, nonces } = await page('/kiosk');
    expect(nonces).toHaveLength(2);
    expect(html).toBe(BUILT_PAGE.replace('/assets/', '/kiosk/assets/').replaceAll(CSP_NONCE_PLACEHOLDER, nonces[0]!));
    expect(await (await fetch(`${base}/kiosk/assets/checkout-abc123.js`)).text()).toBe('console.log("kiosk");\n');
    // Nothing outside the kiosk's build is reachable through its path.
    expect((await fetch(`${base}/kiosk/assets/..%2F..%2Fcheckout.html`)).status).toBe(404);
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const failure = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string; message: string } }).error] as const;
  const cart = { market: 'en-DE', items: [{ productId: 'beans', quantity: 2 }] };

  it('refuses a cart it could not price, before it reaches the backend', async () => {
    expect(await failure(await post('/api/kiosk/checkout', { ...cart, market: 'xx-XX' }))).toEqual([400, { code: 'validation_failed', message: expect.any(String) }]);
    expect(await failure(await post('/api/kiosk/checkout', { ...cart, items: [] }))).toEqual([400, { code: 'validation_failed', message: 'Add at least one product to the cart.' }]);
    expect(await failure(await post('/api/kiosk/checkout', { ...cart, items: [{ productId: 'beans', quantity: 0 }] }))).toEqual([400, { code: 'validation_failed', message: expect.any(String) }]);
    expect(await failure(await post('/api/kiosk/checkout', { ...cart, items: [{ productId: 'caviar', quantity: 1 }] }))).toEqual([400, { code: 'validation_failed', message: 'One of the products is no longer available.' }]);
    expect(await failure(await post('/api/kiosk/checkout', { ...cart, admin: true }))).toEqual([400, { code: 'validation_failed', message: expect.any(String) }]);
    expect(await failure(await post('/api/kiosk/checkout', '{'))).toEqual([400, { code: 'invalid_json', message: 'The request is not valid JSON.' }]);
    expect(await failure(await post('/api/kiosk/checkout', cart, { origin: 'https://evil.example' }))).toEqual([403, { code: 'origin_not_allowed', message: expect.any(String) }]);
    expect(await failure(await post('/api/kiosk/text', { ...cart, phone: '0151 2345678' }))).toEqual([
      400,
      { code: 'validation_failed', message: 'Enter the mobile number with its country code, e.g. +49 151 2345678.' },
    ]);
    expect((await fetch(`${base}/api/kiosk/links/not-a-link`)).status).toBe(404);
  });

  it('passes a valid cart on to the backend (here: none, so 502 with a reason)', async () => {
    expect(await failure(await post('/api/kiosk/checkout', cart))).toEqual([502, { code: 'backend_unavailable', message: 'The payment service is not reachable right now.' }]);
    expect(await failure(await post('/api/kiosk/text', { ...cart, phone: '+4915123456789' }))).toEqual([502, { code: 'backend_unavailable', message: 'The payment service is not reachable right now.' }]);
  });
});
