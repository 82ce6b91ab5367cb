/**
 * Gift cards and store credit in the demo shop (issue 18, docs/payment-methods.md), against the real
 * backend and the mock provider: a card that covers the order (no provider), split tender with a
 * card (the provider is charged only the rest), and store credit for a recognised shopper.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { CARDS, TOTAL, euros, openCheckoutWithCart } from '../fixtures/flows.js';
import { shopUrl } from '../fixtures/env.js';
import { codeFor, freshDevice, lastMessageId } from '../fixtures/shopper.js';
import { CartPage } from '../models/cart-page.js';
import { CheckoutPage } from '../models/checkout-page.js';
import { ConfirmationPage } from '../models/confirmation-page.js';
import { ProductListPage } from '../models/product-list-page.js';

const models = (page: Page) => ({
  productList: new ProductListPage(page),
  cart: new CartPage(page),
  checkout: new CheckoutPage(page),
  confirmation: new ConfirmationPage(page),
});

test.describe('gift cards in the checkout', () => {
  test('a gift card that covers the order places it without a card', async ({ productList, cart, checkout, confirmation, backend }) => {
    const gift = await backend.issueGiftCard(10_000);
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillGuestDetails();
    await checkout.chooseShipping(/Standard delivery/);
    await checkout.applyGiftCard(gift.code);
    await expect(checkout.placeOrderButton).toHaveAccessibleName(`Place order (${euros(TOTAL)})`);
    await expect(checkout.amountDue).toHaveText(euros(0));
    await expect(checkout.cardNumber).toBeHidden();
    await checkout.placeOrderButton.click();
    const orderId = await confirmation.waitForOrder();
    const [order] = await backend.ordersForSession(checkout.sessionId);
    expect(order).toMatchObject({ id: orderId, status: 'paid', amount: TOTAL });
    expect(await backend.giftCardBalance(gift.id)).toBe(10_000 - TOTAL);
  });

  test('split tender: the gift card takes its balance, the card pays the rest', async ({ productList, cart, checkout, confirmation, backend }) => {
    const gift = await backend.issueGiftCard(2000);
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillAll(CARDS.success);
    await checkout.applyGiftCard(gift.code.toLowerCase());
    await expect(checkout.amountDue).toHaveText(euros(TOTAL - 2000));
    await expect(checkout.payButton).toHaveAccessibleName(`Pay ${euros(TOTAL - 2000)}`);
    await checkout.pay();
    const orderId = await confirmation.waitForOrder();
    const [order] = await backend.ordersForSession(checkout.sessionId);
    expect(order).toMatchObject({ id: orderId, status: 'paid', amount: TOTAL });
    expect(await backend.giftCardBalance(gift.id)).toBe(0);
  });
});

test('store credit: a recognised shopper who shares their details sees it and pays with it and a saved card', async ({ page, browser, backend }) => {
  test.setTimeout(120_000);
  const email = `credit-${Date.now().toString(36)}@example.com`;
  await test.step('a guest pays and saves their details', async () => {
    const { productList, cart, checkout, confirmation } = models(page);
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillAll(CARDS.success);
    await checkout.email.fill(email);
    await page.getByRole('checkbox', { name: 'Save my details for one-click checkout' }).check();
    await checkout.pay();
    await confirmation.waitForOrder();
  });
  expect((await backend.grantStoreCredit(email, 1500)).balance).toBe(1500);

  await test.step('signed in on another device: the store credit shows and pays part of the order', async () => {
    const device = await freshDevice(await browser.newContext({ baseURL: shopUrl }));
    const { productList, cart, checkout, confirmation } = models(device);
    await openCheckoutWithCart(productList, cart, checkout);
    const before = await lastMessageId(device);
    await checkout.email.pressSequentially(email);
    await checkout.email.press('Enter');
    await device.getByLabel('Verification code').pressSequentially(await codeFor(device, email, before));
    await expect(device.getByText(`Signed in as ${email}`)).toBeVisible();
    const useCredit = device.getByRole('button', { name: `Use your store credit (${euros(1500)})` });
    await useCredit.click();
    await expect(checkout.amountDue).toHaveText(euros(TOTAL - 1500));
    await expect(checkout.payButton).toHaveAccessibleName(new RegExp(`^Pay ${euros(TOTAL - 1500).replace('.', '\\.')}`));
    await checkout.payButton.click();
    const orderId = await confirmation.waitForOrder();
    const [order] = await backend.ordersForSession(checkout.sessionId);
    expect(order).toMatchObject({ id: orderId, status: 'paid', amount: TOTAL, contact: { email } });
  });
});
