/**
 * PayPal in <omni-checkout>, through the demo: the SDK double served by page.route(), the backend
 * on the demo's loopback fake of PayPal's REST API (see e2e/README.md).
 */
import { test, expect } from '../fixtures/test.js';
import { CART, TOTAL, euros, openCheckoutWithCart } from '../fixtures/flows.js';
import { apiBase, merchant, paypalFakeUrl, shopUrl } from '../fixtures/env.js';
import { Interactions, codeFor, freshDevice, lastMessageId } from '../fixtures/shopper.js';
import { routePayPal } from '../../packages/paypal/src/testing/sdk-double-route.js';
import { CartPage } from '../models/cart-page.js';
import { CheckoutPage, GUEST } from '../models/checkout-page.js';
import { ConfirmationPage } from '../models/confirmation-page.js';
import { ProductListPage } from '../models/product-list-page.js';

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
    await checkout.choosePaymentMethod('PayPal');
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
    const pageNonce = await page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')!.nonce ?? '');
    expect(load!.nonce).toBe(pageNonce);
    // A fresh 18-byte nonce from the shop's server, never Vite's placeholder left in the page.
    expect(pageNonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    // The SDK's own nonced style applied (a wrong nonce blocks it, and the guard fails on the violation).
    await expect.poll(() => checkout.paypalButton('PayPal').evaluate((b) => getComputedStyle(b).outlineColor)).toBe('rgb(0, 48, 135)');

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
    await checkout.choosePaymentMethod('PayPal');
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
    await checkout.choosePaymentMethod('PayPal');
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
      await checkout.choosePaymentMethod('PayPal');
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

test.describe('PayPal in <omni-express>', () => {
  test('`/checkout?paypal=express`: PayPal and Pay Later above the form (Venmo not offered, with its reason); the buyer picks the address in PayPal and one approval pays', async ({
    page,
    productList,
    cart,
    checkout,
    confirmation,
    backend,
  }) => {
    await page.addInitScript(() => {
      const seen: string[][] = [];
      (window as unknown as { __unavailable: string[][] }).__unavailable = seen;
      document.addEventListener('omni-wallet-unavailable', (e) => {
        const { wallet, reason, provider } = e as Event & { wallet: string; reason: string; provider: string };
        seen.push([wallet, reason, provider]);
      }, true);
    });
    await openCheckoutWithCart(productList, cart, checkout);
    // The same checkout (the shop restores it), with PayPal's buttons as express wallets.
    await page.goto('/checkout?paypal=express');
    const express = page.locator('omni-express');
    await expect(page.getByRole('group', { name: 'Express checkout' })).toBeVisible();
    await expect(express.getByRole('button', { name: 'PayPal', exact: true })).toBeVisible();
    await expect(express.getByRole('button', { name: 'Pay Later', exact: true })).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __unavailable: string[][] }).__unavailable)).toEqual([['venmo', 'unsupported_currency', 'paypal']]);
    // Shown once: not also among the payment methods.
    await checkout.scrollToPayment();
    await expect(page.getByRole('button', { name: 'PayPal', exact: true })).toHaveCount(1);

    // Nothing typed in the form: the email, address and shipping come from PayPal.
    await express.getByRole('button', { name: 'PayPal', exact: true }).click();
    await expect(checkout.paypalWindow.getByRole('combobox', { name: 'Ship to' })).toBeVisible();
    await checkout.approveInPayPal();
    const orderId = await confirmation.waitForOrder();
    const [order, ...more] = await backend.ordersForSession(checkout.sessionId);
    expect(more).toEqual([]);
    // The cart with standard delivery, €53.90, written out rather than read back from the session.
    expect((await backend.session(checkout.sessionId)).totals).toEqual({ subtotal: 4900, shipping: 490, total: 5390 });
    expect(order).toMatchObject({ id: orderId, provider: 'paypal', currency: 'EUR', amount: 5390, contact: { email: 'buyer@example.com' } });
    expect(order!.shippingAddress).toMatchObject({ name: 'Ada Lovelace', city: 'Berlin', country: 'DE' });
  });
});

