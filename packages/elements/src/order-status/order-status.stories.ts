import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, within } from 'storybook/test';
import { createOrderStatusDouble, type OrderStatusDouble } from '@omni-checkout/mock/backend/order-status';
import { loadOrderText, type OrderText } from '@omni-checkout/core/order-text';
import { languageOf } from '../i18n/index.js';
import './define.js';

type Setup = (double: OrderStatusDouble) => void;

interface Args {
  readonly lang?: string;
  readonly state: string;
  /** A recognised shopper without a status link: the list of their orders at the shop. */
  readonly list?: boolean;
}

const ship: Setup = (d) => d.ship({ carrier: 'DHL', trackingNumber: '00340434161094042557', trackingUrl: 'https://www.dhl.de/track?piececode=00340434161094042557' });
const deliver: Setup = (d) => (ship(d), d.deliver());
const requestReturn: Setup = (d) => {
  deliver(d);
  void d.fetch(`${d.apiBase}/v1/client/order-status/returns`, {
    method: 'POST',
    headers: { authorization: `Bearer ${d.token}`, 'omni-publishable-key': d.publishableKey, 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ lineItemId: 'dripper', quantity: 1 }], reason: 'It leaks at the seam' }),
  });
};

/** Every state of an order, each reached through the double's merchant moves (no network). */
const SETUPS: Record<string, { setup: Setup; async?: boolean; cancel?: boolean }> = {
  paid: { setup: () => undefined, cancel: true },
  preparing: { setup: (d) => d.prepare() },
  shipped: { setup: ship },
  out_for_delivery: { setup: (d) => (ship(d), d.outForDelivery()) },
  delivered: { setup: deliver },
  canceled: { setup: () => undefined, cancel: true },
  return_requested: { setup: requestReturn, async: true },
  return_approved: { setup: requestReturn, async: true },
  return_refused: { setup: requestReturn, async: true },
  partially_refunded: { setup: requestReturn, async: true },
  refunded: { setup: requestReturn, async: true },
};

async function prepared(state: string): Promise<OrderStatusDouble> {
  const { setup, cancel } = SETUPS[state]!;
  const double = createOrderStatusDouble({
    createdAt: '2026-12-07T09:30:00Z',
    shopperCanCancel: cancel === true,
    // The shopper's earlier orders at the shop (shown by the list stories).
    earlierOrders: [
      { orderId: 'ord_earlier0000000000000002', state: 'delivered', currency: 'EUR', amount: 1850, createdAt: '2026-10-02T08:00:00Z', itemCount: 1, items: [{ name: 'Grinder brush', quantity: 1 }] },
      { orderId: 'ord_earlier0000000000000001', state: 'refunded', currency: 'EUR', amount: 3200, createdAt: '2026-06-14T16:20:00Z', itemCount: 4, items: [{ name: 'Filter papers', quantity: 4 }] },
    ],
  });
  setup(double);
  await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (state === 'canceled') {
    await double.fetch(`${double.apiBase}/v1/client/order-status/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${double.token}`, 'omni-publishable-key': double.publishableKey, 'content-type': 'application/json' },
      body: '{}',
    });
  }
  if (state === 'return_approved') double.approveReturn({ instructions: 'Pack it in its box and drop it at any DHL point.', labelUrl: 'https://shop.example/label.pdf', refund: 'pending' });
  if (state === 'return_refused') double.refuseReturn('The seal was broken');
  if (state === 'partially_refunded') double.approveReturn({ instructions: 'Drop it at any DHL point.' });
  if (state === 'refunded') {
    double.approveReturn();
    // A second return of everything else: the whole order refunded.
    await double.fetch(`${double.apiBase}/v1/client/order-status/returns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${double.token}`, 'omni-publishable-key': double.publishableKey, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ lineItemId: 'beans', quantity: 2 }], reason: 'Changed my mind' }),
    });
    double.approveReturn({ amount: 2500 + 500 });
  }
  return double;
}

/** `<omni-order-status>` in every state of an order, against the in-memory double. */
const meta: Meta<Args> = {
  title: 'After the purchase/omni-order-status',
  component: 'omni-order-status',
  loaders: [async ({ args }) => ({ double: await prepared((args as Args).state) })],
  render: ({ lang, list }, { loaded }) => {
    const double = loaded.double as OrderStatusDouble;
    return html`<omni-order-status
      lang=${ifDefined(lang)}
      publishable-key=${double.publishableKey}
      api-base=${double.apiBase}
      .fetch=${double.fetch}
      .token=${list ? '' : double.token}
      .shopperToken=${list ? double.shopperToken : ''}
    ></omni-order-status>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The play function: the element shows `text` in the language it speaks (the story's, or the toolbar's locale). */
const showing = (text: (t: OrderText) => string): Story['play'] =>
  async ({ canvasElement }) => {
    const element = canvasElement.querySelector('omni-order-status')!;
    const t = await loadOrderText(languageOf(element));
    const shadow = within(element.shadowRoot as unknown as HTMLElement);
    await expect((await shadow.findAllByText(text(t)))[0]).toBeVisible();
  };

export const Paid: Story = { args: { state: 'paid' }, play: showing((t) => t.states.paid) };
export const Preparing: Story = { args: { state: 'preparing' }, play: showing((t) => t.states.preparing) };
export const Shipped: Story = { args: { state: 'shipped' }, play: showing((t) => t.states.shipped) };
export const OutForDelivery: Story = { args: { state: 'out_for_delivery' }, play: showing((t) => t.states.out_for_delivery) };
export const Delivered: Story = { args: { state: 'delivered' }, play: showing((t) => t.returnItems) };
export const Canceled: Story = { args: { state: 'canceled' }, play: showing((t) => t.states.canceled) };
export const ReturnRequested: Story = { args: { state: 'return_requested' }, play: showing((t) => t.returnStates.requested) };
export const ReturnApproved: Story = { args: { state: 'return_approved' }, play: showing((t) => t.returnLabel) };
export const ReturnRefused: Story = { args: { state: 'return_refused' }, play: showing((t) => t.states.return_refused) };
export const PartlyRefunded: Story = { args: { state: 'partially_refunded' }, play: showing((t) => t.states.partially_refunded) };
export const Refunded: Story = { args: { state: 'refunded' }, play: showing((t) => t.states.refunded) };
/** Right to left: the Arabic catalog, Latin carrier and product names isolated. */
export const ArabicShipped: Story = { args: { state: 'shipped', lang: 'ar' }, play: showing((t) => t.states.shipped) };
export const PolishDelivered: Story = { args: { state: 'delivered', lang: 'pl' }, play: showing((t) => t.returnItems) };
/** A shopper recognised by the identity network, without a status link: their orders at the shop, newest first; each opens its status. */
export const RecognisedShopperList: Story = { args: { state: 'shipped', list: true }, play: showing((t) => t.orderList.title) };
export const ArabicRecognisedShopperList: Story = { args: { state: 'delivered', list: true, lang: 'ar' }, play: showing((t) => t.orderList.title) };
