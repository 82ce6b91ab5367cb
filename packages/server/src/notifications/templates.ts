/** Messages the outbox sends, rendered at delivery time from the references in the payload. */
import { formatMoney } from '@omni-checkout/core';
import type { Queryable } from '../storage/db.js';
import type { Storage } from '../storage/index.js';
import type { Vault } from '../identity/vault.js';
import type { Template } from './outbox.js';

export interface TemplateDeps {
  readonly storage: Storage;
  readonly db: Queryable;
  /** Opens sealed recipients of identity notifications. */
  readonly vault: Vault;
}

export const ORDER_CONFIRMATION = 'order_confirmation';

/** The outbox key of an order's confirmation email: one per checkout session, hence per order. */
export const orderConfirmationKey = (sessionId: string) => `order-confirmation:${sessionId}`;

export function orderConfirmation(deps: TemplateDeps): Template {
  return async (row) => {
    const { orderId, merchantId } = row.payload as { orderId: string; merchantId: string };
    const order = await deps.storage.orderById(merchantId, orderId);
    if (!order?.contact?.email) return null;
    const { rows } = await deps.db.query<{ name: string }>('SELECT name FROM merchants WHERE id = $1', [merchantId]);
    const shop = rows[0]?.name ?? 'the shop';
    const money = (amount: number) => formatMoney({ amount, currency: order.currency }, 'en');
    const lines = order.lineItems.map((item) => `  ${item.quantity} × ${item.name}  ${money(item.amount)}`);
    if (order.shippingOption) lines.push(`  Shipping: ${order.shippingOption.label}  ${money(order.shippingOption.amount)}`);
    return {
      channel: 'email',
      message: {
        to: order.contact.email,
        subject: `Your order at ${shop} is confirmed (${order.id})`,
        text: [
          `Thank you for your order at ${shop}.`,
          '',
          `Order ${order.id}`,
          ...lines,
          `  Total paid: ${money(order.amount)}`,
          '',
          order.shippingAddress ? `Delivering to ${order.shippingAddress.name}, ${order.shippingAddress.city}.` : '',
        ].join('\n'),
      },
    };
  };
}

/** To the old email or phone after a contact change (docs/security.md R24). */
export function contactChanged(deps: TemplateDeps): Template {
  return async (row) => {
    const { to, kind } = row.payload as { to: string; kind: 'email' | 'phone' };
    const text = `The ${kind === 'email' ? 'email address' : 'phone number'} of your saved checkout details was changed, and every remembered device was signed out. If this was not you, reply to this message or contact the shop right away.`;
    return kind === 'email'
      ? { channel: 'email', message: { to: deps.vault.open(to), subject: 'Your checkout details were changed', text } }
      : { channel: 'sms', message: { to: deps.vault.open(to), body: text } };
  };
}

/** To the shopper's email after a saved card was removed (docs/security.md R24). */
export function methodRemoved(deps: TemplateDeps): Template {
  return async (row) => {
    const { to, brand, last4 } = row.payload as { to: string; brand: string; last4: string };
    return {
      channel: 'email',
      message: {
        to: deps.vault.open(to),
        subject: 'A saved card was removed',
        text: `Your ${last4 ? `${brand} card ending in ${last4}` : `${brand} account`} was removed from your saved checkout details. If this was not you, contact the shop right away.`,
      },
    };
  };
}

export function defaultTemplates(deps: TemplateDeps): Record<string, Template> {
  return { [ORDER_CONFIRMATION]: orderConfirmation(deps), contact_changed: contactChanged(deps), method_removed: methodRemoved(deps) };
}
