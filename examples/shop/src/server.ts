/**
 * The demo merchant's own server. It serves the shop's pages under a strict Content Security
 * Policy, prices carts from its own catalogue, creates checkout sessions with its secret key and
 * looks orders up. The secret key never leaves this process.
 *
 *   SHOP_PORT      port to listen on (default 5173)
 *   SHOP_HOST      interface to bind (default 127.0.0.1)
 *   OMNI_API_BASE  the omni-checkout backend as the browser reaches it (default http://localhost:8787)
 *   OMNI_PUBLISHABLE_KEY / OMNI_SECRET_KEY  override the demo keys in merchant.json (test keys only)
 *   OMNI_SHOP_PROVIDER  `stripe` when the merchant pays through Stripe: the policy then allows Stripe's origins
 *   SHOP_DIST_DIR  the built pages to serve (default examples/shop/dist; the server's unit test uses its own)
 *   OMNI_SHOP_URL  where the backend reaches this server for webhooks (default http://127.0.0.1:SHOP_PORT)
 *   OMNI_BACKEND_URL  the backend as this server reaches it (default OMNI_API_BASE)
 *
 * It talks to the backend with `@omni-checkout/node`, and marks its own orders paid when a verified
 * `order.paid` webhook arrives (fulfilment.ts), not when the browser comes back.
 */
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { CreateCheckoutSessionRequest, Order } from '@omni-checkout/core/types';
import { OmniCheckout, OmniCheckoutError } from '@omni-checkout/node';
import { z } from 'zod';
import { MARKETS, MAX_QUANTITY, SHIPPING_LABELS, SHIPPING_OPTIONS, findProduct, marketFromCookie, priceIn, type Market } from './catalogue.js';
import { productText } from './product-text.js';
import { createFulfilment } from './fulfilment.js';
import { orderReference } from './order-reference.js';
import { encodeBody, isCompressible } from './compression.js';
import { cartKey, checkoutForCart, checkoutToken, keepCheckout, startedCheckout } from './checkouts.js';

const shopDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = resolve(process.env.SHOP_DIST_DIR ?? resolve(shopDir, 'dist'));
/** The in-store kiosk's built page (examples/kiosk), served at /kiosk under the same policy. */
const kioskDir = resolve(process.env.KIOSK_DIST_DIR ?? resolve(shopDir, '..', 'kiosk', 'dist'));

interface MerchantSeed {
  merchants: { name: string; publishableKey: string; secretKey: string; allowedOrigins: string[] }[];
}

const seed = JSON.parse(readFileSync(resolve(shopDir, 'merchant.json'), 'utf8')) as MerchantSeed;

/**
 * Two demo merchants on one backend, one shop server: the page's host decides which shop it is.
 * `localhost` is Omni Roasters; `127.0.0.1` is North Star Coffee, another merchant (another origin,
 * other keys) where a shopper who saved details at Omni Roasters is recognised.
 */
const shops = seed.merchants.map((m, index) => ({
  name: m.name.replace(/ \(demo\)$/, ''),
  publishableKey: (index === 0 ? process.env.OMNI_PUBLISHABLE_KEY : undefined) ?? m.publishableKey,
  secretKey: (index === 0 ? process.env.OMNI_SECRET_KEY : undefined) ?? m.secretKey,
}));
for (const shop of shops) {
  if (!shop.secretKey.startsWith('sk_test_') || !shop.publishableKey.startsWith('pk_test_')) {
    console.error('The demo shop only runs with test keys (pk_test_… / sk_test_…).');
    process.exit(1);
  }
}
type Shop = (typeof shops)[number];

/** The shop a request is for: the second merchant on 127.0.0.1, the first everywhere else. */
function shopFor(c: Context): Shop {
  const host = c.req.header('host') ?? '';
  return (host.startsWith('127.0.0.1') && shops[1]) || shops[0]!;
}