test.describe('Venmo', () => {
  test('a US shopper (USD, United States) sees Venmo beside PayPal and Pay Later, and pays with it', async ({ page, productList, cart, checkout, confirmation, backend }) => {
    // The demo shop sells in euros to Germany; here its server starts a checkout for a US shopper
    // instead (the same merchant, USD, United States), with the shopper's details already given.
    await page.route('**/api/checkout', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const created = await backend.createSession({
        currency: 'USD',
        country: 'US',
        locale: 'en-US',
        lineItems: CART.map((item) => ({ id: item.productId, name: item.name, unitAmount: item.unitAmount, quantity: item.quantity })),
        shippingOptions: [{ id: 'standard', label: 'Standard delivery', amount: 490, deliveryEstimate: { minDays: 2, maxDays: 4 } }],
      });
      const headers = { authorization: `Bearer ${created.clientSecret}`, 'omni-publishable-key': merchant.publishableKey, origin: shopUrl, 'content-type': 'application/json' };
      for (const [path, body] of [
        ['contact', { email: 'grace@example.com' }],
        ['shipping-address', { name: 'Grace Hopper', line1: '1 Main St', city: 'San Jose', region: 'CA', postalCode: '95131', country: 'US' }],
        ['shipping-option', { shippingOptionId: 'standard' }],
      ] as const) {
        const response = await page.request.post(`${apiBase}/v1/client/checkout-sessions/${created.id}/${path}`, { headers, data: body });
        expect(response.status(), path).toBe(200);
      }
      await route.fulfill({ status: 201, json: { clientSecret: created.clientSecret, publishableKey: merchant.publishableKey, apiBase, sessionId: created.id } });
    });
    await openCheckoutWithCart(productList, cart, checkout);
    await expect(checkout.email).toHaveValue('grace@example.com');
    await checkout.choosePaymentMethod('PayPal');
    await expect(checkout.paypalButton('Venmo')).toBeVisible();
    await expect(checkout.paypalButton('PayPal')).toBeVisible();
    await expect(checkout.paypalButton('Pay Later')).toBeVisible();
    const [load] = await loads(page);
    const sdk = new URL(load!.url);
    expect(sdk.searchParams.get('currency')).toBe('USD');
    expect(sdk.searchParams.get('buyer-country')).toBe('US');
    expect(sdk.searchParams.get('enable-funding')).toContain('venmo');

    await checkout.paypalButton('Venmo').click();
    await expect(checkout.paypalWindow).toHaveAccessibleName('Venmo window');
    await checkout.paypalWindow.getByRole('button', { name: /^Pay now/ }).click();
    const orderId = await confirmation.waitForOrder();
    const orders = await backend.ordersForSession(checkout.sessionId);
    expect(orders).toEqual([expect.objectContaining({ id: orderId, provider: 'paypal', currency: 'USD', amount: 4900 + 490 })]);
  });
});

test.describe('vaulted PayPal', () => {
  test('a returning shopper who saved PayPal pays in one click on a new device: email, code, one click, no PayPal window', async ({
    page,
    browser,
    productList,
    cart,
    checkout,
    confirmation,
    backend,
  }) => {
    test.setTimeout(150_000);
    const email = `paypal-vault-${Date.now().toString(36)}@example.com`;

    // 1. A guest pays with PayPal and asks to be remembered: PayPal vaults the account on capture.
    await openCheckoutWithCart(productList, cart, checkout);
    const guest = new Interactions('guest pays with PayPal and saves it');
    await guest.type(checkout.email, email);
    await guest.type(checkout.fullName, GUEST.name);
    await guest.type(checkout.addressLine1, GUEST.line1);
    await guest.type(checkout.city, GUEST.city);
    await guest.type(checkout.postalCode, GUEST.postalCode);
    await guest.click(page.getByRole('radio', { name: /Standard delivery/ }));
    await guest.click(page.getByRole('checkbox', { name: 'Save my details for one-click checkout' }));
    await checkout.scrollToPayment();
    // PayPal is chosen in the method list (one radio choice), then its own button pays.
    await guest.click(checkout.paymentMethod('PayPal'));
    await guest.click(checkout.paypalButton('PayPal'));
    await guest.click(checkout.paypalWindow.getByRole('button', { name: /^Pay now/ }));
    await confirmation.waitForOrder();
    guest.report(' (of which 1 in the PayPal window)');

    // 2. A new device: email → code → the saved PayPal account is chosen → one click pays.
    const deviceContext = await browser.newContext({ baseURL: shopUrl });
    const device = await freshDevice(deviceContext);
    await routePayPal(deviceContext, paypalFakeUrl());
    const onDevice = { productList: new ProductListPage(device), cart: new CartPage(device), checkout: new CheckoutPage(device), confirmation: new ConfirmationPage(device) };
    await openCheckoutWithCart(onDevice.productList, onDevice.cart, onDevice.checkout);
    const before = await lastMessageId(device);
    const flow = new Interactions('returning shopper, vaulted PayPal, new device');
    await flow.type(onDevice.checkout.email, email, true);
    await flow.type(device.getByLabel('Verification code'), await codeFor(device, email, before));
    // The PayPal account PayPal vaulted (the double's payer, buyer@example.com), masked.
    const saved = device.getByRole('radio', { name: /^PayPal b•••@example\.com/ });
    await expect(saved).toBeChecked();
    await expect(onDevice.checkout.fullName).toHaveValue(GUEST.name);
    await expect(onDevice.checkout.payButton).toHaveAccessibleName(`Pay ${euros(TOTAL)}`);
    await flow.click(onDevice.checkout.payButton);
    const orderId = await onDevice.confirmation.waitForOrder();
    flow.report(` (of which ${email.length + 1} for the email and Enter, 6 for the code)`);
    expect(flow.clicks).toBe(1);
    expect(flow.keystrokes - email.length - 1).toBe(6);
    expect(flow.steps).toBeLessThanOrEqual(3);
    const orders = await backend.ordersForSession(onDevice.checkout.sessionId);
    expect(orders).toEqual([expect.objectContaining({ id: orderId, provider: 'paypal', amount: TOTAL, contact: { email } })]);
    // One call to PayPal with the vault id: no PayPal window was opened on the device.
    expect(await device.getByRole('dialog', { name: /window$/ }).count()).toBe(0);
    await deviceContext.close();
  });
});
