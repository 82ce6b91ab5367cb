/**
 * Resume on another device (docs/omnichannel.md), two browser contexts through the demo: a shopper
 * who saved their details builds a cart on a desktop, signs in and leaves; on a 390×844 phone they
 * sign in at the same shop with a one-time code from the dev mailbox, see "Continue your checkout"
 * with the desktop's cart, continue and pay: exactly one order, for the desktop's session.
 */
import { type Page } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { codeFor, freshDevice, lastMessageId } from '../fixtures/shopper.js';
import { CARDS, openCheckoutWithCart } from '../fixtures/flows.js';
import { shopUrl } from '../fixtures/env.js';
import { CartPage } from '../models/cart-page.js';
import { CheckoutPage, GUEST } from '../models/checkout-page.js';
import { ConfirmationPage } from '../models/confirmation-page.js';
import { ProductListPage } from '../models/product-list-page.js';

const models = (page: Page) => ({
  productList: new ProductListPage(page),
  cart: new CartPage(page),
  checkout: new CheckoutPage(page),
  confirmation: new ConfirmationPage(page),
});

const ordersOf = async (page: Page, sessionId: string) =>
  ((await (await page.request.get(`${shopUrl}/api/orders/${encodeURIComponent(sessionId)}`)).json()) as { data: { lineItems: { name: string }[] }[] }).data;

async function signIn(device: Page, checkout: CheckoutPage, email: string): Promise<void> {
  const before = await lastMessageId(device);
  await checkout.email.fill(email);
  await checkout.email.press('Enter');
  const code = device.getByLabel('Verification code');
  await expect(code).toBeFocused();
  await code.pressSequentially(await codeFor(device, email, before));
  await expect(device.getByText(`Signed in as ${email}`)).toBeVisible();
}

test('a checkout left on the desktop is continued and paid on the phone: one order', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const email = `resume-${Date.now().toString(36)}@example.com`;

  await test.step('a guest saves their details (the identity, with consent at this shop)', async () => {
    const { productList, cart, checkout, confirmation } = models(page);
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillGuestDetails({ ...GUEST, email });
    await checkout.chooseShipping(/Standard delivery/);
    await checkout.fillCard(CARDS.success);
    await page.getByRole('checkbox', { name: 'Save my details for one-click checkout' }).check();
    await checkout.pay();
    await confirmation.waitForOrder();
  });

  let desktopSession = '';
  await test.step('desktop: a cart, the sign-in, and the shopper leaves', async () => {
    const context = await browser.newContext({ baseURL: shopUrl });
    const desktop = await freshDevice(context);
    const { productList, cart, checkout } = models(desktop);
    await openCheckoutWithCart(productList, cart, checkout);
    desktopSession = checkout.sessionId;
    await signIn(desktop, checkout, email);
    await context.close();
  });

  await test.step('phone: the sign-in offers the desktop’s checkout; continue and pay', async () => {
    const context = await browser.newContext({ baseURL: shopUrl, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await freshDevice(context);
    const { productList, cart, checkout, confirmation } = models(phone);
    // The phone's own cart: one dripper.
    await productList.goto();
    await productList.add('Ceramic pour-over dripper', 1);
    await cart.cartLink.click();
    const started = phone.waitForResponse((r) => r.url().endsWith('/api/checkout'));
    await cart.proceedToCheckout();
    checkout.start = await (await started).json();
    const phoneSession = checkout.sessionId;
    await expect(checkout.email).toBeVisible({ timeout: 20_000 });
    await signIn(phone, checkout, email);

    await expect(phone.getByRole('heading', { name: 'Continue your checkout' })).toBeVisible();
    await expect(phone.getByText('2 × Single-origin coffee beans, 250 g')).toBeVisible();
    await phone.getByRole('button', { name: 'Continue your checkout', exact: true }).click();
    // The desktop's cart: the coffee beans are back in the summary.
    await expect(phone.getByText('Single-origin coffee beans, 250 g').first()).toBeVisible();
    await checkout.fillGuestDetails({ ...GUEST, email });
    await checkout.chooseShipping(/Standard delivery/);
    await checkout.fillCard(CARDS.success);
    await checkout.pay();
    await confirmation.waitForOrder();
    await expect(phone).toHaveURL(new RegExp(`session=${desktopSession}`));

    // Exactly one order, for the desktop's session; the phone's own session was left alone.
    const orders = await ordersOf(phone, desktopSession);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.lineItems.map((l) => l.name)).toContain('Single-origin coffee beans, 250 g');
    expect(await ordersOf(phone, phoneSession)).toHaveLength(0);
    await context.close();
  });
});