const port = Number(process.env.SHOP_PORT ?? 5173);
const host = process.env.SHOP_HOST ?? '127.0.0.1';
const apiBase = (process.env.OMNI_API_BASE ?? 'http://localhost:8787').replace(/\/+$/, '');
const apiOrigin = new URL(apiBase).origin;
const backendUrl = (process.env.OMNI_BACKEND_URL ?? apiBase).replace(/\/+$/, '');

/** One SDK client per merchant (the secret key stays in this process). */
const clients = new Map(shops.map((shop) => [shop, new OmniCheckout({ secretKey: shop.secretKey, apiBase: backendUrl, timeoutMs: 15_000 })]));
const omniFor = (shop: Shop) => clients.get(shop)!;
const fulfilment = createFulfilment(shops.map((shop) => ({ name: shop.name, omni: omniFor(shop) })));

// ── Security headers ───────────────────────────────────────────────────────────────────────

/** What Stripe.js needs (docs.stripe.com/security/guide#content-security-policy), and nothing more. */
const stripe = process.env.OMNI_SHOP_PROVIDER === 'stripe';

/**
 * PayPal's JS SDK, as its CSP guidance asks, with a nonce rather than 'unsafe-inline' and PayPal's
 * own hosts rather than wildcards (the sandbox ones unless PAYPAL_ENVIRONMENT=live). The Stripe
 * shop's merchant has no PayPal, so its policy keeps exactly Stripe's origins.
 */
const paypalHosts =
  process.env.PAYPAL_ENVIRONMENT === 'live' ? 'https://www.paypal.com https://www.paypalobjects.com' : 'https://www.sandbox.paypal.com https://www.paypalobjects.com';

/**
 * Address suggestions: Google Places API (New) with GOOGLE_PLACES_API_KEY (a browser key: restrict
 * it to this shop's referrers and the Places API (New)), otherwise the Photon-compatible geocoder
 * at OMNI_GEOCODER_URL (the demo's loopback fake, or your own Photon), otherwise none.
 */
const googlePlacesKey = process.env.GOOGLE_PLACES_API_KEY ?? '';
const geocoderUrl = (process.env.OMNI_GEOCODER_URL ?? '').replace(/\/+$/, '');
const suggestions = googlePlacesKey
  ? ({ provider: 'google-places', apiKey: googlePlacesKey } as const)
  : geocoderUrl
    ? ({ provider: 'photon', url: geocoderUrl } as const)
    : null;
const suggestionOrigin = suggestions?.provider === 'google-places' ? 'https://places.googleapis.com' : suggestions ? new URL(suggestions.url).origin : '';

/**
 * Moyasar (mada and STC Pay in Saudi Arabia): the page sends the card to Moyasar's API for a token
 * and STC Pay's code to it. OMNI_MOYASAR_API_ORIGIN is the demo's loopback fake; default Moyasar.
 */
const moyasarOrigin = new URL(process.env.OMNI_MOYASAR_API_ORIGIN ?? 'https://api.moyasar.com').origin;

/** The policy of every page; `nonce` is fresh per response and also given to <omni-checkout>. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    stripe ? "script-src 'self' https://js.stripe.com" : `script-src 'self' 'nonce-${nonce}' ${paypalHosts}`,
    stripe ? "style-src 'self'" : `style-src 'self' 'nonce-${nonce}'`,
    stripe ? "img-src 'self' data: https://*.stripe.com" : `img-src 'self' data: ${paypalHosts}`,
    "font-src 'self'",
    `connect-src 'self' ${apiOrigin} ${stripe ? 'https://api.stripe.com' : `${paypalHosts} ${moyasarOrigin}`}${suggestionOrigin ? ` ${suggestionOrigin}` : ''}`,
    stripe ? 'frame-src https://js.stripe.com https://hooks.stripe.com' : `frame-src ${paypalHosts}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'report-uri /csp-report',
  ].join('; ');
}

/** Vite's nonce placeholder in the built pages (vite.config.ts). */
const NONCE_PLACEHOLDER = 'omni-csp-nonce-placeholder';

