import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { createOrderStatusDouble, type OrderStatusDouble } from '@omni-checkout/mock/backend/order-status';
import './define.js';
import type { OmniOrderStatus } from './order-status.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

async function mount(double: OrderStatusDouble, lang = 'en', token: string | null = double.token) {
  const requests: string[] = [];
  const element = document.createElement('omni-order-status') as OmniOrderStatus;
  element.lang = lang;
  element.setAttribute('publishable-key', double.publishableKey);
  element.setAttribute('api-base', double.apiBase);
  element.fetch = async (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return double.fetch(input, init);
  };
  if (token !== null) element.token = token;
  document.body.append(element);
  cleanup.push(() => element.remove());
  return { element, requests, shadow: element.shadowRoot! };
}

const violations = async (element: HTMLElement) => (await axe.run(element, { resultTypes: ['violations'] })).violations.map((v) => v.id);

describe('<omni-order-status>', () => {
  it('shows a shipped order: state, the delivery window as dates, the carrier with its tracking link, the items and the timeline', async () => {
    const double = createOrderStatusDouble({ createdAt: '2026-12-07T09:30:00Z' });
    double.ship({ carrier: 'DHL', trackingNumber: '00340434161094042557', trackingUrl: 'https://www.dhl.de/track?piececode=00340434161094042557' });
    const { element, requests, shadow } = await mount(double);
    await expect.element(page.getByRole('heading', { name: 'Your order' })).toBeVisible();
    expect(shadow.querySelector('[part~="state"]')!.textContent).toBe('Shipped');
    await expect.element(page.getByText('Expected between Wednesday, December 9, 2026 and Friday, December 11, 2026')).toBeVisible();
    const track = page.getByRole('link', { name: 'Track the parcel with \u2068DHL\u2069' });
    await expect.element(track).toHaveAttribute('href', 'https://www.dhl.de/track?piececode=00340434161094042557');
    expect(shadow.querySelector('[part~="shipment"]')!.textContent).toContain('3 items');
    expect([...shadow.querySelectorAll('[part~="timeline"] li span')].map((s) => s.textContent)).toEqual(['Paid', 'Shipped']);
    expect([...shadow.querySelectorAll('[part~="item"]')].map((li) => [...li.children].map((c) => c.textContent).join(' '))).toEqual([
      '2 × \u2068Coffee beans (250 g)\u2069 €25.00',
      '1 × \u2068Dripper\u2069 €12.00',
      'Total €42.00',
    ]);
    // No return form before delivery, no cancel unless the shop allows it.
    expect(shadow.querySelector('form')).toBeNull();
    expect(shadow.querySelector('button')).toBeNull();
    expect(requests).toEqual(['GET /v1/client/order-status']);
    expect(await violations(element)).toEqual([]);
  });

  it('asks for a return of one item with a reason, then follows it to the refund', async () => {
    const double = createOrderStatusDouble();
    double.ship({ carrier: 'PostNord' });
    double.deliver();
    const { element, shadow } = await mount(double);
    await expect.element(page.getByRole('group', { name: 'Return items' })).toBeVisible();
    // Nothing chosen: told so, nothing sent.
    await page.getByRole('button', { name: 'Request the return' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('Choose at least one item to return.');
    await userEvent.fill(page.getByRole('spinbutton', { name: 'How many of \u2068Dripper\u2069 to return' }), '1');
    await page.getByRole('button', { name: 'Request the return' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('Tell the shop why you are returning the items.');
    await userEvent.fill(page.getByRole('textbox', { name: 'Why are you returning them?' }), 'It leaks');
    await page.getByRole('button', { name: 'Request the return' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('Your return request was sent to the shop.');
    expect(shadow.querySelector('[part~="state"]')!.textContent).toBe('Return requested');
    expect(shadow.querySelector('[part~="return"]')!.textContent).toContain('Waiting for the shop');
    expect(double.status().returns[0]).toMatchObject({ items: [{ lineItemId: 'dripper', quantity: 1 }], reason: 'It leaks', amount: 1200 });

    double.approveReturn({ instructions: 'Send it to Lager 3, Hamburg', labelUrl: 'https://shop.example/label.pdf', refund: 'pending' });
    await element.refresh();
    await expect.element(page.getByText('A refund of €12.00 is on its way')).toBeVisible();
    await expect.element(page.getByRole('link', { name: 'Print the return label' })).toHaveAttribute('href', 'https://shop.example/label.pdf');
    double.settleRefund('succeeded');
    await element.refresh();
    expect(shadow.querySelector('[part~="state"]')!.textContent).toBe('Partly refunded');
    await expect.element(page.getByText('€12.00 of €42.00 refunded')).toBeVisible();
    expect(shadow.querySelector('progress')!.value).toBe(1200);
    expect(await violations(element)).toEqual([]);
  });

  it('cancels before shipment after a confirmation, when the shop allows it', async () => {
    const double = createOrderStatusDouble({ shopperCanCancel: true });
    const { element, shadow } = await mount(double);
    const changes: string[] = [];
    element.addEventListener('omni-order-status-change', (event) => changes.push(event.value.state));
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    await expect.element(page.getByText('Cancel this order? You get back everything you paid.')).toBeVisible();
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    await expect.poll(() => shadow.querySelector('[part~="state"]')?.textContent).toBe('Canceled');
    expect(double.status().state).toBe('canceled');
    expect(changes).toEqual(['canceled']);
    await expect.element(page.getByText('€42.00 of €42.00 refunded')).toBeVisible();
  });

  it('reads the token from the link’s fragment, and says so when the link is not valid', async () => {
    const double = createOrderStatusDouble();
    const before = location.hash;
    history.replaceState(null, '', `#order-status=${double.token}`);
    cleanup.push(() => history.replaceState(null, '', before || location.pathname + location.search));
    const { shadow } = await mount(double, 'en', null);
    await expect.poll(() => shadow.querySelector('[part~="state"]')?.textContent).toBe('Paid');
    const bad = await mount(double, 'en', 'ost_ord_forged.AAAA');
    await expect.poll(() => bad.shadow.querySelector('[role="alert"]')?.textContent).toBe('This order link is not valid. Open the link from your order email again.');
  });

  it('speaks Arabic right to left with Arabic plural forms, and passes axe in RTL', async () => {
    const double = createOrderStatusDouble({ items: [{ id: 'beans', name: 'Coffee beans', quantity: 11, unitAmount: 500 }] });
    double.ship({ carrier: 'Aramex', trackingUrl: 'https://aramex.example/t/1' });
    double.deliver();
    const { element, shadow } = await mount(double, 'ar');
    await expect.element(page.getByRole('heading', { name: 'طلبك' })).toBeVisible();
    expect(getComputedStyle(element).direction).toBe('rtl');
    expect(shadow.querySelector('[part~="state"]')!.textContent).toBe('تم التوصيل');
    // 11 takes the "many" form (منتجًا), not the plural of 3–10.
    expect(shadow.querySelector('[part~="shipment"]')!.textContent).toContain(`${new Intl.NumberFormat('ar').format(11)} منتجًا`);
    expect(await violations(element)).toEqual([]);
  });

  describe('a recognised shopper without a status link', () => {
    const earlier = [
      { orderId: 'ord_earlier0000000000000001', state: 'delivered' as const, currency: 'EUR', amount: 1850, createdAt: '2026-10-02T08:00:00Z', itemCount: 1, items: [{ name: 'Grinder brush', quantity: 1 }] },
    ];

    async function mountList(double: OrderStatusDouble, lang = 'en') {
      const mounted = await mount(double, lang, null);
      mounted.element.shopperToken = double.shopperToken;
      return mounted;
    }

    it('lists their orders at the shop newest first, opens one on click and goes back to the list', async () => {
      const double = createOrderStatusDouble({ createdAt: '2026-12-07T09:30:00Z', earlierOrders: earlier });
      double.ship({ carrier: 'DHL' });
      const { element, requests, shadow } = await mountList(double);
      await expect.element(page.getByRole('heading', { name: 'Your orders' })).toBeVisible();
      const rows = [...shadow.querySelectorAll('[part~="order"]')];
      expect(rows.map((row) => row.querySelector('strong')!.textContent)).toEqual(['Order ord_0123456789abcdef01234567', 'Order ord_earlier0000000000000001']);
      expect(rows[0]!.textContent).toContain('Shipped');
      expect(rows[0]!.textContent).toContain('Ordered on December 7, 2026');
      expect(rows[0]!.textContent).toContain('€42.00');
      expect(rows[0]!.textContent).toContain('3 items: 2 × \u2068Coffee beans (250 g)\u2069, 1 × \u2068Dripper\u2069');
      expect(rows[1]!.textContent).toContain('Delivered');
      expect(await violations(element)).toEqual([]);

      await page.getByRole('button', { name: 'Open order ord_0123456789abcdef01234567' }).click();
      await expect.element(page.getByRole('heading', { name: 'Your order', exact: true })).toBeVisible();
      await expect.poll(() => shadow.querySelector('[part~="state"]')?.textContent).toBe('Shipped');
      expect(shadow.querySelector('[part~="shipment"]')!.textContent).toContain('DHL');
      expect(requests).toEqual(['GET /v1/client/identity/orders', 'GET /v1/client/order-status']);

      await page.getByRole('button', { name: 'All your orders' }).click();
      await expect.element(page.getByRole('heading', { name: 'Your orders' })).toBeVisible();
      await expect.poll(() => shadow.activeElement?.id).toBe('orders-heading');
    });

    it('says so when the list cannot be read (no consent at this shop), and lists in Arabic right to left', async () => {
      const { shadow } = await mountList(createOrderStatusDouble({ shopperConsent: false }));
      await expect.poll(() => shadow.querySelector('[role="alert"]')?.textContent).toBe('The list of your orders could not be loaded. Check your connection and try again.');
      const { element } = await mountList(createOrderStatusDouble({ earlierOrders: earlier }), 'ar');
      await expect.element(page.getByRole('heading', { name: 'طلباتك' })).toBeVisible();
      expect(getComputedStyle(element).direction).toBe('rtl');
      await expect.element(page.getByRole('button', { name: 'فتح الطلب ord_earlier0000000000000001' })).toBeVisible();
      expect(await violations(element)).toEqual([]);
    });
  });
});
