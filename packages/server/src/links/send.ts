/**
 * Sending a payment link to one shopper by email or SMS (docs/omnichannel.md):
 * `POST /v1/payment_links/{id}/send` with `{ email }` or `{ phone }` (E.164) and an Idempotency-Key.
 * The send is a row of `payment_link_sends`, written in the same transaction as its one outbox
 * message, under the key: a retried request answers the same send and enqueues nothing new. Only an
 * active link is sent (409 `payment_link_not_active`); one disabled or expired before the message
 * leaves is not sent any more. The recipient is kept only sealed (in the outbox payload) and masked.
 * The message speaks the link's language (its `locale`; English when it has none).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { formatMoney, Id } from '@omni-checkout/core';
import { maskEmail, maskPhone } from '@omni-checkout/core/identity-client';
import { PaymentLinkSend, SendPaymentLinkRequest } from '@omni-checkout/core/payment-links';
import type { Context } from 'hono';
import { randomHex } from '../crypto.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/middleware.js';
import { ErrorBody } from '../http/routes.js';
import { normaliseEmail, normalisePhone } from '../identity/deps.js';
import type { Vault } from '../identity/vault.js';
import { enqueueNotification, type Template } from '../notifications/outbox.js';
import type { Db, Queryable } from '../storage/db.js';
import type { MerchantRecord } from '../storage/index.js';
import { linkRow, linkStateOf, pageLanguage, type LinkRow } from './links.js';

export const PAYMENT_LINK_TEMPLATE = 'payment_link';

export interface LinkSendDeps {
  readonly db: Db;
  readonly now: () => Date;
  /** Seals the recipient in the outbox payload; without it the route answers 503 `payment_link_send_unavailable`. */
  readonly vault: Vault | null;
  /** Whether texts can go anywhere, and to which countries (the identity network's rules, docs/security.md R19). */
  readonly sms: { readonly available: boolean; readonly countries: ReadonlySet<string> };
  readonly wakeOutbox?: () => void;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

const sendLinkRoute = createRoute({
  method: 'post',
  path: '/v1/payment_links/{id}/send',
  summary:
    'Send the link to one shopper by email or SMS through the outbox (Idempotency-Key required: the same key sends once). 409 `payment_link_not_active` when the link is paid, expired or disabled.',
  security: [{ secretKey: [] }],
  request: {
    params: z.object({ id: Id }),
    headers: z.object({ 'idempotency-key': z.string().min(1).max(255) }),
    body: { content: { 'application/json': { schema: SendPaymentLinkRequest } }, required: true },
  },
  responses: {
    202: { content: { 'application/json': { schema: PaymentLinkSend } }, description: 'The send, queued (the same one for a repeated Idempotency-Key)' },
    default: { content: { 'application/json': { schema: ErrorBody } }, description: 'Error: `{ error: { code, message } }` with a stable code' },
  },
});

interface SendRow {
  id: string;
  link_id: string;
  request_hash: string;
  channel: 'email' | 'sms';
  recipient_hint: string;
  created_at: Date | string;
}

const sendView = (row: SendRow): PaymentLinkSend => ({
  id: row.id,
  object: 'payment_link_send',
  link: row.link_id,
  channel: row.channel,
  to: row.recipient_hint,
  createdAt: new Date(row.created_at).toISOString(),
});

async function sendByKey(db: Queryable, linkId: string, key: string): Promise<SendRow | null> {
  const { rows } = await db.query<SendRow>('SELECT * FROM payment_link_sends WHERE link_id = $1 AND idempotency_key = $2', [linkId, key]);
  return rows[0] ?? null;
}

function replay(row: SendRow, hash: string): PaymentLinkSend {
  if (row.request_hash !== hash) {
    throw new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for another send of this link. Use a new key per send.');
  }
  return sendView(row);
}

/** Registers the route; `owned` answers the caller's link or throws 404. */
export function registerPaymentLinkSendRoute(
  app: OpenAPIHono<AppEnv>,
  deps: LinkSendDeps,
  owned: (merchant: MerchantRecord, id: string) => Promise<LinkRow>,
): void {
  app.openapi(sendLinkRoute, async (c) => {
    const key = idempotencyKey(c);
    const link = await owned(c.get('merchant'), c.req.valid('param').id);
    const send = await sendPaymentLink(deps, link, c.req.valid('json'), { key, hash: c.get('bodyHash'), origin: new URL(c.req.url).origin });
    deps.wakeOutbox?.();
    return c.json(send, 202);
  });
}