const app = new Hono<{ Variables: { nonce: string } }>();


app.use('*', async (c, next) => {
  c.set('nonce', randomBytes(18).toString('base64'));
  await next();
  c.header('Content-Security-Policy', contentSecurityPolicy(c.get('nonce')));
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
});

// ── Pages and assets ───────────────────────────────────────────────────────────────────────

const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/cart': 'cart.html',
  '/cart.html': 'cart.html',
  '/checkout': 'checkout.html',
  '/checkout.html': 'checkout.html',
  '/confirmation': 'confirmation.html',
  '/confirmation.html': 'confirmation.html',
  // The phone's side of "Pay on your phone" and of payment links (docs/omnichannel.md): the checkout
  // page, which finds the link's token in the fragment.
  '/pay': 'checkout.html',
  // The page every order email links to (`#order-status=<token>`): <omni-order-status>.
  '/order-status': 'order-status.html',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

async function sendFile(c: Context<{ Variables: { nonce: string } }>, relativePath: string, cache: string, dir = distDir): Promise<Response | null> {
  const file = resolve(dir, relativePath);
  if (!file.startsWith(dir + sep)) return null;
  const type = TYPES[extname(file)];
  if (!type) return null;
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    const html = type.startsWith('text/html');
    const raw = await readFile(file);
    // Pages carry this response's CSP nonce (on Vite's script tags and its csp-nonce meta tag).
    const body = html ? Buffer.from(raw.toString('utf8').replaceAll(NONCE_PLACEHOLDER, c.get('nonce'))) : raw;
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': cache };
    if (!isCompressible(type)) return c.body(body, 200, headers);
    // Compressed as any merchant's server would (compression.ts); a page is compressed per response.
    const encoded = encodeBody(body, type, c.req.header('accept-encoding'), html ? undefined : `${file}:${info.mtimeMs}`);
    headers['Vary'] = 'Accept-Encoding';
    if (encoded.encoding) headers['Content-Encoding'] = encoded.encoding;
    return c.body(encoded.body, 200, headers);
  } catch {
    return null;
  }
}

function notBuilt(c: Context): Response {
  return c.text('The shop is not built yet: run `pnpm demo` (or `vite build` in examples/shop).', 503);
}

app.get('/healthz', (c) => c.json({ ok: true }));

// Webhooks from omni-checkout (server to server): verified, de-duplicated, applied to the shop's orders.
app.route('/', fulfilment.app);

/** The shop's own record of a checkout (paid only once the backend's signed webhook said so). */
app.get('/api/shop-orders/:sessionId', (c) => {
  c.header('Cache-Control', 'no-store');
  const order = fulfilment.order(c.req.param('sessionId'));
  return order ? c.json(order) : apiError(c, 404, 'not_found', 'No such order.');
});

/** Which shop this host is (the pages show its name). */
app.get('/api/shop', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ name: shopFor(c).name });
});

for (const [path, file] of Object.entries(PAGES)) {
  app.get(path, async (c) => {
    // The checkout page calls the backend as soon as its script runs: a preconnect hint (as any
    // merchant's server can send) has the connection open by then.
    if (file === 'checkout.html') c.header('Link', `<${apiOrigin}>; rel=preconnect; crossorigin`);
    return (await sendFile(c, file, 'no-store')) ?? notBuilt(c);
  });
}

// The backend's dev mailbox (mail and texts it sent; it exists only outside production).
app.get('/dev/mailbox', (c) => c.redirect(`${apiBase}/dev/mailbox`, 302));
/** What the order-status page needs to reach the backend: this shop's publishable key (never a secret) and the backend. */
app.get('/api/order-status-config', (c) => c.json({ publishableKey: shopFor(c).publishableKey, apiBase }));

