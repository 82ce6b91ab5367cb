/**
 * Payment links (docs/omnichannel.md): a merchant creates a link (line items or an amount, currency,
 * market, expiry, single or multiple use, a channel tag); opening it on the backend's origin
 * (`GET /l/{id}`) creates a checkout session (channel `link`) — or, for a single-use link, reuses
 * its one open session — with a single-use handoff token that the browser exchanges for its own
 * credential (the client secret never leaves the backend). By default the backend serves the pay
 * page itself (page.ts: `<omni-checkout>` from its own build, `/l/assets/…`, under a nonce CSP);
 * a link with the merchant's own `checkoutUrl` sends the browser there with the token in the
 * fragment, for `<omni-handoff redeem>`. A link that cannot be paid any more answers a page saying
 * why, in the shopper's language.
 */
import { readFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { CreatePaymentLinkRequest, LinkState, PaymentLink } from '@omni-checkout/core/payment-links';
import {
  Id,
  type CreateCheckoutSessionRequest,
  type CreateCheckoutSessionResponse,
  type LineItemInput as LineItemInputType,
} from '@omni-checkout/core';
import { randomHex } from '../crypto.js';
import { ApiError } from '../errors.js';
import { jsonBody, secretKeyAuth, type AppEnv } from '../http/middleware.js';
import { ErrorBody } from '../http/routes.js';
import type { Db, Queryable } from '../storage/db.js';
import type { MerchantRecord, SessionRecord, Storage } from '../storage/index.js';
import { createHandoff, type HandoffDeps } from '../handoff/handoff.js';
import { CLOSED_PAGE_CSP, activeLinkPage, closedLinkPage, pageLanguage, payPageCsp } from './page.js';

export { pageLanguage } from './page.js';

export interface LinkRow {
  id: string;
  merchant_id: string;
  merchant_publishable_key: string;
  currency: string;
  country: string;
  locale: string | null;
  line_items: LineItemInputType[] | string;
  shipping_options: unknown[] | string;
  channel: PaymentLink['channel'];
  single_use: boolean;
  checkout_url: string | null;
  expires_at: Date | string;
  disabled_at: Date | string | null;
  created_at: Date | string;
  sessions: number | string;
  paid: number | string;
  open_session: string | null;
}

const LINK_SELECT = `SELECT l.*,
    (SELECT count(*) FROM payment_link_sessions ls WHERE ls.link_id = l.id) AS sessions,
    (SELECT count(*) FROM payment_link_sessions ls JOIN checkout_sessions s ON s.id = ls.session_id
      WHERE ls.link_id = l.id AND s.status = 'complete') AS paid,
    (SELECT ls.session_id FROM payment_link_sessions ls JOIN checkout_sessions s ON s.id = ls.session_id
      WHERE ls.link_id = l.id AND s.status <> 'complete' ORDER BY ls.created_at DESC LIMIT 1) AS open_session
  FROM payment_links l`;

const parsed = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

export function linkStateOf(row: LinkRow, now: Date): z.infer<typeof LinkState> {
  if (row.disabled_at !== null) return 'disabled';
  if (row.single_use && Number(row.paid) > 0) return 'paid';
  if (new Date(row.expires_at) <= now) return 'expired';
  return 'active';
}

export interface LinkDeps {
  readonly db: Db;
  readonly storage: Storage;
  readonly now: () => Date;
  readonly handoff: HandoffDeps;
  readonly createSession: (merchant: MerchantRecord, request: CreateCheckoutSessionRequest) => Promise<CreateCheckoutSessionResponse>;
  /**
   * The built script of the hosted pay page (scripts/build-link-page.mjs; default
   * `packages/server/link-page/dist`). Without its entry, hosted links answer 503 with a page
   * saying the payment page is unavailable; links with the merchant's own checkoutUrl still work.
   */
  readonly pageAssets?: string;
}

/** Where scripts/build-link-page.mjs writes the hosted page's script (from src/links or dist/links alike). */
export const DEFAULT_LINK_PAGE_ASSETS = fileURLToPath(new URL('../../link-page/dist/', import.meta.url));

/** The built files of the hosted page, read once each and kept (a few hundred KB). */
function linkPageAssets(dir: string) {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(dir).filter((name) => /^[\w-]+\.js(\.LEGAL\.txt)?$/.test(name)));
  } catch {
    names = new Set();
  }
  const cache = new Map<string, Promise<Buffer>>();
  return {
    available: names.has('pay.js'),
    has: (name: string) => names.has(name),
    read(name: string): Promise<Buffer> {
      let file = cache.get(name);
      if (!file) cache.set(name, (file = readFile(join(dir, name))));
      return file;
    },
  };
}

const lineTotal = (items: readonly LineItemInputType[]) => items.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = { default: json(ErrorBody, 'Error: `{ error: { code, message } }` with a stable code') };
const merchantAuth = [{ secretKey: [] }];
const params = z.object({ id: Id });

