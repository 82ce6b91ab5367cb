/**
 * A recognised shopper's orders in `<omni-order-status>`, in the demo shop (mock provider): a guest
 * pays with "save my details" ticked (the identity network links the order to the shopper, who has
 * agreed to share with this shop) → later the shopper signs in with the emailed code through the
 * identity network's client API, as the shop's page does, and the shop hands the shopper token to
 * its status page → the page lists their orders at this shop → the shopper opens the one they
 * paid and sees its status, and goes back to the list. Without the token the page lists nothing.
 */
import type { Page } from '@playwright/test';
import orderEn from '../../packages/core/src/order-text/en.js';
import { test, expect } from '../fixtures/test.js';
import { CARDS, openCheckoutWithCart } from '../fixtures/flows.js';
import { apiBase, shopUrl } from '../fixtures/env.js';
import { codeFor, lastMessageId } from '../fixtures/shopper.js';
import { GUEST, type CheckoutPage } from '../models/checkout-page.js';

/** The identity network's sign-in by email code on a checkout session (what `<omni-identity>` calls): the shopper token. */
async function signIn(page: Page, checkout: CheckoutPage, email: string): Promise<{ shopperToken: string; profile: unknown }> {
  const start = checkout.start!;
  const headers = { authorization: `Bearer ${start.clientSecret}`, 'omni-publishable-key': start.publishableKey, origin: shopUrl };
  const base = `${apiBase}/v1/client/checkout-sessions/${checkout.sessionId}/identity`;
  const before = await lastMessageId(page);
  const lookup = await page.request.post(`${base}/lookup`, { headers, data: { email } });
  expect(lookup.status()).toBe(200);
  const { challengeId } = (await lookup.json()) as { challengeId: string };
  const code = await codeFor(page, email, before);
  const verified = await page.request.post(`${base}/verify`, { headers, data: { challengeId, code } });
  expect(verified.status()).toBe(200);
  return (await verified.json()) as { shopperToken: string; profile: unknown };
}

test('a recognised shopper sees their orders at this shop in <omni-order-status> and opens one', async ({ page, productList, cart, checkout, confirmation }) => {
  test.setTimeout(120_000);
  const email = `orders-${Date.now().toString(36)}@example.com`;

  // A guest order with "save my details" ticked: the identity network links it to the shopper.
  await openCheckoutWithCart(productList, cart, checkout);
  await checkout.email.fill(email);
  await checkout.fullName.fill(GUEST.name);
  await checkout.addressLine1.fill(GUEST.line1);
  await checkout.city.fill(GUEST.city);
  await checkout.postalCode.fill(GUEST.postalCode);
  await checkout.cardNumber.pressSequentially(CARDS.success.replace(/ /g, ''));
  await checkout.expiry.pressSequentially('1234');
  await checkout.securityCode.pressSequentially('123');
  await page.getByRole('checkbox', { name: 'Save my details for one-click checkout' }).check();
  await checkout.payButton.click();
  const orderId = await confirmation.waitForOrder();

  // Back at the shop later: signed in with the code from the mailbox.
  await openCheckoutWithCart(productList, cart, checkout);
  const { shopperToken, profile } = await signIn(page, checkout, email);
  expect(shopperToken).toMatch(/^shtok_/);
  // The shopper shares with this shop (they saved their details here).
  expect(profile).not.toBeNull();

  // The shop's status page, without a status link: nothing until the shop hands it the shopper token.
  await page.goto(`${shopUrl}/order-status`);
  const status = page.locator('omni-order-status');
  await expect(status.getByRole('alert')).toHaveText(orderEn.invalidLink);
  await status.evaluate((element: HTMLElement & { shopperToken: string }, token) => {
    element.shopperToken = token;
  }, shopperToken);
  await expect(status.getByRole('heading', { name: orderEn.orderList.title })).toBeVisible({ timeout: 15_000 });
  const open = status.getByRole('button', { name: orderEn.orderList.open(orderId) });
  await expect(open).toBeVisible();
  await expect(status.locator('[part~="order"]')).toHaveCount(1);

  // Opens it: its status, then back to the list.
  await open.click();
  await expect(status.getByRole('heading', { name: orderEn.title })).toBeVisible();
  await expect(status.getByText(orderEn.orderNumber(orderId))).toBeVisible();
  await expect(status.locator('[part~="state"]')).toHaveText(orderEn.states.paid);
  await status.getByRole('button', { name: orderEn.orderList.back }).click();
  await expect(status.getByRole('heading', { name: orderEn.orderList.title })).toBeFocused();
  await expect(status.getByRole('button', { name: orderEn.orderList.open(orderId) })).toBeVisible();
});