// The in-store kiosk (examples/kiosk/README.md): its page and its own assets.
app.get('/kiosk', async (c) => (await sendFile(c, 'index.html', 'no-store', kioskDir)) ?? c.text('The kiosk is not built yet: run `pnpm demo` (or `vite build` in examples/kiosk).', 503));
app.get('/kiosk/assets/*', async (c) => (await sendFile(c, c.req.path.slice('/kiosk/'.length), 'public, max-age=31536000, immutable', kioskDir)) ?? c.notFound());
app.get('/assets/*', async (c) => (await sendFile(c, c.req.path.slice(1), 'public, max-age=31536000, immutable')) ?? c.notFound());
app.get('/images/*', async (c) => (await sendFile(c, c.req.path.slice(1), 'public, max-age=3600')) ?? c.notFound());
app.get('/favicon.svg', async (c) => (await sendFile(c, 'favicon.svg', 'public, max-age=3600')) ?? c.notFound());

// ── CSP violation reports (kept in memory so tests can assert there are none) ─────────────

const cspReports: { receivedAt: string; report: unknown }[] = [];

app.post('/csp-report', async (c) => {
  const text = await c.req.text();
  if (text.length > 64 * 1024) return c.body(null, 413);
  let report: unknown = text;
  try {
    report = JSON.parse(text);
  } catch {
    // Keep the raw text.
  }
  if (cspReports.length < 1000) cspReports.push({ receivedAt: new Date().toISOString(), report });
  console.warn('CSP violation reported:', text.slice(0, 500));
  return c.body(null, 204);
});

app.get('/csp-report', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ data: cspReports });
});

// ── Merchant API ───────────────────────────────────────────────────────────────────────────

function apiError(c: Context, status: 400 | 403 | 404 | 413 | 415 | 502, code: string, message: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error: { code, message } }, status);
}

/** Rejects cross-site posts: the browser sends Origin on every POST. */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}

/**
 * Prices every line from the shop's own catalogue (the browser only says what and how many), in
 * the market's currency and language; a sentence saying what is wrong otherwise.
 */
function priceCart(items: readonly unknown[], market: Market): CreateCheckoutSessionRequest['lineItems'] | string {
  const quantities = new Map<string, number>();
  for (const item of items) {
    const { productId, quantity } = (item ?? {}) as { productId?: unknown; quantity?: unknown };
    if (typeof productId !== 'string' || !findProduct(productId)) return 'One of the products is no longer available.';
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) return 'Quantities must be whole numbers of at least 1.';
    quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  }
  const lineItems = [];
  for (const [productId, quantity] of quantities) {
    const product = findProduct(productId)!;
    if (quantity > MAX_QUANTITY) return `You can order at most ${MAX_QUANTITY} of each product.`;
    lineItems.push({ id: product.id, name: productText(product, market.lang).name, unitAmount: priceIn(product.unitAmount, market), quantity });
  }
  return lineItems;
}

/** The shop's shipping choices in the market's currency and language. */
function shippingOptionsFor(market: Market): NonNullable<CreateCheckoutSessionRequest['shippingOptions']> {
  return SHIPPING_OPTIONS.map((option) => ({
    ...option,
    label: SHIPPING_LABELS[market.lang]?.[option.id] ?? option.label,
    amount: priceIn(option.amount, market),
    deliveryEstimate: { ...option.deliveryEstimate },
  }));
}

/** A checkout session of this shop for a priced cart, recording where it was started (`web`, `kiosk`). */
function sessionRequest(lineItems: CreateCheckoutSessionRequest['lineItems'], market: Market, channel: 'web' | 'kiosk'): CreateCheckoutSessionRequest {
  return {
    currency: market.currency,
    country: market.country,
    locale: market.lang,
    channel,
    lineItems,
    shippingOptions: shippingOptionsFor(market),
    metadata: { shop: 'omni-roasters-demo' },
  };
}

