import { test, expect } from '../fixtures/test.js';

test('the cart keeps quantities across reloads, updates the subtotal and removes items', async ({ page, productList, cart }) => {
  await productList.goto();
  await expect(productList.products).toHaveCount(4);
  await expect(productList.product('Enamel mug')).toContainText('€9.90');
  await productList.add('Enamel mug');
  await expect(productList.status).toHaveText('Enamel mug added to your cart.');
  await productList.add('Hand grinder');
  await expect(productList.cartLink).toHaveAccessibleName('Cart, 2 items');

  await cart.goto();
  await expect(cart.lines).toHaveCount(2);
  await cart.setQuantity('Enamel mug', 3);
  await expect(cart.line('Enamel mug')).toContainText('€29.70');
  await expect(cart.subtotal).toHaveText('€93.70');
  await expect(cart.cartLink).toHaveAccessibleName('Cart, 4 items');

  await page.reload();
  await expect(cart.quantity('Enamel mug')).toHaveValue('3');
  await expect(cart.subtotal).toHaveText('€93.70');

  await cart.remove('Hand grinder');
  await expect(cart.lines).toHaveCount(1);
  await expect(cart.heading).toBeFocused();
  await expect(cart.subtotal).toHaveText('€29.70');

  await cart.remove('Enamel mug');
  await expect(cart.emptyMessage).toBeVisible();
  await expect(cart.cartLink).toHaveAccessibleName('Cart, 0 items');
});

test('checkout with an empty cart says so and starts no session', async ({ page, guard }) => {
  await page.goto('/checkout');
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  expect(guard.requestUrls.filter((url) => url.includes('/api/checkout'))).toEqual([]);
});
