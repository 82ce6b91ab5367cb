/**
 * The shop fulfils from omni-checkout's signed `order.paid` webhook, not from the browser's return:
 * its own order record turns paid even when the shopper closes the tab the moment the payment is
 * answered, and a forged webhook changes nothing.
 */
import { test, expect } from '../fixtures/test.js';
import { CARDS, openCheckoutWithCart } from '../fixtures/flows.js';
import { shopUrl } from '../fixtures/env.js';

interface ShopOrder {
  readonly status: string;
  readonly orderId: string | null;
}

test.describe('fulfilment from the webhook', () => {
  test('a closed tab right after paying still ends as a paid order in the shop, once', async ({ productList, cart, checkout, page, backend }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    const sessionId = checkout.sessionId;
    const shopOrder = async () => (await (await page.request.get(`${shopUrl}/api/shop-orders/${sessionId}`)).json()) as ShopOrder;
    expect(await shopOrder()).toMatchObject({ status: 'awaiting_payment', orderId: null });

    await checkout.fillAll(CARDS.success);
    const confirmed = page.waitForResponse((response) => response.url().endsWith(`/v1/client/checkout-sessions/${sessionId}/confirm`));
    await checkout.pay();
    expect((await confirmed).status()).toBe(200);
    // The shopper closes the tab before the confirmation page: the shop learns it from the webhook only.
    const request = page.request;
    await page.close();

    await expect
      .poll(async () => ((await (await request.get(`${shopUrl}/api/shop-orders/${sessionId}`)).json()) as ShopOrder).status, { timeout: 15_000 })
      .toBe('paid');
    const [order] = await backend.ordersForSession(sessionId);
    const record = (await (await request.get(`${shopUrl}/api/shop-orders/${sessionId}`)).json()) as ShopOrder;
    expect(record.orderId).toBe(order!.id);
  });

  test('a forged webhook is refused and changes nothing', async ({ page }) => {
    const body = JSON.stringify({ id: 'evt_forged', type: 'order.paid', createdAt: new Date().toISOString(), livemode: false, data: { object: { sessionId: 'cs_forged' } } });
    const forged = await page.request.post(`${shopUrl}/webhooks/omni/0`, {
      headers: { 'content-type': 'application/json', 'webhook-id': 'evt_forged', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' },
      data: body,
    });
    expect(forged.status()).toBe(400);
    expect((await page.request.get(`${shopUrl}/api/shop-orders/cs_forged`)).status()).toBe(404);
  });
});
