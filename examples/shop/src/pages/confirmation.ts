/** Confirmation: shows the order the backend recorded for the session (looked up by the shop server). */
import type { DeliveryWindow } from '@omni-checkout/core/types';
import { formatDeliveryWindow } from '@omni-checkout/core/delivery-format';
import { h, market, money, text } from '../layout.js';
import { orderReference } from '../order-reference.js';
import { confirmationText } from './confirmation-text.js';
import { cashOnDeliveryFee, loadOrderText, paidViaLine } from '@omni-checkout/core/order-text';

interface OrderView {
  readonly id: string;
  /** The shop's human reference for the order (`order-reference.ts`). */
  readonly reference: string;
  readonly status: 'paid' | 'authorized' | 'canceled';
  /** `cash_on_delivery` for an order the shopper pays the courier. */
  readonly provider: string;
  readonly amount: number;
  readonly currency: string;
  readonly lineItems: readonly { readonly id: string; readonly name: string; readonly quantity: number; readonly amount: number }[];
  readonly shippingOption: { readonly label: string; readonly amount: number; readonly deliveryWindow?: DeliveryWindow } | null;
  readonly shippingAddress: {
    readonly name?: string;
    readonly line1?: string;
    readonly line2?: string;
    readonly dependentLocality?: string;
    readonly city?: string;
    readonly region?: string;
    readonly postalCode?: string;
    readonly country?: string;
  } | null;
  /** The channel it was paid through and the class of the device that paid (docs/omnichannel.md). */
  readonly channel?: 'web' | 'app' | 'kiosk' | 'pos' | 'link' | 'handoff';
  readonly device?: 'desktop' | 'phone' | 'tablet' | 'kiosk' | null;
}

/** A country code as its name in the shopper's language ("DE" → "Germany", "Niemcy", "독일", "ألمانيا"). */
function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([market.lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The address as lines (a plain reading; the shop's country-aware formatting is out of scope here). */
function addressLines(address: NonNullable<OrderView['shippingAddress']>): string[] {
  const place = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, address.dependentLocality, place, address.region, address.country && countryName(address.country)].filter(
    (line): line is string => Boolean(line),
  );
}

const root = document.querySelector<HTMLDivElement>('[data-confirmation]')!;
const params = new URLSearchParams(location.search);
const sessionId = params.get('session');
const orderIdFromUrl = params.get('order');

/** "Order number: 7ZD8R-1GYQ2"; the backend's id stays on the element for support tools and tests. */
function orderNumber(id: string, reference: string): HTMLElement {
  return h('p', { class: 'order-number' }, text('orderNumber'), h('strong', { 'data-order-id': id }, reference));
}

async function render(): Promise<void> {
  if (!sessionId || !/^[A-Za-z0-9_.:-]{1,64}$/.test(sessionId)) {
    root.replaceChildren(h('p', { class: 'notice' }, text('noOrder')));
    return;
  }
  let order: OrderView | undefined;
  try {
    const response = await fetch(`/api/orders/${encodeURIComponent(sessionId)}`, { credentials: 'same-origin' });
    if (response.ok) order = ((await response.json()) as { data: OrderView[] }).data[0];
  } catch {
    order = undefined;
  }
  if (!order) {
    root.replaceChildren(
      ...(orderIdFromUrl ? [orderNumber(orderIdFromUrl, orderReference(orderIdFromUrl))] : []),
      h('p', { class: 'notice' }, text('orderPending')),
    );
    return;
  }
  const rows = order.lineItems.map((item) =>
    h('tr', {}, h('th', { scope: 'row' }, item.name), h('td', {}, String(item.quantity)), h('td', {}, money(item.amount, order.currency))),
  );
  const shipping = order.shippingOption;
  if (shipping) {
    rows.push(h('tr', {}, h('th', { scope: 'row' }, shipping.label), h('td', {}, ''), h('td', {}, money(shipping.amount, order.currency))));
  }
  // Cash on delivery: nothing is paid yet, and the order's amount carries the method's fee (its own line).
  // Its line says what the order email says, in the emails' words (`@omni-checkout/core/order-text`).
  const onDelivery = order.provider === 'cash_on_delivery' && order.status === 'authorized';
  const fee = cashOnDeliveryFee(order);
  const orderText = fee || order.channel ? await loadOrderText(market.lang) : null;
  if (fee && orderText) {
    rows.push(h('tr', {}, h('th', { scope: 'row' }, orderText.mail.cashOnDeliveryFee), h('td', {}, ''), h('td', {}, money(fee, order.currency))));
  }
  const state =
    order.status === 'paid'
      ? text('paid')
      : onDelivery
        ? confirmationText(market.lang, 'payOnDelivery', money(order.amount, order.currency))
        : confirmationText(market.lang, order.status);
  const totalLabel = order.status === 'paid' ? text('totalPaid') : onDelivery ? confirmationText(market.lang, 'totalOnDelivery') : confirmationText(market.lang, 'total');
  root.replaceChildren(
    orderNumber(order.id, order.reference),
    h('p', { 'data-order-state': '' }, state),
    ...(shipping?.deliveryWindow
      ? [h('p', { 'data-delivery-window': '' }, text('delivery', { dates: formatDeliveryWindow(shipping.deliveryWindow, market.lang) }))]
      : []),
    ...(order.shippingAddress
      ? [
          h(
            'section',
            { 'aria-labelledby': 'shipping-to' },
            h('h2', { id: 'shipping-to' }, text('shippingTo')),
            h('address', { 'data-shipping-address': '' }, ...addressLines(order.shippingAddress).flatMap((line, i) => (i ? [h('br', {}), line] : [line]))),
          ),
        ]
      : []),
    h(
      'table',
      { class: 'order-table' },
      h('caption', {}, text('orderSummary')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, text('item')), h('th', { scope: 'col' }, text('quantity')), h('th', { scope: 'col' }, text('amount')))),
      h('tbody', {}, ...rows),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, totalLabel), h('td', {}, ''), h('td', { 'data-order-total': '' }, money(order.amount, order.currency)))),
    ),
  );
  // "Paid via: Handed to a phone (QR code) · Phone", in the order emails' words.
  if (order.channel && orderText) root.append(h('p', { 'data-paid-via': '' }, paidViaLine(orderText, order.channel, order.device)));
}

void render();
