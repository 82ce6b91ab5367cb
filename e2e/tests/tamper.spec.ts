import { test, expect } from '../fixtures/test.js';
import { CARDS, CART, TOTAL, openCheckoutWithCart } from '../fixtures/flows.js';
import { apiBase } from '../fixtures/env.js';

// docs/security.md R9: what is charged comes from the server's session, never from the browser.

test('a confirm request rewritten to "amount": 1 is charged the server total', async ({
  page,
  productList,
  cart,
  checkout,
  confirmation,
  backend,
}) => {
  const tampered: unknown[] = [];
  await page.route(`${apiBase}/v1/client/checkout-sessions/*/confirm`, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    const body = { ...(route.request().postDataJSON() as Record<string, unknown>), amount: 1, currency: 'JPY' };
    tampered.push(body);
    await route.continue({ postData: JSON.stringify(body) });
  });

  await openCheckoutWithCart(productList, cart, checkout);
  await checkout.fillAll(CARDS.success);
  await checkout.pay();
  const orderId = await confirmation.waitForOrder();

  expect(tampered, 'the confirm request was rewritten').toHaveLength(1);
  const order = await backend.order(orderId);
  expect(order.amount).toBe(TOTAL);
  expect(order.currency).toBe('EUR');
});

test('prices sent by the browser to the shop server are ignored', async ({ page, backend }) => {
  const response = await page.request.post('/api/checkout', {
    data: {
      items: CART.map(({ productId, quantity }) => ({ productId, quantity, unitAmount: 1, price: 1 })),
      amount: 1,
    },
  });
  expect(response.status()).toBe(201);
  const { clientSecret } = (await response.json()) as { clientSecret: string };
  const session = await backend.session(clientSecret.slice(0, clientSecret.indexOf('_secret_')));
  expect(session.lineItems.map(({ id, unitAmount }) => ({ id, unitAmount }))).toEqual(
    CART.map(({ productId, unitAmount }) => ({ id: productId, unitAmount })),
  );
  expect(session.totals.subtotal).toBe(TOTAL - 490);
});

test('the shop server refuses unknown products and silly quantities', async ({ page }) => {
  for (const items of [[{ productId: 'nope', quantity: 1 }], [{ productId: 'beans', quantity: 0 }], [{ productId: 'beans', quantity: 1.5 }], []]) {
    const response = await page.request.post('/api/checkout', { data: { items } });
    expect(response.status(), JSON.stringify(items)).toBe(400);
  }
});
