/**
 * Order updates by SMS, as the shopper chose at checkout (`contact.notifyBy`: `email`, `sms` or
 * `email_sms`, with `contact.phone` in E.164). The choice is copied out of the sealed contact onto
 * the order (`orders.notify_by`, not personal data) in the order's transaction, so each later move
 * decides its channels in its own transaction; the number itself stays sealed and is read only when
 * the text is rendered. Each text is one outbox row under a key per business fact (as the emails),
 * so it goes out exactly once; it says one short line in the shopper's language (`mail.sms` of the
 * order-text catalogs) and carries the signed status link.
 */
import type { Contact, NotifyBy } from '@omni-checkout/core';
import { loadOrderText, orderTextLocale, type NotificationKind } from '@omni-checkout/core/order-text';
import { ApiError } from '../errors.js';
import { normalisePhone } from '../identity/deps.js';
import { enqueueNotification, type Template } from '../notifications/outbox.js';
import type { Queryable } from '../storage/db.js';
import type { Storage } from '../storage/index.js';
import { orderSettings } from './settings.js';
import { statusLinkKey, statusToken, statusUrl } from './status-link.js';

export const ORDER_SMS = 'order_sms';

/** The channels a choice names; absent is email only (orders placed before the choice). */
export const channelsOf = (notifyBy: NotifyBy | null | undefined): { email: boolean; sms: boolean } => ({
  email: notifyBy !== 'sms',
  sms: notifyBy === 'sms' || notifyBy === 'email_sms',
});

/**
 * The contact as the backend keeps it: the phone number checked as a real number (libphonenumber,
 * the session's country for a number typed without `+`) and in E.164; SMS chosen while this backend
 * cannot send texts is refused (409 `sms_unavailable`) rather than silently not sent.
 */
export function checkedContact(contact: Contact, country: string, smsAvailable: boolean): Contact {
  if (channelsOf(contact.notifyBy).sms && !smsAvailable) {
    throw new ApiError(409, 'sms_unavailable', 'This shop cannot send order updates by SMS right now. Choose email instead.');
  }
  if (!contact.phone) return contact;
  return { ...contact, phone: normalisePhone(contact.phone, country).e164 };
}

/** Copies the shopper's choice onto the order (in the order's transaction). */
export async function recordNotifyBy(tx: Queryable, orderId: string, contact: Contact | null): Promise<void> {
  const notifyBy = contact?.notifyBy ?? 'email';
  if (notifyBy !== 'email') await tx.query('UPDATE orders SET notify_by = $2 WHERE id = $1', [orderId, notifyBy]);
}

/** Enqueues the text announcing `kind`, once per `fact` (the session for the confirmation, else the parcel, the return, the state). */
export async function enqueueOrderSms(
  tx: Queryable,
  notice: { orderId: string; merchantId: string; kind: NotificationKind; fact: string; reference: string | null },
): Promise<void> {
  await enqueueNotification(tx, {
    key: `order-sms:${notice.kind}:${notice.orderId}:${notice.fact}`,
    channel: 'sms',
    template: ORDER_SMS,
    payload: { orderId: notice.orderId, merchantId: notice.merchantId, kind: notice.kind, reference: notice.reference },
  });
}

/** The text: the shop's one line in the shopper's language, then the status link on its own line (when the shop has a status page). */
export function smsBody(line: string, link: string | null): string {
  return link ? `${line}\n${link}` : line;
}

export interface SmsNoticeDeps {
  readonly storage: Storage;
  readonly db: Queryable;
}

/** Renders an order's text at delivery: null when the order has no number or its shopper did not choose SMS. */
export function orderSms(deps: SmsNoticeDeps): Template {
  return async (row) => {
    const { orderId, merchantId, kind } = row.payload as { orderId: string; merchantId: string; kind: NotificationKind };
    const order = await deps.storage.orderById(merchantId, orderId);
    const phone = order?.contact?.phone;
    if (!order || !phone || !channelsOf(order.contact?.notifyBy).sms) return null;
    const { rows } = await deps.db.query<{ name: string; locale: string | null }>(
      'SELECT m.name, s.locale FROM merchants m JOIN checkout_sessions s ON s.merchant_id = m.id WHERE m.id = $1 AND s.id = $2',
      [merchantId, order.sessionId],
    );
    const t = await loadOrderText(orderTextLocale(rows[0]?.locale));
    const settings = await orderSettings(deps.db, merchantId);
    const link = statusUrl(settings.statusPageUrl, statusToken(await statusLinkKey(deps.db), orderId));
    return { channel: 'sms', message: { to: phone, body: smsBody(t.mail.sms[kind](rows[0]?.name ?? ''), link) } };
  };
}
