import { test, expect } from '../fixtures/test.js';
import { CARDS, TOTAL, openCheckoutWithCart } from '../fixtures/flows.js';
import type { CheckoutPage } from '../models/checkout-page.js';
import type { BackendApi } from '../fixtures/backend.js';

// docs/security.md R35: however often the shopper clicks, one session yields one charge and one order.

async function expectExactlyOneOrder(checkout: CheckoutPage, backend: BackendApi, orderId: string): Promise<void> {
  // Give any stray second confirm time to land before counting.
  await checkout.page.waitForTimeout(1_000);
  const orders = await backend.ordersForSession(checkout.sessionId);
  expect(orders.map((o) => ({ id: o.id, amount: o.amount }))).toEqual([{ id: orderId, amount: TOTAL }]);
}

test.describe('double submit', () => {
  // A second confirm may be refused (409 confirm_in_progress); Chromium logs that answer.
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 409/] });

  test('double-click on Pay → exactly one order', async ({ productList, cart, checkout, confirmation, backend }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillAll(CARDS.success);
    await expect(checkout.payButton).toBeEnabled();
    await checkout.payButton.dblclick();
    const orderId = await confirmation.waitForOrder();
    await expectExactlyOneOrder(checkout, backend, orderId);
  });

  test('triple-click on Pay → exactly one order', async ({ productList, cart, checkout, confirmation, backend }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillAll(CARDS.success);
    await expect(checkout.payButton).toBeEnabled();
    await checkout.payButton.click({ clickCount: 3 });
    const orderId = await confirmation.waitForOrder();
    await expectExactlyOneOrder(checkout, backend, orderId);
  });

  test('two clicks in the same task (before any re-render) → exactly one confirm succeeds', async ({
    productList,
    cart,
    checkout,
    confirmation,
    backend,
  }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillAll(CARDS.success);
    await expect(checkout.payButton).toBeEnabled();
    const confirms: number[] = [];
    checkout.page.on('response', (response) => {
      if (/\/v1\/client\/checkout-sessions\/[^/]+\/confirm$/.test(response.url())) confirms.push(response.status());
    });
    await checkout.payButton.evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });
    const orderId = await confirmation.waitForOrder();
    await expectExactlyOneOrder(checkout, backend, orderId);
    expect(confirms.filter((status) => status < 300), 'successful confirm calls').toHaveLength(1);
  });
});
