/**
 * The shopper's notifications after the purchase: order confirmed, shipped, delivered, return
 * received, refunded. Each is one outbox row (`order_notice`), written in the transaction of the
 * move it announces under a key per business fact, so it is sent exactly once whatever is retried
 * or replayed; the payload holds references only. At delivery the template renders it in the
 * shopper's language (the session's `locale`), from the same catalogs as `<omni-order-status>`
 * (`@omni-checkout/core/order-text`): a plain-text part and an HTML part made with MJML, each with
 * the signed status link (when the merchant configured its status page).
 */
import { formatMoney } from '@omni-checkout/core';
import type { NotifyBy, OrderLifecycleState } from '@omni-checkout/core';
import { cashOnDeliveryFee, loadOrderText, orderTextLocale, paidViaLine, type NotificationKind, type OrderText } from '@omni-checkout/core/order-text';
import type { Template } from '../notifications/outbox.js';
import { enqueueNotification } from '../notifications/outbox.js';
import { renderMjml, type BuildSource } from './mjml-shapes.js';
import type { Queryable } from '../storage/db.js';
import type { Storage } from '../storage/index.js';
import { channelsOf, enqueueOrderSms } from './notify-sms.js';
import { orderSettings } from './settings.js';
import { statusLinkKey, statusToken, statusUrl } from './status-link.js';

export const ORDER_NOTICE = 'order_notice';

/** The notification a move announces (null: none). */
const NOTICE_OF: Partial<Record<OrderLifecycleState, NotificationKind>> = {
  shipped: 'shipped',
  delivered: 'delivered',
  return_requested: 'return_received',
  partially_refunded: 'refunded',
  refunded: 'refunded',
};

/**
 * Enqueues the email and/or the text a move announces, as the shopper chose at checkout
 * (`orders.notify_by`), once per business fact (a parcel, a return), when the order has a contact.
 */
