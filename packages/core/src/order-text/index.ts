/**
 * The order-status catalogs (`OrderText`), one lazily loaded module per language: the page
 * (`<omni-order-status>`) and the backend's notifications load the same ones. English is the
 * fallback. A new language: one file here and its loader line.
 */
import type { OrderText } from './types.js';

export type { NotificationKind, OrderText } from './types.js';

export const ORDER_TEXT_LOCALES = ['en', 'pl', 'ko', 'ar', 'de', 'fr', 'es', 'sv', 'tr', 'ja'] as const;
export type OrderTextLocale = (typeof ORDER_TEXT_LOCALES)[number];

const loaders: Record<OrderTextLocale, () => Promise<{ default: OrderText }>> = {
  en: () => import('./en.js'),
  pl: () => import('./pl.js'),
  ko: () => import('./ko.js'),
  ar: () => import('./ar.js'),
  de: () => import('./de.js'),
  fr: () => import('./fr.js'),
  es: () => import('./es.js'),
  sv: () => import('./sv.js'),
  tr: () => import('./tr.js'),
  ja: () => import('./ja.js'),
};

/** The catalog language for a BCP 47 tag (`pl-PL` → `pl`), English when there is none. */
export function orderTextLocale(lang: string | null | undefined): OrderTextLocale {
  const base = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return (ORDER_TEXT_LOCALES as readonly string[]).includes(base) ? (base as OrderTextLocale) : 'en';
}

export async function loadOrderText(lang: string | null | undefined): Promise<OrderText> {
  return (await loaders[orderTextLocale(lang)]()).default;
}

/** "Paid via: Payment link · Phone": an order's channel and the class of the device that paid, in `t`'s language. */
export function paidViaLine(t: OrderText, channel: keyof OrderText['paidVia']['channels'], device: keyof OrderText['paidVia']['devices'] | null | undefined): string {
  return `${t.paidVia.label}: ${t.paidVia.channels[channel]}${device ? ` · ${t.paidVia.devices[device]}` : ''}`;
}

/**
 * The cash-on-delivery fee an order's amount carries beyond its lines and its shipping (the order keeps
 * no line for it), for the line the order email and a shop's confirmation show; 0 for any other order.
 */
export function cashOnDeliveryFee(order: {
  readonly provider: string;
  readonly amount: number;
  readonly lineItems: readonly { readonly amount: number }[];
  readonly shippingOption: { readonly amount: number } | null;
}): number {
  if (order.provider !== 'cash_on_delivery') return 0;
  const listed = order.lineItems.reduce((sum, item) => sum + item.amount, 0) + (order.shippingOption?.amount ?? 0);
  return Math.max(0, order.amount - listed);
}
