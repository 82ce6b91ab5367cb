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

/**
 * Every confirm request the page sends, with its answer. The backend refuses a second confirm on its
 * own (409), so counting orders cannot tell whether the component guarded the click: counting the
 * requests can. The component must send exactly one.
 */
function confirmRequests(checkout: CheckoutPage): { sent: number; statuses: number[] } {
  const seen = { sent: 0, statuses: [] as number[] };
  const confirm = /\/v1\/client\/checkout-sessions\/[^/]+\/confirm$/;
  checkout.page.on('request', (request) => {
    if (request.method() === 'POST' && confirm.test(request.url())) seen.sent++;
  });
  checkout.page.on('response', (response) => {
    if (response.request().method() === 'POST' && confirm.test(response.url())) seen.statuses.push(response.status());
  });
  return seen;
}

test.describe('double submit', () => {
  // A second confirm may be refused (409 confirm_in_progress); Chromium logs that answer.
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 409/] });

  test('double-click on Pay → exactly one order', async ({ productList, cart, checkout, confirmation, backend }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillAll(CARDS.success);
    await expect(checkout.payButton).toBeEnabled();
    const confirms = confirmRequests(checkout);
    await checkout.payButton.dblclick();
    const orderId = await confirmation.waitForOrder();
    await expectExactlyOneOrder(checkout, backend, orderId);
    expect(confirms, 'confirm requests the page sent').toEqual({ sent: 1, statuses: [200] });
  });

  test('triple-click on Pay → exactly one order', async ({ productList, cart, checkout, confirmation, backend }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillAll(CARDS.success);
    await expect(checkout.payButton).toBeEnabled();
    const confirms = confirmRequests(checkout);
    await checkout.payButton.click({ clickCount: 3 });
    const orderId = await confirmation.waitForOrder();
    await expectExactlyOneOrder(checkout, backend, orderId);
    expect(confirms, 'confirm requests the page sent').toEqual({ sent: 1, statuses: [200] });
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
    const confirms = confirmRequests(checkout);
    await checkout.payButton.evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });
    const orderId = await confirmation.waitForOrder();
    await expectExactlyOneOrder(checkout, backend, orderId);
    expect(confirms, 'confirm requests the page sent').toEqual({ sent: 1, statuses: [200] });
  });
});
