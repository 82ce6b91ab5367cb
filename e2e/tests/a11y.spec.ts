import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { CARDS, openCheckoutWithCart } from '../fixtures/flows.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
  expect(summary, `axe violations on the ${label}`).toEqual([]);
  expect(results.passes.length, 'axe actually ran rules').toBeGreaterThan(10);
}

/** Nothing is cut off or needs sideways scrolling on a 320 px wide screen. */
async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on the ${label} at ${page.viewportSize()?.width}px`).toBeLessThanOrEqual(0);
}

test('axe finds no violations on the product list, cart, checkout and confirmation pages', async ({
  page,
  productList,
  cart,
  checkout,
  confirmation,
}) => {
  // Five axe passes and a payment: more than the default 45 s when the machine is shared.
  test.setTimeout(120_000);
  await productList.goto();
  await expectNoAxeViolations(page, 'product list');

  await openCheckoutWithCart(productList, cart, checkout);
  await cart.goto();
  await expect(cart.lines).toHaveCount(2);
  await expectNoAxeViolations(page, 'cart');

  await cart.proceedToCheckout();
  await expect(checkout.email).toBeVisible({ timeout: 20_000 });
  await expect(checkout.payButton).toBeVisible();
  await expectNoAxeViolations(page, 'checkout');

  await checkout.fillAll(CARDS.success);
  await checkout.pay();
  await confirmation.waitForOrder();
  await expect(confirmation.summary).toBeVisible();
  await expectNoAxeViolations(page, 'confirmation');

  await cart.goto();
  await expect(cart.emptyMessage).toBeVisible();
  await expectNoAxeViolations(page, 'empty cart');
});

test.describe('at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('every page fits without sideways scrolling and passes axe', async ({ page, productList, cart, checkout, confirmation }) => {
    await productList.goto();
    await expectNoHorizontalScroll(page, 'product list');
    await openCheckoutWithCart(productList, cart, checkout);
    await expectNoHorizontalScroll(page, 'checkout');
    await expectNoAxeViolations(page, 'checkout at 320 px');
    await cart.goto();
    await expectNoHorizontalScroll(page, 'cart');
    await cart.proceedToCheckout();
    await expect(checkout.email).toBeVisible({ timeout: 20_000 });
    await checkout.fillAll(CARDS.success);
    await checkout.pay();
    await confirmation.waitForOrder();
    await expectNoHorizontalScroll(page, 'confirmation');
  });
});

test('keyboard: the skip link moves focus to the main content', async ({ page, productList }) => {
  await productList.goto();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
