/** Confirmation: shows the order the backend recorded for the session (looked up by the shop server). */
import { h, money } from '../layout.js';

interface OrderView {
  readonly id: string;
  readonly status: string;
  readonly amount: number;
  readonly currency: string;
  readonly lineItems: readonly { readonly id: string; readonly name: string; readonly quantity: number; readonly amount: number }[];
  readonly shippingOption: { readonly label: string; readonly amount: number } | null;
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
}

/** The address as lines (a plain reading; the shop's country-aware formatting is out of scope here). */
function addressLines(address: NonNullable<OrderView['shippingAddress']>): string[] {
  const place = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, address.dependentLocality, place, address.region, address.country].filter((line): line is string => Boolean(line));
}

const root = document.querySelector<HTMLDivElement>('[data-confirmation]')!;
const params = new URLSearchParams(location.search);
const sessionId = params.get('session');
const orderIdFromUrl = params.get('order');

function orderNumber(id: string): HTMLElement {
  return h('p', { class: 'order-number' }, 'Order number: ', h('strong', { 'data-order-id': '' }, id));
}

async function render(): Promise<void> {
  if (!sessionId || !/^[A-Za-z0-9_.:-]{1,64}$/.test(sessionId)) {
    root.replaceChildren(h('p', { class: 'notice' }, 'We could not find an order to show.'));
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
      ...(orderIdFromUrl ? [orderNumber(orderIdFromUrl)] : []),
      h('p', { class: 'notice' }, 'Your payment went through. The order details are not available yet; please reload in a moment.'),
    );
    return;
  }
  const rows = order.lineItems.map((item) =>
    h('tr', {}, h('th', { scope: 'row' }, item.name), h('td', {}, String(item.quantity)), h('td', {}, money(item.amount, order.currency))),
  );
  if (order.shippingOption) {
    rows.push(h('tr', {}, h('th', { scope: 'row' }, order.shippingOption.label), h('td', {}, ''), h('td', {}, money(order.shippingOption.amount, order.currency))));
  }
  root.replaceChildren(
    orderNumber(order.id),
    h('p', {}, order.status === 'paid' ? 'Payment received. A confirmation is on its way.' : `Status: ${order.status}`),
    ...(order.shippingAddress
      ? [h('section', { 'aria-labelledby': 'shipping-to' }, h('h2', { id: 'shipping-to' }, 'Shipping to'), h('address', { 'data-shipping-address': '' }, ...addressLines(order.shippingAddress).flatMap((line, i) => (i ? [h('br', {}), line] : [line]))))]
      : []),
    h(
      'table',
      { class: 'order-table' },
      h('caption', {}, 'Order summary'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Quantity'), h('th', { scope: 'col' }, 'Amount'))),
      h('tbody', {}, ...rows),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Total paid'), h('td', {}, ''), h('td', { 'data-order-total': '' }, money(order.amount, order.currency)))),
    ),
  );
}

void render();
