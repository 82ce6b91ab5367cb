import { test, expect } from '../fixtures/test.js';
import { CARDS, CART, TOTAL, euros, openCheckoutWithCart } from '../fixtures/flows.js';
import { GUEST } from '../models/checkout-page.js';

// A declined payment is an HTTP error answer from the backend, which Chromium logs as a failed resource.
const paymentErrorResponses = [/Failed to load resource: the server responded with a status of 4\d\d/];

test.describe('guest checkout with the mock provider', () => {
  test('pays with 4242 and the backend records one paid order with the server total', async ({
    productList,
    cart,
    checkout,
    confirmation,
    backend,
  }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillAll(CARDS.success);
    await expect(checkout.payButton).toHaveAccessibleName(new RegExp(`Pay ${euros(TOTAL).replace('.', '\\.')}`));
    await checkout.pay();

    const orderId = await confirmation.waitForOrder();
    await expect(confirmation.totalPaid).toHaveText(euros(TOTAL));
    expect(confirmation.sessionIdFromUrl()).toBe(checkout.sessionId);

    const orders = await backend.ordersForSession(checkout.sessionId);
    expect(orders).toHaveLength(1);
    const [order] = orders;
    expect(order).toMatchObject({ id: orderId, status: 'paid', amount: TOTAL, currency: 'EUR', provider: 'mock' });
    expect(order!.lineItems.map(({ id, quantity, unitAmount }) => ({ id, quantity, unitAmount }))).toEqual(
      CART.map(({ productId, quantity, unitAmount }) => ({ id: productId, quantity, unitAmount })),
    );
    expect(order!.contact?.email).toBe(GUEST.email);
    expect(order!.shippingAddress).toMatchObject({ name: GUEST.name, city: GUEST.city, postalCode: GUEST.postalCode, country: 'DE' });
    expect((await backend.order(orderId)).amount).toBe(TOTAL);

    // The cart is emptied once the order is placed.
    await expect(confirmation.cartLink).toHaveAccessibleName('Cart, 0 items');
  });

  test('31 guests on one network (an office, a carrier NAT) see no code field and no error, and send no lookup', async ({
    page,
    productList,
    cart,
    checkout,
    confirmation,
  }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    const lookups: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/identity/lookup')) lookups.push(request.url());
    });
    const run = Date.now().toString(36);
    const offer = page.getByRole('button', { name: 'Saved your details with us? Send me a code' });
    // One backend, one client IP: the per-IP lookup limit (30 per 10 minutes) would refuse the 31st.
    for (let guest = 1; guest <= 31; guest++) {
      await checkout.email.fill(`guest-${guest}-${run}@example.com`);
      await checkout.fullName.click();
      // The same quiet offer for every email; no code field, nothing red.
      await expect(offer).toBeVisible();
      await expect(page.getByLabel('Verification code')).toHaveCount(0);
      await expect(page.getByText(/Too many codes/)).toHaveCount(0);
    }
    expect(lookups).toEqual([]);
    // And the last guest pays as usual.
    await checkout.fillAll(CARDS.success);
    await checkout.pay();
    await confirmation.waitForOrder();
    expect(lookups).toEqual([]);
  });

  test.describe('failed payments', () => {
    test.use({ allowedConsoleErrors: paymentErrorResponses });

    test('a declined card shows why, and paying again with 4242 succeeds', async ({ productList, cart, checkout, confirmation, backend }) => {
      await openCheckoutWithCart(productList, cart, checkout);
      await checkout.fillAll(CARDS.decline);
      await checkout.pay();
      await expect(checkout.alert).toContainText(/declined/i);
      await expect(checkout.page).toHaveURL(/\/checkout$/);
      expect(await backend.ordersForSession(checkout.sessionId)).toHaveLength(0);

      await checkout.fillCard(CARDS.success);
      await checkout.pay();
      const orderId = await confirmation.waitForOrder();
      const orders = await backend.ordersForSession(checkout.sessionId);
      expect(orders.map((o) => ({ id: o.id, amount: o.amount }))).toEqual([{ id: orderId, amount: TOTAL }]);
    });

    test('insufficient funds is explained in words and no order is created', async ({ productList, cart, checkout, backend }) => {
      await openCheckoutWithCart(productList, cart, checkout);
      await checkout.fillAll(CARDS.insufficientFunds);
      await checkout.pay();
      await expect(checkout.alert).toContainText(/insufficient funds|not enough (funds|money)/i);
      await expect(checkout.payButton).toBeEnabled();
      expect(await backend.ordersForSession(checkout.sessionId)).toHaveLength(0);
      const session = await backend.session(checkout.sessionId);
      expect(session.status).not.toBe('complete');
    });

    test('3-D Secure cancelled shows a readable message, then paying again and approving succeeds', async ({
      productList,
      cart,
      checkout,
      confirmation,
      backend,
    }) => {
      await openCheckoutWithCart(productList, cart, checkout);
      await checkout.fillAll(CARDS.threeDSecure);
      await checkout.pay();
      await checkout.cancelChallenge();
      await expect(checkout.challenge).toBeHidden();
      await expect(checkout.alert).toContainText(/cancel/i);
      // Readable: a sentence, not an error code.
      expect(await checkout.alert.innerText()).not.toMatch(/authentication_canceled|undefined|\[object/);
      expect(await backend.ordersForSession(checkout.sessionId)).toHaveLength(0);

      await checkout.pay();
      await checkout.approveChallenge();
      const orderId = await confirmation.waitForOrder();
      const orders = await backend.ordersForSession(checkout.sessionId);
      expect(orders.map((o) => ({ id: o.id, amount: o.amount, status: o.status }))).toEqual([{ id: orderId, amount: TOTAL, status: 'paid' }]);
    });
  });

  test('3-D Secure approved → paid', async ({ productList, cart, checkout, confirmation, backend }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillAll(CARDS.threeDSecure);
    await checkout.pay();
    await checkout.approveChallenge();
    const orderId = await confirmation.waitForOrder();
    await expect(confirmation.totalPaid).toHaveText(euros(TOTAL));
    const order = await backend.order(orderId);
    expect(order).toMatchObject({ sessionId: checkout.sessionId, status: 'paid', amount: TOTAL, currency: 'EUR' });
  });
  test('the same cart opened again continues its session: a reload keeps what was typed, a second tab pays the same checkout, once', async ({
    page,
    productList,
    cart,
    checkout,
    confirmation,
    backend,
  }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillGuestDetails();
    const shippingSaved = page.waitForResponse((r) => r.url().endsWith('/shipping-option') && r.ok());
    await checkout.chooseShipping(/Express delivery/);
    await shippingSaved;

    // A reload: the shop's server continues the same session (200, not a new 201), with the details on it.
    const reopened = page.waitForResponse((r) => r.url().endsWith('/api/checkout'));
    await page.reload();
    const again = await reopened;
    expect(again.status()).toBe(200);
    expect(((await again.json()) as { sessionId: string }).sessionId).toBe(checkout.sessionId);
    await expect(checkout.email).toHaveValue(GUEST.email);
    await expect(checkout.fullName).toHaveValue(GUEST.name);
    await expect(checkout.postalCode).toHaveValue(GUEST.postalCode);
    await expect(checkout.shippingOption(/Express delivery/)).toBeChecked();

    // A second tab with the same cart is the same checkout, not a second one to pay.
    const second = await page.context().newPage();
    const secondStart = second.waitForResponse((r) => r.url().endsWith('/api/checkout'));
    await second.goto('/checkout');
    expect(((await (await secondStart).json()) as { sessionId: string }).sessionId).toBe(checkout.sessionId);
    await expect(second.getByLabel('Email', { exact: true })).toHaveValue(GUEST.email);
    await second.close();

    // Nothing to type but the card: the shopper scrolls to it (the card fields load as it comes into view).
    await checkout.scrollToPayment();
    await checkout.fillCard(CARDS.success);
    await checkout.pay();
    await confirmation.waitForOrder();
    expect(await backend.ordersForSession(checkout.sessionId)).toHaveLength(1);
  });
});
