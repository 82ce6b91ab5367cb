/**
 * PayPal in <omni-checkout>, through the demo: the SDK double served by page.route(), the backend
 * on the demo's loopback fake of PayPal's REST API (see e2e/README.md).
 */
import { test, expect } from '../fixtures/test.js';
import { TOTAL, euros, openCheckoutWithCart } from '../fixtures/flows.js';
import { GUEST } from '../models/checkout-page.js';

interface DoubleLoad {
  readonly url: string;
  readonly nonce: string;
}

const loads = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { __paypalDoubleLoads?: DoubleLoad[] }).__paypalDoubleLoads ?? []);

test.describe('PayPal in the checkout', () => {
  test('PayPal checkout: the buttons need the details first, then one approval pays the server total', async ({
    page,
    productList,
    cart,
    checkout,
    confirmation,
    backend,
  }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    // Nothing of PayPal's loads while its buttons are far below the fold.
    expect(await loads(page)).toEqual([]);
    await checkout.scrollToPayment();
    await expect(checkout.paypalButton('PayPal')).toBeVisible();
    // Venmo is for US shoppers; this shop sells in euros to Germany.
    await expect(checkout.paypalButton('Venmo')).toHaveCount(0);

    // One SDK, for this session's currency, with the page's CSP nonce.
    const [load, ...more] = await loads(page);
    expect(more).toEqual([]);
    const sdk = new URL(load!.url);
    expect(sdk.origin).toBe('https://www.sandbox.paypal.com');
    expect(sdk.searchParams.get('currency')).toBe('EUR');
    expect(sdk.searchParams.get('intent')).toBe('capture');
    const pageNonce = await page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')!.nonce);
    expect(load!.nonce).toBe(pageNonce);
    expect(pageNonce.length).toBeGreaterThan(16);

    // Without email and address the PayPal window stays closed and the form says what is missing.
    await checkout.paypalButton('PayPal').click();
    await expect(checkout.email).toHaveAttribute('aria-invalid', 'true');
    await expect(checkout.paypalWindow).toHaveCount(0);

    await checkout.fillGuestDetails();
    await checkout.chooseShipping(/Standard delivery/);
    await checkout.paypalButton('PayPal').click();
    await checkout.approveInPayPal();

    const orderId = await confirmation.waitForOrder();
    await expect(confirmation.totalPaid).toHaveText(euros(TOTAL));
    const orders = await backend.ordersForSession(checkout.sessionId);
    expect(orders).toEqual([expect.objectContaining({ id: orderId, amount: TOTAL, currency: 'EUR', provider: 'paypal' })]);
    expect(orders[0]!.contact?.email).toBe(GUEST.email);
    expect(orders[0]!.paymentReference).toMatch(/^[A-Z0-9]{17}$/);
  });

  test('Pay Later: the message shows the installments of the live total, and Pay Later pays', async ({ productList, cart, checkout, confirmation, backend }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillGuestDetails();
    await checkout.chooseShipping(/Standard delivery/);
    await checkout.scrollToPayment();
    const installment = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(TOTAL / 100 / 4);
    await expect(checkout.payLaterMessage).toHaveText(`Pay in 4 interest-free payments of ${installment} with PayPal.`);
    await checkout.paypalButton('Pay Later').click();
    await checkout.approveInPayPal();
    await confirmation.waitForOrder();
    expect(await backend.ordersForSession(checkout.sessionId)).toEqual([expect.objectContaining({ amount: TOTAL, provider: 'paypal' })]);
  });

  test('the buyer cancels in PayPal: nothing is charged, the checkout says so, and paying again works', async ({
    productList,
    cart,
    checkout,
    confirmation,
    backend,
  }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillGuestDetails();
    await checkout.chooseShipping(/Standard delivery/);
    await checkout.scrollToPayment();
    await checkout.paypalButton('PayPal').click();
    await checkout.cancelInPayPal();
    await expect(checkout.page.getByRole('status').filter({ hasText: 'You closed the payment window, so nothing was charged.' })).toBeVisible();
    expect(await backend.ordersForSession(checkout.sessionId)).toEqual([]);

    await checkout.paypalButton('PayPal').click();
    await checkout.approveInPayPal();
    await confirmation.waitForOrder();
    expect(await backend.ordersForSession(checkout.sessionId)).toHaveLength(1);
  });

  test.describe('declined funding source', () => {
    // PayPal's INSTRUMENT_DECLINED is a 402 from the backend, which Chromium logs as a failed resource.
    test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 402/] });

    test('INSTRUMENT_DECLINED reopens PayPal; another funding source pays, once', async ({ checkout, productList, cart, confirmation, backend }) => {
      await openCheckoutWithCart(productList, cart, checkout);
      await checkout.fillGuestDetails();
      await checkout.chooseShipping(/Standard delivery/);
      await checkout.scrollToPayment();
      await checkout.paypalButton('PayPal').click();
      await checkout.approveInPayPal('declined card');
      // The capture is declined; the PayPal window opens again on the same order.
      await expect(checkout.alert).toContainText(/declined/i);
      await checkout.approveInPayPal('PayPal balance');
      await confirmation.waitForOrder();
      const orders = await backend.ordersForSession(checkout.sessionId);
      expect(orders).toEqual([expect.objectContaining({ amount: TOTAL, provider: 'paypal' })]);
    });
  });
});
