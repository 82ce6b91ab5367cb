/**
 * Payment links (docs/omnichannel.md): a merchant creates a link (line items or an amount, currency,
 * market, expiry, single or multiple use, a channel tag); opening it on the backend's origin
 * (`GET /l/{id}`) creates a checkout session (channel `link`) — or, for a single-use link, reuses
 * its one open session — and sends the browser to the merchant's checkout page with a single-use
 * handoff token in the fragment, which `<omni-handoff redeem>` exchanges for the browser's own
 * credential (the client secret never leaves the backend). A link that cannot be paid any more
 * answers a page saying why, in the shopper's language.
 */
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
  checkout_url: string;
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
}

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

/** The words of the page for a link that cannot be paid, per language of the shopper's browser. */
const PAGE_TEXT: Record<string, Record<'paid' | 'expired' | 'disabled' | 'missing', string>> = {
  en: { paid: 'This payment link has already been paid.', expired: 'This payment link has expired.', disabled: 'This payment link is no longer active.', missing: 'There is no payment link at this address.' },
  de: { paid: 'Dieser Zahlungslink wurde bereits bezahlt.', expired: 'Dieser Zahlungslink ist abgelaufen.', disabled: 'Dieser Zahlungslink ist nicht mehr aktiv.', missing: 'Unter dieser Adresse gibt es keinen Zahlungslink.' },
  fr: { paid: 'Ce lien de paiement a déjà été payé.', expired: 'Ce lien de paiement a expiré.', disabled: 'Ce lien de paiement n’est plus actif.', missing: 'Il n’y a pas de lien de paiement à cette adresse.' },
  es: { paid: 'Este enlace de pago ya se ha pagado.', expired: 'Este enlace de pago ha caducado.', disabled: 'Este enlace de pago ya no está activo.', missing: 'No hay ningún enlace de pago en esta dirección.' },
  pl: { paid: 'Ten link do płatności został już opłacony.', expired: 'Ten link do płatności wygasł.', disabled: 'Ten link do płatności nie jest już aktywny.', missing: 'Pod tym adresem nie ma linku do płatności.' },
  sv: { paid: 'Den här betallänken är redan betald.', expired: 'Den här betallänken har gått ut.', disabled: 'Den här betallänken är inte längre aktiv.', missing: 'Det finns ingen betallänk på den här adressen.' },
  tr: { paid: 'Bu ödeme bağlantısı zaten ödendi.', expired: 'Bu ödeme bağlantısının süresi doldu.', disabled: 'Bu ödeme bağlantısı artık etkin değil.', missing: 'Bu adreste bir ödeme bağlantısı yok.' },
  ar: { paid: 'تم دفع رابط الدفع هذا من قبل.', expired: 'انتهت صلاحية رابط الدفع هذا.', disabled: 'رابط الدفع هذا لم يعد نشطًا.', missing: 'لا يوجد رابط دفع على هذا العنوان.' },
  ja: { paid: 'この支払いリンクはすでに支払い済みです。', expired: 'この支払いリンクは有効期限が切れています。', disabled: 'この支払いリンクは現在無効です。', missing: 'このアドレスに支払いリンクはありません。' },
  ko: { paid: '이미 결제된 결제 링크입니다.', expired: '만료된 결제 링크입니다.', disabled: '더 이상 사용할 수 없는 결제 링크입니다.', missing: '이 주소에는 결제 링크가 없습니다.' },
};

/** The first of the shopper's languages (`Accept-Language`) that has words, then the link's. */
export function pageLanguage(acceptLanguage: string | undefined, fallback: string | null): string {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.trim().split(';')[0]!.toLowerCase().split('-')[0]!)
    .filter(Boolean);
  return [...wanted, (fallback ?? 'en').toLowerCase().split('-')[0]!, 'en'].find((lang) => lang in PAGE_TEXT)!;
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function closedPage(lang: string, reason: keyof (typeof PAGE_TEXT)['en']): string {
  const text = PAGE_TEXT[lang]![reason];
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text}</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:2rem;max-inline-size:40rem}</style></head><body><main><h1>${text}</h1></main></body></html>`;
}

export function registerPaymentLinkRoutes(app: OpenAPIHono<AppEnv>, deps: LinkDeps): void {
  const { db } = deps;
  for (const path of ['/v1/payment_links', '/v1/payment_links/*']) app.use(path, secretKeyAuth(deps.storage), jsonBody);
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
      "The link the shopper opens: 303 to the merchant's checkout page with a single-use handoff token in the fragment; a page saying why when the link is paid, expired, disabled or unknown",
    request: { params },
    responses: {
      303: { description: 'To `checkoutUrl#omni-handoff=<token>`' },
      404: { description: 'No such link (an HTML page in the shopper’s language)' },
      410: { description: 'Paid, expired or disabled (an HTML page in the shopper’s language)' },
    },
  });
  app.get('/l/:id', async (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    const id = c.req.param('id');
    const row = /^plink_[0-9a-f]{24}$/.test(id) ? await byId(id) : null;
    const lang = pageLanguage(c.req.header('accept-language'), row?.locale ?? null);
    if (!row) return c.html(closedPage(lang, 'missing'), 404, { 'Content-Security-Policy': PAGE_CSP });
    const state = linkStateOf(row, deps.now());
    if (state !== 'active') return c.html(closedPage(lang, state), 410, { 'Content-Security-Policy': PAGE_CSP });
    const session = await linkSession(deps, row);
    const { token } = await createHandoff(deps.handoff, session);
    return c.redirect(`${row.checkout_url.split('#')[0]}#omni-handoff=${token}`, 303);
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
  if (!merchant.allowedOrigins.includes(new URL(req.checkoutUrl).origin)) {
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
      req.channel, req.singleUse, req.checkoutUrl, new Date(now.getTime() + req.expiresInMinutes * 60_000), now],
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
