#!/usr/bin/env node
/**
 * The merchant's server part of the framework examples (react-shop, vue-shop, cdn and the packed
 * install test), in plain Node (no framework, no dependency): it serves a built page under a strict
 * Content Security Policy and creates checkout sessions with the merchant's SECRET key, which never
 * reaches the browser. docs/guides/server.md explains each step.
 *
 *   POST /api/checkout  → 201 { clientSecret, publishableKey, apiBase, sessionId }
 *                         the cart is priced HERE (the browser only says which product and how many)
 *   GET  /api/orders/:sessionId → the paid order(s) of a session, looked up with the secret key
 *   GET  /healthz
 *   everything else: files of --dir (a single-page app: unknown paths get index.html)
 *
 *   node examples/merchant-server.mjs --dir examples/react-shop/dist --port 27180
 *
 * Environment: OMNI_API_BASE (default http://localhost:8787), OMNI_PUBLISHABLE_KEY and
 * OMNI_SECRET_KEY (default: the demo's framework-examples merchant, examples/examples-merchant.json),
 * EXTRA_STATIC="/prefix=dir" (e.g. "/cdn=packages/elements/cdn": the CDN build served from 'self').
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const demoMerchant = JSON.parse(readFileSync(join(here, 'examples-merchant.json'), 'utf8')).merchants[0];

/** What the examples sell: prices live on the server, never in the browser. */
const CATALOGUE = {
  'house-blend': { name: 'House blend, 250 g', unitAmount: 1290 },
  'pour-over-dripper': { name: 'Pour-over dripper', unitAmount: 2400 },
};
const SHIPPING = [
  { id: 'standard', label: 'Standard delivery', amount: 490, deliveryEstimate: { minDays: 2, maxDays: 4 } },
  { id: 'express', label: 'Express delivery', amount: 990, deliveryEstimate: { minDays: 1, maxDays: 1 } },
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * The strict policy: scripts and styles only from this origin (no inline script, no eval), the
 * backend in connect-src. Stripe or PayPal add their own hosts (see docs/guides/server.md).
 */
export function contentSecurityPolicy(apiBase) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${new URL(apiBase).origin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Starts the server; resolves once it listens.
 * @param {{ dir: string, port: number, host?: string, apiBase?: string, publishableKey?: string, secretKey?: string, extraStatic?: Record<string, string> }} options
 */
export function startMerchantServer({ dir, port, host = '127.0.0.1', apiBase, publishableKey, secretKey, extraStatic = {} }) {
  const base = (apiBase ?? process.env.OMNI_API_BASE ?? 'http://localhost:8787').replace(/\/+$/, '');
  const keys = {
    publishableKey: publishableKey ?? process.env.OMNI_PUBLISHABLE_KEY ?? demoMerchant.publishableKey,
    secretKey: secretKey ?? process.env.OMNI_SECRET_KEY ?? demoMerchant.secretKey,
  };
  const roots = [...Object.entries(extraStatic).map(([prefix, path]) => [prefix.replace(/\/+$/, ''), resolve(path)]), ['', resolve(dir)]];
  const csp = contentSecurityPolicy(base);

  const send = (response, status, body, headers = {}) => {
    response.writeHead(status, {
      'Content-Security-Policy': csp,
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      ...headers,
    });
    response.end(body);
  };
  const json = (response, status, value) => send(response, status, JSON.stringify(value), { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  const backend = (path, init = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${keys.secretKey}`, accept: 'application/json', 'content-type': 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });

  async function createCheckout(request, response) {
    let raw = '';
    for await (const chunk of request) {
      raw += chunk;
      if (raw.length > 16 * 1024) return json(response, 413, { error: { code: 'payload_too_large', message: 'The cart is too large.' } });
    }
    let items;
    try {
      // No body (the README's snippet): the example's cart, two bags of the house blend.
      items = raw.trim() ? JSON.parse(raw).items : [{ productId: 'house-blend', quantity: 2 }];
    } catch {
      return json(response, 400, { error: { code: 'invalid_json', message: 'The request is not valid JSON.' } });
    }
    if (!Array.isArray(items) || items.length === 0 || items.length > 20) {
      return json(response, 400, { error: { code: 'validation_failed', message: 'Add at least one product.' } });
    }
    const lineItems = [];
    for (const { productId, quantity } of items) {
      const product = CATALOGUE[productId];
      if (!product || !Number.isInteger(quantity) || quantity < 1 || quantity > 99) {
        return json(response, 400, { error: { code: 'validation_failed', message: 'Unknown product or quantity.' } });
      }
      lineItems.push({ id: productId, name: product.name, unitAmount: product.unitAmount, quantity });
    }
    const created = await backend('/v1/checkout-sessions', {
      method: 'POST',
      body: JSON.stringify({ currency: 'EUR', country: 'DE', locale: 'en', channel: 'web', lineItems, shippingOptions: SHIPPING, metadata: { shop: 'framework-example' } }),
    }).catch(() => null);
    if (!created || (created.status !== 201 && created.status !== 200)) {
      return json(response, 502, { error: { code: 'backend_error', message: 'The payment service could not start a checkout.' } });
    }
    const session = await created.json();
    return json(response, 201, { clientSecret: session.clientSecret, publishableKey: keys.publishableKey, apiBase: base, sessionId: session.id });
  }

  async function orders(response, sessionId) {
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(sessionId)) return json(response, 404, { error: { code: 'not_found', message: 'No such order.' } });
    const answer = await backend(`/v1/orders?sessionId=${encodeURIComponent(sessionId)}`).catch(() => null);
    if (!answer?.ok) return json(response, 502, { error: { code: 'backend_error', message: 'The payment service could not look the order up.' } });
    const { data } = await answer.json();
    return json(response, 200, { data: data.map(({ id, status, amount, currency }) => ({ id, status, amount, currency })) });
  }

  async function file(response, pathname) {
    for (const [prefix, rootDir] of roots) {
      if (prefix && !pathname.startsWith(`${prefix}/`)) continue;
      const relative = decodeURIComponent(pathname.slice(prefix.length)).replace(/^\/+/, '') || 'index.html';
      let path = resolve(rootDir, relative);
      if (!path.startsWith(rootDir + sep)) return send(response, 404, 'Not found');
      let info = await stat(path).catch(() => null);
      if (info?.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path).catch(() => null);
      }
      // A single-page app: an address without a file extension is a route of the app.
      if (!info && !prefix && !extname(relative)) {
        path = join(rootDir, 'index.html');
        info = await stat(path).catch(() => null);
      }
      if (!info?.isFile()) continue;
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      return send(response, 200, await readFile(path), { 'Content-Type': type, 'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=300' });
    }
    return send(response, 404, 'Not found', { 'Content-Type': 'text/plain; charset=utf-8' });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const handle = async () => {
      if (url.pathname === '/healthz') return json(response, 200, { ok: true });
      if (url.pathname === '/api/checkout' && request.method === 'POST') {
        // The browser sends Origin on every POST: refuse other sites.
        const origin = request.headers.origin;
        if (origin && new URL(origin).host !== request.headers.host) return json(response, 403, { error: { code: 'origin_not_allowed', message: 'Cross-site requests are not allowed.' } });
        return createCheckout(request, response);
      }
      const order = /^\/api\/orders\/([^/]+)$/.exec(url.pathname);
      if (order && request.method === 'GET') return orders(response, order[1]);
      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed');
      return file(response, url.pathname);
    };
    handle().catch((error) => {
      console.error('merchant server:', error);
      if (!response.headersSent) json(response, 500, { error: { code: 'internal_error', message: 'Something went wrong.' } });
    });
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(server));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const extraStatic = Object.fromEntries(
    (process.env.EXTRA_STATIC ?? '').split(/\s+/).filter(Boolean).map((pair) => pair.split('=')),
  );
  const port = Number(option('port', process.env.PORT ?? 5180));
  await startMerchantServer({ dir: option('dir', 'dist'), port, extraStatic });
  console.log(`merchant server on http://localhost:${port} (backend ${process.env.OMNI_API_BASE ?? 'http://localhost:8787'})`);
}