export async function enqueueOrderNotice(
  tx: Queryable,
  move: { orderId: string; merchantId: string; to: OrderLifecycleState; reference: string | null },
): Promise<void> {
  const kind = NOTICE_OF[move.to];
  if (!kind) return;
  const { rows } = await tx.query<{ notify_by: NotifyBy }>('SELECT notify_by FROM orders WHERE id = $1 AND contact IS NOT NULL', [move.orderId]);
  if (rows.length === 0) return;
  const channels = channelsOf(rows[0]!.notify_by);
  const fact = move.reference ?? move.to;
  if (channels.email) {
    await enqueueNotification(tx, {
      key: `order-notice:${kind}:${move.orderId}:${fact}`,
      channel: 'email',
      template: ORDER_NOTICE,
      payload: { orderId: move.orderId, merchantId: move.merchantId, kind, reference: move.reference },
    });
  }
  if (channels.sms) await enqueueOrderSms(tx, { orderId: move.orderId, merchantId: move.merchantId, kind, fact, reference: move.reference });
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface NoticeContent {
  readonly t: OrderText;
  readonly kind: NotificationKind;
  readonly shop: string;
  readonly orderId: string;
  readonly lines: readonly { label: string; amount: string }[];
  /** "Total paid: …" or "Refunded: …". */
  readonly summary: string;
  /** Carrier, tracking number and link of the parcel a "shipped" notice is about. */
  readonly tracking: { carrier: string; number: string | null; url: string | null } | null;
  readonly link: string | null;
  /** The confirmation: "Paid via: Payment link · Phone" (docs/omnichannel.md); null otherwise. */
  readonly paidVia?: string | null;
}

export function noticeText(c: NoticeContent): string {
  const { t } = c;
  return [
    c.t.mail.intros[c.kind](c.shop),
    '',
    t.orderNumber(c.orderId),
    ...c.lines.map((line) => `  ${line.label}  ${line.amount}`),
    `  ${c.summary}`,
    ...(c.paidVia ? [c.paidVia] : []),
    ...(c.tracking
      ? ['', `${c.tracking.carrier}${c.tracking.number ? ` · ${t.trackingNumber}: ${c.tracking.number}` : ''}`, ...(c.tracking.url ? [`${t.track(c.tracking.carrier)}: ${c.tracking.url}`] : [])]
      : []),
    ...(c.link ? ['', `${t.mail.viewOrder}: ${c.link}`] : []),
  ].join('\n');
}

/**
 * The HTML part's MJML document, every value escaped and placed with `put` (mjml-shapes.ts: MJML
 * renders each shape of the document once; the values are put in their places).
 */
export function noticeSource(c: NoticeContent): BuildSource {
  return (put) => {
    const { t } = c;
    const e = (text: string) => put(escapeHtml(text));
    const align = t.$dir === 'rtl' ? 'right' : 'left';
    const rows = c.lines.map((line) => `<tr><td style="padding:4px 0">${e(line.label)}</td><td style="padding:4px 0;text-align:${t.$dir === 'rtl' ? 'left' : 'right'}">${e(line.amount)}</td></tr>`).join('');
    return `<mjml lang="${escapeHtml(t.$code)}" dir="${t.$dir}">
  <mj-head>
    <mj-title>${e(t.mail.subjects[c.kind](c.shop, c.orderId))}</mj-title>
    <mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /><mj-text font-size="15px" line-height="1.5" color="#1f1f1f" align="${align}" /></mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f4f4">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="20px" font-weight="600">${e(c.shop)}</mj-text>
        <mj-text>${e(t.mail.intros[c.kind](c.shop))}</mj-text>
        <mj-text color="#5f6368">${e(t.orderNumber(c.orderId))}</mj-text>
        <mj-table>${rows}<tr><td style="padding:8px 0;font-weight:600" colspan="2">${e(c.summary)}</td></tr></mj-table>
        ${c.paidVia ? `<mj-text color="#5f6368">${e(c.paidVia)}</mj-text>` : ''}
        ${
          c.tracking
            ? `<mj-text>${e(c.tracking.carrier)}${c.tracking.number ? ` · ${e(t.trackingNumber)}: <span dir="ltr">${e(c.tracking.number)}</span>` : ''}</mj-text>${
                c.tracking.url ? `<mj-text><a href="${e(c.tracking.url)}">${e(t.track(c.tracking.carrier))}</a></mj-text>` : ''
              }`
            : ''
        }
        ${c.link ? `<mj-button href="${e(c.link)}" background-color="#0b57d0" color="#ffffff" align="${align}">${e(t.mail.viewOrder)}</mj-button>` : ''}
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
  };
}

/** The HTML part: the MJML document rendered into mail-client-safe HTML. */
export function noticeHtml(c: NoticeContent): Promise<string> {
  return renderMjml(noticeSource(c));
}

export interface NoticeDeps {
  readonly storage: Storage;
  readonly db: Queryable;
}

/** Renders an order notice (`kind` from the payload, or the one given: the confirmation uses `order_confirmation` rows). */
export function orderNotice(deps: NoticeDeps, fixedKind?: NotificationKind): Template {
  return async (row) => {
    const { orderId, merchantId } = row.payload as { orderId: string; merchantId: string };
    const kind = fixedKind ?? (row.payload.kind as NotificationKind);
    const reference = (row.payload.reference as string | null | undefined) ?? null;
    // The four reads at once (one wait instead of four: the outbox delivers while confirms keep the process busy).
    const [order, { rows }, settings, linkKey] = await Promise.all([
      deps.storage.orderById(merchantId, orderId),
      deps.db.query<{ name: string; locale: string | null }>(
        `SELECT m.name, s.locale FROM orders o JOIN merchants m ON m.id = o.merchant_id JOIN checkout_sessions s ON s.id = o.session_id
         WHERE o.id = $1 AND o.merchant_id = $2`,
        [orderId, merchantId],
      ),
      orderSettings(deps.db, merchantId),
      statusLinkKey(deps.db),
    ]);
    if (!order?.contact?.email || !channelsOf(order.contact.notifyBy).email) return null;
    const shop = rows[0]?.name ?? '';
    const lang = orderTextLocale(rows[0]?.locale);
    const t = await loadOrderText(lang);
    const money = (amount: number) => formatMoney({ amount, currency: order.currency }, lang);
    const lines = order.lineItems.map((item) => ({ label: `${item.quantity} × ${item.name}`, amount: money(item.amount) }));
    if (order.shippingOption) lines.push({ label: order.shippingOption.label, amount: money(order.shippingOption.amount) });
    // Cash on delivery: nothing is paid yet, and the total carries the fee (the order keeps no line for it).
    const onDelivery = order.provider === 'cash_on_delivery' && order.status === 'authorized';
    const fee = cashOnDeliveryFee(order);
    if (fee) lines.push({ label: t.mail.cashOnDeliveryFee, amount: money(fee) });
    let summary = onDelivery ? t.mail.totalOnDelivery(money(order.amount)) : t.mail.totalPaid(money(order.amount));
    let tracking: NoticeContent['tracking'] = null;
    if (kind === 'shipped' && reference) {
      const shipment = await deps.db.query<{ carrier: string; tracking_number: string | null; tracking_url: string | null }>(
        'SELECT carrier, tracking_number, tracking_url FROM order_shipments WHERE id = $1',
        [reference],
      );
      const s = shipment.rows[0];
      if (s) tracking = { carrier: s.carrier, number: s.tracking_number, url: s.tracking_url };
    }
    if (kind === 'refunded' && reference) {
      const refund = await deps.db.query<{ amount: string | number }>(
        `SELECT f.amount FROM order_returns r JOIN refunds f ON f.merchant_id = r.merchant_id AND f.idempotency_key = r.refund_key WHERE r.id = $1`,
        [reference],
      );
      if (refund.rows[0]) summary = t.mail.refundAmount(money(Number(refund.rows[0].amount)));
    }
    const link = statusUrl(settings.statusPageUrl, statusToken(linkKey, orderId));
    const paidVia = kind === 'confirmed' && order.channel ? paidViaLine(t, order.channel, order.device) : null;
    const content: NoticeContent = { t, kind, shop, orderId, lines, summary, tracking, link, paidVia };
    return {
      channel: 'email',
      message: { to: order.contact.email, subject: t.mail.subjects[kind](shop, orderId), text: noticeText(content), html: await noticeHtml(content) },
    };
  };
}