app.post('/api/checkout', async (c) => {
  if (!sameOrigin(c)) return apiError(c, 403, 'origin_not_allowed', 'Cross-site requests are not allowed.');
  if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
    return apiError(c, 415, 'unsupported_media_type', 'Send JSON.');
  }
  const raw = await c.req.text();
  if (raw.length > 16 * 1024) return apiError(c, 413, 'payload_too_large', 'The cart is too large.');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return apiError(c, 400, 'invalid_json', 'The request is not valid JSON.');
  }
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > 50) {
    return apiError(c, 400, 'validation_failed', 'Add at least one product to the cart.');
  }

  // The shopper's market (header menu, `omni_market` cookie): country, currency and language of the checkout.
  const market = marketFromCookie(c.req.header('cookie'));
  const priced = priceCart(items, market);
  if (typeof priced === 'string') return apiError(c, 400, 'validation_failed', priced);
  const request = sessionRequest(priced, market, 'web');
  const token = checkoutToken(c.req.header('cookie'));
  const cart = cartKey(shopFor(c).publishableKey, market.id, items as { productId: string; quantity: number }[]);

  // The same cart opened again (a reload, Back from the cart page, a second tab): its session goes on,
  // with what the shopper already typed, as long as it is not paid or expired; one cart, one payment.
  const previous = checkoutForCart(token, cart);
  if (previous) {
    const session = await omniFor(shopFor(c)).sessions.retrieve(previous.sessionId).catch(() => null);
    if (session && session.status !== 'complete' && session.status !== 'expired' && Date.parse(session.expiresAt) > Date.now()) {
      c.header('Cache-Control', 'no-store');
      return c.json({ ...previous, suggestions }, 200);
    }
  }

  let created;
  try {
    created = await omniFor(shopFor(c)).sessions.create(request);
  } catch (error) {
    if (error instanceof OmniCheckoutError) {
      console.error(`Creating a checkout session failed (${error.status} ${error.code}):`, error.message);
      return apiError(c, 502, 'backend_error', 'The payment service could not start a checkout.');
    }
    console.error('Could not reach the omni-checkout backend:', error instanceof Error ? error.message : error);
    return apiError(c, 502, 'backend_unavailable', 'The payment service is not reachable right now.');
  }
  console.info(`checkout session ${created.id} created (${created.session.totals.total} ${market.currency} minor units)`);
  fulfilment.started(created.id);
  const start = { clientSecret: created.clientSecret, publishableKey: shopFor(c).publishableKey, apiBase, sessionId: created.id };
  // Kept server-side (never in browser storage): a return from a bank page restores this checkout, and
  // the same cart opened again continues it (checkouts.ts).
  const kept = token ?? randomBytes(16).toString('hex');
  keepCheckout(kept, start, cart);
  c.header('Set-Cookie', `omni_checkout=${kept}; Path=/; HttpOnly; SameSite=Lax; Max-Age=86400`);
  c.header('Cache-Control', 'no-store');
  return c.json({ ...start, suggestions }, 201);
});

/** The public keys a page needs to open a handoff link (no session: the link's token names it). */
app.get('/api/checkout/config', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ publishableKey: shopFor(c).publishableKey, apiBase });
});

app.get('/api/checkout/current', (c) => {
  c.header('Cache-Control', 'no-store');
  const start = startedCheckout(checkoutToken(c.req.header('cookie')));
  return start ? c.json({ ...start, suggestions }) : apiError(c, 404, 'not_found', 'No checkout to continue.');
});

// ── The in-store kiosk (examples/kiosk) ─────────────────────────────────────────────────────
// Staff build a cart on the kiosk; the shopper pays on their own phone. A real store puts these
// routes behind its staff sign-in; the demo leaves them open on its own origin.

const KioskCart = z
  .object({
    market: z.enum(MARKETS.map((m) => m.id) as [string, ...string[]]),
    items: z
      .array(z.object({ productId: z.string().max(64), quantity: z.number().int().min(1).max(MAX_QUANTITY) }).strict())
      .min(1, 'Add at least one product to the cart.')
      .max(50),
  })
  .strict();
