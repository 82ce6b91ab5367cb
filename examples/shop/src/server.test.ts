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
let shop: ChildProcess;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'omni-shop-dist-'));
  writeFileSync(join(dist, 'checkout.html'), BUILT_PAGE);
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'assets', 'checkout-abc123.js'), `console.log("${CSP_NONCE_PLACEHOLDER}");\n`);
  const port = await freePort();
  // No backend: the server's webhook registration fails fast on a closed port, and the pages are served anyway.
  const noBackend = `http://127.0.0.1:${await freePort()}`;
  base = `http://127.0.0.1:${port}`;
  shop = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'examples/shop/src/server.ts'], {
    cwd: root,
    env: { ...process.env, SHOP_PORT: String(port), SHOP_HOST: '127.0.0.1', SHOP_DIST_DIR: dist, OMNI_SHOP_PROVIDER: '', OMNI_API_BASE: noBackend, OMNI_BACKEND_URL: noBackend },
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