/**
 * Records one send of `link` under `key` with its outbox message, or answers the send already
 * recorded under it (409 `idempotency_key_reused` when that one was for another request, `hash`).
 * `origin` is the backend's public origin, for the link's URL in the message.
 */
export async function sendPaymentLink(
  deps: Pick<LinkSendDeps, 'db' | 'now' | 'vault' | 'sms'>,
  link: LinkRow,
  request: SendPaymentLinkRequest,
  at: { readonly key: string; readonly hash: string; readonly origin: string },
): Promise<PaymentLinkSend> {
  const { key, hash, origin } = at;
  const earlier = await sendByKey(deps.db, link.id, key);
  if (earlier) return replay(earlier, hash);
  if (!deps.vault) throw new ApiError(503, 'payment_link_send_unavailable', 'This backend cannot send payment links: it has no vault to seal the recipient with.');
  const state = linkStateOf(link, deps.now());
  if (state !== 'active') throw new ApiError(409, 'payment_link_not_active', `This payment link is ${state}; only an active link can be sent.`);
  const to = destination(deps, request, link.country);
  const vault = deps.vault;
  return deps.db.transaction(async (tx) => {
    const id = `plsend_${randomHex(12)}`;
    const { rows } = await tx.query<SendRow>(
      `INSERT INTO payment_link_sends (id, link_id, merchant_id, idempotency_key, request_hash, channel, recipient_hint, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (link_id, idempotency_key) DO NOTHING RETURNING *`,
      [id, link.id, link.merchant_id, key, hash, to.channel, to.hint, deps.now()],
    );
    // A concurrent request with the same key won: answer its send.
    if (!rows[0]) return replay((await sendByKey(tx, link.id, key))!, hash);
    await enqueueNotification(tx, {
      key: `payment-link-send:${id}`,
      channel: to.channel,
      template: PAYMENT_LINK_TEMPLATE,
      payload: { sendId: id, linkId: link.id, merchantId: link.merchant_id, origin, to: vault.seal(to.value) },
    });
    return sendView(rows[0]);
  });
}

function idempotencyKey(c: Context<AppEnv>): string {
  const key = c.req.header('idempotency-key');
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1–255 visible characters), a new one per send.');
  }
  return key;
}

function destination(deps: Pick<LinkSendDeps, 'sms'>, request: SendPaymentLinkRequest, country: string) {
  if ('email' in request) {
    const email = normaliseEmail(request.email);
    return { channel: 'email' as const, value: email, hint: maskEmail(email) };
  }
  const phone = normalisePhone(request.phone, country);
  if (!deps.sms.available) throw new ApiError(400, 'sms_unavailable', 'Text messages are not available here. Send the link by email.');
  if (!phone.country || !deps.sms.countries.has(phone.country)) {
    throw new ApiError(400, 'sms_country_not_allowed', 'Text messages cannot be sent to this country. Send the link by email.');
  }
  return { channel: 'sms' as const, value: phone.e164, hint: maskPhone(phone.e164) };
}

interface LinkWords {
  subject: (shop: string) => string;
  intro: (shop: string) => string;
  pay: string;
  validUntil: (date: string) => string;
  sms: (shop: string, url: string) => string;
}