const KioskText = KioskCart.extend({ phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'Enter the mobile number with its country code, e.g. +49 151 2345678.') }).strict();

/** The JSON body of a kiosk request, checked against `schema`; or the error to answer. */
async function kioskBody<T extends z.ZodType>(c: Context, schema: T): Promise<{ ok: true; value: z.infer<T> } | { ok: false; response: Response }> {
  if (!sameOrigin(c)) return { ok: false, response: apiError(c, 403, 'origin_not_allowed', 'Cross-site requests are not allowed.') };
  if (!(c.req.header('content-type') ?? '').startsWith('application/json')) return { ok: false, response: apiError(c, 415, 'unsupported_media_type', 'Send JSON.') };
  const raw = await c.req.text();
  if (raw.length > 16 * 1024) return { ok: false, response: apiError(c, 413, 'payload_too_large', 'The cart is too large.') };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, response: apiError(c, 400, 'invalid_json', 'The request is not valid JSON.') };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, response: apiError(c, 400, 'validation_failed', parsed.error.issues[0]?.message ?? 'Check the cart.') };
  return { ok: true, value: parsed.data };
}

function backendFailure(c: Context, error: unknown, what: string): Response {
  if (error instanceof OmniCheckoutError) {
    console.error(`${what} failed (${error.status} ${error.code}):`, error.message);
    if (error.status === 400) return apiError(c, 400, error.code, error.message);
    return apiError(c, 502, 'backend_error', 'The payment service could not do that. Try again.');
  }
  console.error('Could not reach the omni-checkout backend:', error instanceof Error ? error.message : error);
  return apiError(c, 502, 'backend_unavailable', 'The payment service is not reachable right now.');
}

/** A checkout session of channel `kiosk` for the kiosk's cart: `<omni-handoff>` on the kiosk shows its QR code. */
app.post('/api/kiosk/checkout', async (c) => {
  const body = await kioskBody(c, KioskCart);
  if (!body.ok) return body.response;
  const market = MARKETS.find((m) => m.id === body.value.market)!;
  const priced = priceCart(body.value.items, market);
  if (typeof priced === 'string') return apiError(c, 400, 'validation_failed', priced);
  let created;
  try {
    created = await omniFor(shopFor(c)).sessions.create(sessionRequest(priced, market, 'kiosk'));
  } catch (error) {
    return backendFailure(c, error, 'Creating a kiosk checkout');
  }
  fulfilment.started(created.id);
  c.header('Cache-Control', 'no-store');
  return c.json({ sessionId: created.id, clientSecret: created.clientSecret, publishableKey: shopFor(c).publishableKey, apiBase }, 201);
});

/**
 * The kiosk's cart as a single-use payment link (channel `sms`), texted to the shopper through the
 * backend's outbox; it opens the shop's /pay page on their phone, like the QR code.
 */
app.post('/api/kiosk/text', async (c) => {
  const body = await kioskBody(c, KioskText);
  if (!body.ok) return body.response;
  const market = MARKETS.find((m) => m.id === body.value.market)!;
  const priced = priceCart(body.value.items, market);
  if (typeof priced === 'string') return apiError(c, 400, 'validation_failed', priced);
  const omni = omniFor(shopFor(c));
  try {
    const link = await omni.paymentLinks.create({
      currency: market.currency,
      country: market.country,
      locale: market.lang,
      lineItems: priced,
      shippingOptions: shippingOptionsFor(market),
      expiresInMinutes: 60,
      singleUse: true,
      channel: 'sms',
      checkoutUrl: `${new URL(c.req.url).origin}/pay`,
    });
    const sent = await omni.paymentLinks.send(link.id, { phone: body.value.phone });
    c.header('Cache-Control', 'no-store');
    return c.json({ link: link.id, to: sent.to }, 202);
  } catch (error) {
    return backendFailure(c, error, 'Texting a payment link');
  }
});