const createLinkRoute = createRoute({
  method: 'post',
  path: '/v1/payment_links',
  summary: 'Create a payment link (line items or an amount, currency, market, expiry, single or multiple use, channel tag)',
  security: merchantAuth,
  request: { body: { content: { 'application/json': { schema: CreatePaymentLinkRequest } }, required: true } },
  responses: { 201: json(PaymentLink, 'The link; send `url` to the shopper'), ...errors },
});
const getLinkRoute = createRoute({
  method: 'get',
  path: '/v1/payment_links/{id}',
  summary: 'Read a payment link and its state (active, paid, expired, disabled)',
  security: merchantAuth,
  request: { params },
  responses: { 200: json(PaymentLink, 'The link'), ...errors },
});
const disableLinkRoute = createRoute({
  method: 'post',
  path: '/v1/payment_links/{id}/disable',
  summary: 'Disable a payment link: it opens no checkout any more',
  security: merchantAuth,
  request: { params, body: { content: { 'application/json': { schema: z.object({}).strict() } }, required: true } },
  responses: { 200: json(PaymentLink, 'The link, disabled'), ...errors },
});

export function registerPaymentLinkRoutes(app: OpenAPIHono<AppEnv>, deps: LinkDeps): void {
  const { db } = deps;
  // Also matches `/v1/payment_links` itself.
  app.use('/v1/payment_links/*', secretKeyAuth(deps.storage), jsonBody);
  const byId = (id: string) => linkRow(db, id);
  const view = (row: LinkRow, origin: string) => linkView(row, origin, deps.now());
  const owned = (merchant: MerchantRecord, id: string) => ownedLink(db, merchant, id);

  app.openapi(createLinkRoute, async (c) => {
    const id = await createPaymentLink(db, c.get('merchant'), c.req.valid('json'), deps.now());
    return c.json(view((await byId(id))!, new URL(c.req.url).origin), 201);
  });

  app.openapi(getLinkRoute, async (c) => c.json(view(await owned(c.get('merchant'), c.req.valid('param').id), new URL(c.req.url).origin), 200));

  app.openapi(disableLinkRoute, async (c) => {
    const row = await owned(c.get('merchant'), c.req.valid('param').id);
    await disablePaymentLink(db, row.merchant_id, row.id, deps.now());
    return c.json(view((await byId(row.id))!, new URL(c.req.url).origin), 200);
  });

  // The link itself, on the backend's origin: a page (not JSON), never cached, never a Referer.
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/l/{id}',
    summary:
      "The link the shopper opens: the backend's hosted pay page (or, for a link with the merchant's own checkoutUrl, 303 there with a single-use handoff token in the fragment); a page saying why when the link is paid, expired, disabled or unknown. Pages speak the first of the browser's languages (Accept-Language) among the ten, then the link's locale.",
    request: { params },
    responses: {
      200: { description: "The hosted pay page (text/html): the merchant's name, the amount due and `<omni-checkout>`; CSP with a fresh nonce per response, no inline script or style without it" },
      303: { description: 'To `checkoutUrl#omni-handoff=<token>` (links with the merchant’s own checkout page)' },
      404: { description: 'No such link (an HTML page in the shopper’s language)' },
      410: { description: 'Paid, expired or disabled (an HTML page in the shopper’s language)' },
      503: { description: 'The hosted pay page is not built on this backend (an HTML page in the shopper’s language)' },
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/l/assets/{file}',
    summary: "The hosted pay page's script and its chunks (the elements, built by scripts/build-link-page.mjs)",
    request: { params: z.object({ file: z.string() }) },
    responses: {
      200: { description: 'JavaScript (text/javascript, an ES module); chunks cached for a year, the entry revalidated' },
      404: { description: 'No such file' },
    },
  });
  const assets = linkPageAssets(deps.pageAssets ?? DEFAULT_LINK_PAGE_ASSETS);
  app.get('/l/assets/:file', async (c) => {
    const file = c.req.param('file');
    if (!assets.has(file)) return c.text('Not found', 404);
    // Chunk names carry a hash of their content; the entry's does not.
    c.header('Cache-Control', file.startsWith('chunk-') ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('Content-Type', file.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/plain; charset=utf-8');
    return c.body(new Uint8Array(await assets.read(file)), 200);
  });
  app.get('/l/:id', async (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    const id = c.req.param('id');
    const row = /^plink_[0-9a-f]{24}$/.test(id) ? await byId(id) : null;
    const lang = pageLanguage(c.req.header('accept-language'), row?.locale ?? null);
    if (!row) return c.html(closedLinkPage(lang, 'missing'), 404, { 'Content-Security-Policy': CLOSED_PAGE_CSP });
    const merchant = await deps.storage.merchantByPublishableKey(row.merchant_publishable_key);
    const state = linkStateOf(row, deps.now());
    if (state !== 'active') return c.html(closedLinkPage(lang, state, merchant?.name), 410, { 'Content-Security-Policy': CLOSED_PAGE_CSP });
    if (row.checkout_url === null && !assets.available) {
      return c.html(closedLinkPage(lang, 'unavailable', merchant?.name), 503, { 'Content-Security-Policy': CLOSED_PAGE_CSP });
    }
    const session = await linkSession(deps, row);
    const { token } = await createHandoff(deps.handoff, session);
    if (row.checkout_url !== null) return c.redirect(`${row.checkout_url.split('#')[0]}#omni-handoff=${token}`, 303);
    const nonce = randomBytes(18).toString('base64');
    const page = activeLinkPage(
      {
        lang,
        merchantName: merchant?.name ?? '',
        currency: row.currency,
        amount: lineTotal(parsed(row.line_items)),
        token,
        publishableKey: row.merchant_publishable_key,
        apiBase: new URL(c.req.url).origin,
      },
      nonce,
      '/l/assets/pay.js',
    );
    return c.html(page, 200, { 'Content-Security-Policy': payPageCsp(nonce), 'Content-Language': lang });
  });
}

export async function linkRow(db: Queryable, id: string): Promise<LinkRow | null> {
  return (await db.query<LinkRow>(`${LINK_SELECT} WHERE l.id = $1`, [id])).rows[0] ?? null;
}

/** The merchant's link of `id`; 404 `not_found` when there is none of theirs. */
export async function ownedLink(db: Queryable, merchant: Pick<MerchantRecord, 'id'>, id: string): Promise<LinkRow> {
  const row = await linkRow(db, id);
  if (!row || row.merchant_id !== merchant.id) throw new ApiError(404, 'not_found', 'No payment link with this id.');
  return row;
}

function linkView(row: LinkRow, origin: string, now: Date): PaymentLink {
  return {
    id: row.id,
    object: 'payment_link',
    url: `${origin}/l/${row.id}`,
    state: linkStateOf(row, now),
    currency: row.currency,
    country: row.country,
    locale: row.locale,
    channel: row.channel,
    singleUse: row.single_use,
    lineItems: parsed(row.line_items),
    checkoutUrl: row.checkout_url,
    sessions: Number(row.sessions),
    paid: Number(row.paid),
    expiresAt: new Date(row.expires_at).toISOString(),
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The link of `id` as the API answers it, with its URL on `origin` (the backend's public origin); null when there is none. */
export async function readPaymentLink(db: Db, id: string, origin: string, now: Date): Promise<PaymentLink | null> {
  const row = await linkRow(db, id);
  return row ? linkView(row, origin, now) : null;
}

/** Disables a link (the API's and the CLI's); false when there is none of this merchant's. */
export async function disablePaymentLink(db: Db, merchantId: string | null, id: string, now: Date): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE payment_links SET disabled_at = coalesce(disabled_at, $3) WHERE id = $1 AND ($2::text IS NULL OR merchant_id = $2) RETURNING id',
    [id, merchantId, now],
  );
  return rows.length > 0;
}

/** Stores a new link for `merchant` (its checkout page on one of its allowed origins); answers its id. */
export async function createPaymentLink(
  db: Db,
  merchant: Pick<MerchantRecord, 'id' | 'name' | 'publishableKey' | 'allowedOrigins'>,
  req: z.output<typeof CreatePaymentLinkRequest>,
  now: Date,
): Promise<string> {
  if (req.checkoutUrl !== undefined && !merchant.allowedOrigins.includes(new URL(req.checkoutUrl).origin)) {
    throw new ApiError(400, 'validation_failed', 'The checkout page must be on one of your allowed origins.', [
      { path: 'checkoutUrl', message: 'Not one of your allowed origins' },
    ]);
  }
  const lineItems = req.lineItems ?? [{ id: 'amount', name: req.description ?? merchant.name, unitAmount: req.amount!, quantity: 1 }];
  const id = `plink_${randomHex(12)}`;
  await db.query(
    `INSERT INTO payment_links (id, merchant_id, merchant_publishable_key, currency, country, locale, line_items, shipping_options, channel, single_use, checkout_url, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [id, merchant.id, merchant.publishableKey, req.currency, req.country, req.locale ?? null, JSON.stringify(lineItems), JSON.stringify(req.shippingOptions),
      req.channel, req.singleUse, req.checkoutUrl ?? null, new Date(now.getTime() + req.expiresInMinutes * 60_000), now],
  );
  return id;
}

/** The session this opening pays: a single-use link's open one, or a new one (channel `link`). */
async function linkSession(deps: LinkDeps, row: LinkRow): Promise<SessionRecord> {
  const now = deps.now();
  if (row.single_use && row.open_session) {
    const open = await deps.storage.sessionById(row.open_session);
    if (open && open.expiresAt > now && open.status === 'open') return open;
  }
  const merchant = await deps.storage.merchantByPublishableKey(row.merchant_publishable_key);
  if (!merchant) throw new ApiError(404, 'not_found', 'No payment link with this id.');
  const created = await deps.createSession(merchant, {
    currency: row.currency,
    country: row.country,
    ...(row.locale ? { locale: row.locale } : {}),
    channel: 'link',
    lineItems: parsed(row.line_items),
    shippingOptions: parsed(row.shipping_options) as CreateCheckoutSessionRequest['shippingOptions'],
    metadata: { payment_link: row.id, link_channel: row.channel },
  });
  await deps.db.query('INSERT INTO payment_link_sessions (link_id, session_id, created_at) VALUES ($1, $2, $3)', [row.id, created.id, now]);
  return (await deps.storage.sessionById(created.id))!;
}