/** The message's words per language (the languages of the link's pages, `pageLanguage`). */
const WORDS: Record<string, LinkWords> = {
  en: { subject: (s) => `Payment link from ${s}`, intro: (s) => `${s} asks you to pay with this link.`, pay: 'Pay now', validUntil: (d) => `The link is valid until ${d}.`, sms: (s, u) => `${s}: pay here ${u}` },
  de: { subject: (s) => `Zahlungslink von ${s}`, intro: (s) => `${s} bittet Sie, über diesen Link zu bezahlen.`, pay: 'Jetzt bezahlen', validUntil: (d) => `Der Link ist gültig bis ${d}.`, sms: (s, u) => `${s}: Hier bezahlen ${u}` },
  fr: { subject: (s) => `Lien de paiement de ${s}`, intro: (s) => `${s} vous invite à payer avec ce lien.`, pay: 'Payer maintenant', validUntil: (d) => `Le lien est valable jusqu’au ${d}.`, sms: (s, u) => `${s} : payer ici ${u}` },
  es: { subject: (s) => `Enlace de pago de ${s}`, intro: (s) => `${s} te pide que pagues con este enlace.`, pay: 'Pagar ahora', validUntil: (d) => `El enlace es válido hasta el ${d}.`, sms: (s, u) => `${s}: paga aquí ${u}` },
  pl: { subject: (s) => `Link do płatności od ${s}`, intro: (s) => `${s} prosi o płatność za pomocą tego linku.`, pay: 'Zapłać teraz', validUntil: (d) => `Link jest ważny do ${d}.`, sms: (s, u) => `${s}: zapłać tutaj ${u}` },
  sv: { subject: (s) => `Betallänk från ${s}`, intro: (s) => `${s} ber dig betala via den här länken.`, pay: 'Betala nu', validUntil: (d) => `Länken gäller till ${d}.`, sms: (s, u) => `${s}: betala här ${u}` },
  tr: { subject: (s) => `${s} ödeme bağlantısı`, intro: (s) => `${s} bu bağlantıyla ödeme yapmanızı istiyor.`, pay: 'Şimdi öde', validUntil: (d) => `Bağlantı ${d} tarihine kadar geçerlidir.`, sms: (s, u) => `${s}: buradan ödeyin ${u}` },
  ar: { subject: (s) => `رابط دفع من ${s}`, intro: (s) => `يطلب منك ${s} الدفع عبر هذا الرابط.`, pay: 'ادفع الآن', validUntil: (d) => `الرابط صالح حتى ${d}.`, sms: (s, u) => `${s}: ادفع هنا ${u}` },
  ja: { subject: (s) => `${s}からの支払いリンク`, intro: (s) => `${s}から、このリンクでのお支払いのご依頼です。`, pay: '今すぐ支払う', validUntil: (d) => `このリンクの有効期限は${d}です。`, sms: (s, u) => `${s}: こちらからお支払いください ${u}` },
  ko: { subject: (s) => `${s}에서 보낸 결제 링크`, intro: (s) => `${s}에서 이 링크로 결제를 요청했습니다.`, pay: '지금 결제하기', validUntil: (d) => `이 링크는 ${d}까지 유효합니다.`, sms: (s, u) => `${s}: 여기에서 결제하세요 ${u}` },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The outbox template: the link's message to the sealed recipient, or nothing when the link cannot be paid any more. */
export function paymentLinkMessage(deps: { readonly db: Queryable; readonly vault: Vault; readonly now?: () => Date }): Template {
  return async (row) => {
    const { linkId, origin, to } = row.payload as { linkId: string; origin: string; to: string };
    const link = await linkRow(deps.db, linkId);
    if (!link || linkStateOf(link, deps.now?.() ?? new Date()) !== 'active') return null;
    const { rows } = await deps.db.query<{ name: string }>('SELECT name FROM merchants WHERE id = $1', [link.merchant_id]);
    const shop = rows[0]?.name ?? '';
    const lang = pageLanguage(undefined, link.locale);
    const words = WORDS[lang] ?? WORDS.en!;
    const url = `${origin}/l/${link.id}`;
    const recipient = deps.vault.open(to);
    if (row.channel === 'sms') return { channel: 'sms', message: { to: recipient, body: words.sms(shop, url) } };
    const locale = link.locale ?? lang;
    const items = (typeof link.line_items === 'string' ? JSON.parse(link.line_items) : link.line_items) as { name: string; unitAmount: number; quantity: number }[];
    const lines = items.map((item) => `${item.quantity} × ${item.name}  ${formatMoney({ amount: item.unitAmount * item.quantity, currency: link.currency }, locale)}`);
    const until = words.validUntil(new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(link.expires_at)) + ' UTC');
    const text = [words.intro(shop), '', ...lines, '', `${words.pay}: ${url}`, '', until].join('\n');
    const e = escapeHtml;
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    const html = `<!doctype html><html lang="${e(lang)}" dir="${dir}"><head><meta charset="utf-8"><title>${e(words.subject(shop))}</title></head>
<body style="font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f1f1f">
<p style="font-size:20px;font-weight:600">${e(shop)}</p><p>${e(words.intro(shop))}</p>
<ul>${lines.map((line) => `<li>${e(line)}</li>`).join('')}</ul>
<p><a href="${e(url)}" style="display:inline-block;padding:10px 18px;background:#0b57d0;color:#ffffff;text-decoration:none;border-radius:4px">${e(words.pay)}</a></p>
<p style="color:#5f6368">${e(until)}<br><span dir="ltr">${e(url)}</span></p>
</body></html>`;
    return { channel: 'email', message: { to: recipient, subject: words.subject(shop), text, html } };
  };
}