/** The state of a link the kiosk texted (`active`, `paid`, …) and how many checkouts it opened. */
app.get('/api/kiosk/links/:id', async (c) => {
  c.header('Cache-Control', 'no-store');
  const id = c.req.param('id');
  if (!/^plink_[A-Za-z0-9]{1,64}$/.test(id)) return apiError(c, 404, 'not_found', 'No such link.');
  try {
    const link = await omniFor(shopFor(c)).paymentLinks.retrieve(id);
    return c.json({ state: link.state, sessions: link.sessions, paid: link.paid });
  } catch (error) {
    if (error instanceof OmniCheckoutError && error.status === 404) return apiError(c, 404, 'not_found', 'No such link.');
    return backendFailure(c, error, 'Reading a payment link');
  }
});

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * What the confirmation page shows: the order, and its shipping address only to the browser that
 * started this checkout (its HttpOnly cookie names the session); anyone else gets no personal data.
 */
function orderView(order: Order, own: boolean) {
  return {
    id: order.id,
    reference: orderReference(order.id),
    sessionId: order.sessionId,
    status: order.status,
    provider: order.provider,
    amount: order.amount,
    currency: order.currency,
    lineItems: order.lineItems.map(({ id, name, quantity, unitAmount, amount }) => ({ id, name, quantity, unitAmount, amount })),
    shippingOption: order.shippingOption
      ? {
          id: order.shippingOption.id,
          label: order.shippingOption.label,
          amount: order.shippingOption.amount,
          // The delivery dates promised when the order was paid (the backend's calendar, the merchant's time zone).
          ...(order.shippingOption.deliveryWindow ? { deliveryWindow: order.shippingOption.deliveryWindow } : {}),
        }
      : null,
    shippingAddress: own ? (order.shippingAddress ?? null) : null,
    // How it was paid (docs/omnichannel.md): the channel and a coarse device class, no personal data.
    ...(order.channel ? { channel: order.channel, device: order.device ?? null } : {}),
    createdAt: order.createdAt,
  };
}

app.get('/api/orders/:sessionId', async (c) => {
  const sessionId = c.req.param('sessionId');
  if (!ID.test(sessionId)) return apiError(c, 404, 'not_found', 'No such order.');
  let data: Order[];
  try {
    data = await omniFor(shopFor(c)).orders.list({ sessionId });
  } catch (error) {
    if (error instanceof OmniCheckoutError && error.status === 404) return apiError(c, 404, 'not_found', 'No such order.');
    if (error instanceof OmniCheckoutError) return apiError(c, 502, 'backend_error', 'The payment service could not look the order up.');
    return apiError(c, 502, 'backend_unavailable', 'The payment service is not reachable right now.');
  }
  c.header('Cache-Control', 'no-store');
  const own = startedCheckout(checkoutToken(c.req.header('cookie')))?.sessionId === sessionId;
  return c.json({ data: data.map((order) => orderView(order, own)) });
});

app.notFound((c) => c.html('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · Omni Roasters</title></head><body><main><h1>Page not found</h1><p><a href="/">Back to the shop</a></p></main></body></html>', 404));

app.onError((error, c) => {
  console.error('Unexpected error:', error);
  return c.json({ error: { code: 'internal_error', message: 'Something went wrong.' } }, 500);
});

// Register the webhook endpoints before listening, so a shop that answers /healthz receives webhooks.
const shopUrl = (process.env.OMNI_SHOP_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');
if (!(await fulfilment.register(shopUrl))) console.warn('Orders will not be marked paid until the backend can reach this shop.');

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.info(`Demo shop listening on http://${host}:${info.port} (backend ${apiBase})`);
}) as Server;
// Idle keep-alive connections outlive the browser's and proxies' (Node's 5 s default lets a reused
// socket be reset mid-request), as in the token backend (packages/server/src/http/listen.ts).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

function shutdown(): void {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
