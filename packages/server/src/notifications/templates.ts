/** Messages the outbox sends, rendered at delivery time from the references in the payload. */
import type { Queryable } from '../storage/db.js';
import type { Storage } from '../storage/index.js';
import type { Vault } from '../identity/vault.js';
import type { Template } from './outbox.js';
import { ORDER_NOTICE, orderNotice } from '../orders/notify.js';
import { ORDER_SMS, orderSms } from '../orders/notify-sms.js';
import { PAYMENT_LINK_TEMPLATE, paymentLinkMessage } from '../links/send.js';

export interface TemplateDeps {
  readonly storage: Storage;
  readonly db: Queryable;
  /** Opens sealed recipients of identity notifications. */
  readonly vault: Vault;
}

export const ORDER_CONFIRMATION = 'order_confirmation';

/** The outbox key of an order's confirmation email: one per checkout session, hence per order. */
export const orderConfirmationKey = (sessionId: string) => `order-confirmation:${sessionId}`;

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
  return {
    // The order's notices (the confirmation included): the shopper's language, text and HTML, the status link (orders/notify.ts).
    [ORDER_CONFIRMATION]: orderNotice(deps, 'confirmed'),
    [ORDER_NOTICE]: orderNotice(deps),
    // The same notices by SMS when the shopper chose it at checkout (orders/notify-sms.ts): one short line and the status link.
    [ORDER_SMS]: orderSms(deps),
    contact_changed: contactChanged(deps),
    method_removed: methodRemoved(deps),
    // A payment link sent to one shopper (links/send.ts), in the link's language.
    [PAYMENT_LINK_TEMPLATE]: paymentLinkMessage(deps),
  };
}
