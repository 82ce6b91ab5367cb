/**
 * The demo shop paying through Stripe's doubles: the Stripe.js double (served at js.stripe.com)
 * and the loopback fake of Stripe's API (api.stripe.com forwarded to it), which delivers signed
 * webhooks to the backend. Same shop, a merchant whose provider is Stripe (`demo.mjs --stripe-fake`).
 */
// The Stripe.js double's test switches on `window` (__omniFakeWallets, __omniFakeWalletSheet).
import type {} from '../../packages/stripe/src/fake/stripe-js.js';
import { request as playwrightRequest, type FrameLocator, type Page } from '@playwright/test';
import type { Order } from '@omni-checkout/core/types';
import { test, expect } from '../fixtures/test.js';
import { CART, EXPRESS_SHIPPING, SUBTOTAL, TOTAL, euros, openCheckoutWithCart } from '../fixtures/flows.js';
import { apiBase, expectedCsp, stripeFakeUrl, stripeMerchant, stripeShopUrl } from '../fixtures/env.js';
import { STRIPE_CARDS, useStripeDoubles, type StripeTraffic } from '../fakes/stripe.js';
import { CheckoutPage, GUEST } from '../models/checkout-page.js';
import { CartPage } from '../models/cart-page.js';
import { ConfirmationPage } from '../models/confirmation-page.js';
import { ProductListPage } from '../models/product-list-page.js';
import { Interactions, codeFor, freshDevice, lastMessageId, virtualAuthenticator } from '../fixtures/shopper.js';

test.use({ baseURL: stripeShopUrl });

/** Stripe's card frame, found by its title and labels as a shopper would. */
function cardFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Secure payment input frame"]');
}

async function fillCard(page: Page, number: string): Promise<void> {
  const frame = cardFrame(page);
  // Germany lists Klarna before cards: the card tab of the Payment Element first.
  await frame.getByRole('tab', { name: 'Card', exact: true }).click();
  await frame.getByLabel('Card number').pressSequentially(number.replace(/\s/g, ''));
  await frame.getByLabel('Expiration date (MM / YY)').fill('1234');
  await frame.getByLabel('Security code').fill('123');
}

async function ordersOf(sessionId: string): Promise<Order[]> {
  const api = await playwrightRequest.newContext({ baseURL: apiBase, extraHTTPHeaders: { authorization: `Bearer ${stripeMerchant.secretKey}` } });
  const response = await api.get(`/v1/orders?sessionId=${encodeURIComponent(sessionId)}`);
  expect(response.ok()).toBe(true);
  const { data } = (await response.json()) as { data: Order[] };
  await api.dispose();
  return data;
}

/** The PaymentIntent the fake holds for our session (what Stripe's dashboard would show). */
async function intentsOf(sessionId: string): Promise<{ id: string; client_secret: string; status: string; amount: number }[]> {
  const state = (await (await fetch(`${stripeFakeUrl()}/_fake/state`)).json()) as {
    paymentIntents: { id: string; client_secret: string; status: string; amount: number; metadata: Record<string, string> }[];
  };
  return state.paymentIntents.filter((pi) => pi.metadata.omni_session === sessionId);
}

async function readyToPay(checkout: CheckoutPage, card: string): Promise<void> {
  await checkout.fillGuestDetails();
  await checkout.chooseShipping(/Standard delivery/);
  await fillCard(checkout.page, card);
}

/** Luhn-valid runs of 13–19 digits (card numbers), in any text. */
function cardNumbersIn(text: string): string[] {
  // Runs of digits standing alone (as a card number is, in JSON or a form): not inside an identifier
  // such as a provider's hex `pm_…` id, where 13 digits in a row are Luhn-valid one time in ten.
  return (text.match(/(?<![\w])\d[\d ]{11,22}\d(?![\w])/g) ?? [])
    .map((run) => run.replace(/ /g, ''))
    .filter((digits) => {
      if (digits.length < 13 || digits.length > 19) return false;
      let sum = 0;
      for (let i = 0; i < digits.length; i += 1) {
        let d = Number(digits[digits.length - 1 - i]);
        if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
      }
      return sum % 10 === 0;
    });
}

let stripe: StripeTraffic;
test.beforeEach(async ({ page }) => {
  stripe = await useStripeDoubles(page);
});

test('guest card payment: Stripe’s fields, one PaymentIntent, one order, and no card number outside Stripe’s frame', async ({
  page,
  productList,
  cart,
  checkout,
  confirmation,
}) => {
  const toBackend: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(apiBase)) toBackend.push(`${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`);
  });
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toBe(expectedCsp('stripe'));
  await openCheckoutWithCart(productList, cart, checkout);
  await readyToPay(checkout, STRIPE_CARDS.mastercard);

  // R1: the number typed into Stripe's frame is nowhere in our document, shadow roots or traffic.
  // (The shop's footer prints the published test number 4242 4242 4242 4242 as a hint.)
  const ours = await page.evaluate(() => {
    const texts: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      texts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
      for (const input of root.querySelectorAll('input')) texts.push(input.value);
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    return texts.join('\n');
  });
  expect(cardNumbersIn(ours).filter((run) => run !== '4242424242424242')).toEqual([]);

  await checkout.pay();
  const orderId = await confirmation.waitForOrder();
  expect(cardNumbersIn(toBackend.join('\n'))).toEqual([]);
  const orders = await ordersOf(checkout.sessionId);
  expect(orders).toMatchObject([{ id: orderId, provider: 'stripe', amount: TOTAL, currency: 'EUR', paymentReference: expect.stringMatching(/^pi_/) }]);
  const intents = await intentsOf(checkout.sessionId);
  expect(intents).toMatchObject([{ id: orders[0]!.paymentReference, status: 'succeeded', amount: TOTAL }]);
  // Stripe.js came from js.stripe.com (R2), and the page never talked to api.stripe.com with anything but its frames' requests.
  expect(stripe.requests.some((url) => /^https:\/\/js\.stripe\.com\/endive\/stripe\.js/.test(url))).toBe(true);
});

test('3-D Secure approved in the bank’s frame pays once', async ({ page, productList, cart, checkout, confirmation }) => {
  await openCheckoutWithCart(productList, cart, checkout);
  await readyToPay(checkout, STRIPE_CARDS.threeDSecure);
  await checkout.pay();
  const bank = page.frameLocator('iframe[title="3D Secure authentication"]');
  await bank.getByRole('button', { name: 'Complete authentication' }).click();
  await confirmation.waitForOrder();
  expect(await ordersOf(checkout.sessionId)).toMatchObject([{ amount: TOTAL, provider: 'stripe' }]);
  expect((await intentsOf(checkout.sessionId)).map((pi) => pi.status)).toEqual(['succeeded']);
});

test.describe('3-D Secure refused', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 402/] });

  test('says why, creates no order, and another card pays', async ({ page, productList, cart, checkout, confirmation }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await readyToPay(checkout, STRIPE_CARDS.threeDSecure);
    await checkout.pay();
    await page.frameLocator('iframe[title="3D Secure authentication"]').getByRole('button', { name: 'Fail authentication' }).click();
    await expect(checkout.alert).toContainText(/verify|authenticat/i);
    expect(await ordersOf(checkout.sessionId)).toEqual([]);
    const number = cardFrame(page).getByLabel('Card number');
    await number.fill('');
    await number.pressSequentially(STRIPE_CARDS.success.replace(/\s/g, ''));
    await checkout.pay();
    await confirmation.waitForOrder();
    expect(await ordersOf(checkout.sessionId)).toHaveLength(1);
  });
});

test.describe('a declined card', () => {
  test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 402/] });

  test('is explained, creates no order, and the shopper can fix the card in Stripe’s fields', async ({ page, productList, cart, checkout, confirmation }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    await readyToPay(checkout, STRIPE_CARDS.decline);
    await checkout.pay();
    await expect(checkout.alert).toContainText(/declined/i);
    expect(await ordersOf(checkout.sessionId)).toEqual([]);
    const number = cardFrame(page).getByLabel('Card number');
    await number.fill('');
    await number.pressSequentially(STRIPE_CARDS.success.replace(/\s/g, ''));
    await checkout.pay();
    await confirmation.waitForOrder();
    const intents = await intentsOf(checkout.sessionId);
    // The declined attempt's PaymentIntent is canceled when the session reopens (a stale payment can
    // never succeed later for an amount the session no longer has: docs/security.md, "Amounts").
    expect(intents.map((pi) => pi.status).sort()).toEqual(['canceled', 'succeeded']);
    expect(await ordersOf(checkout.sessionId)).toHaveLength(1);
  });
});

test('a tab closed during the challenge still ends as a paid order, through Stripe’s webhook', async ({ page, productList, cart, checkout }) => {
  await openCheckoutWithCart(productList, cart, checkout);
  await readyToPay(checkout, STRIPE_CARDS.threeDSecure);
  await checkout.pay();
  await expect(page.frameLocator('iframe[title="3D Secure authentication"]').getByRole('button', { name: 'Complete authentication' })).toBeVisible();
  const sessionId = checkout.sessionId;
  await page.close();
  // The shopper approved on the bank's side (say, in the banking app) after the tab was gone.
  const [intent] = await intentsOf(sessionId);
  expect(intent?.status).toBe('requires_action');
  await fetch(`${stripeFakeUrl()}/_fake/3ds/${intent!.id}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=approve' });
  await expect.poll(async () => (await ordersOf(sessionId)).map((o) => o.paymentReference), { timeout: 15_000 }).toEqual([intent!.id]);
});

test('a return from the bank’s redirect restores the checkout, completes it and cleans the address', async ({ page, productList, cart, checkout, confirmation }) => {
  const completedAt: string[] = [];
  await page.exposeFunction('reportComplete', (href: string) => completedAt.push(href));
  await page.addInitScript(() => document.addEventListener('omni-complete', () => (window as unknown as { reportComplete(h: string): void }).reportComplete(location.href)));
  await openCheckoutWithCart(productList, cart, checkout);
  await readyToPay(checkout, STRIPE_CARDS.threeDSecure);
  await checkout.pay();
  await expect(page.frameLocator('iframe[title="3D Secure authentication"]').getByRole('button', { name: 'Complete authentication' })).toBeVisible();
  const [intent] = await intentsOf(checkout.sessionId);
  await fetch(`${stripeFakeUrl()}/_fake/3ds/${intent!.id}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=approve' });
  // The bank sends the shopper back to the checkout page with Stripe's parameters.
  const back = new URLSearchParams({ payment_intent: intent!.id, payment_intent_client_secret: intent!.client_secret, redirect_status: 'succeeded' });
  await page.goto(`/checkout?${back}`);
  const orderId = await confirmation.waitForOrder();
  expect(completedAt).toEqual([`${stripeShopUrl}/checkout`]);
  expect(await ordersOf(checkout.sessionId)).toMatchObject([{ id: orderId }]);
});

test.describe('express wallets', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      window.__omniFakeWallets = { applePay: false, googlePay: true, link: false };
      window.__omniFakeWalletSheet = {
        email: 'wallet.shopper@example.com',
        address: { country: 'DE', city: 'Berlin', postal_code: '10117', line1: 'Unter den Linden 1' },
        shippingRateId: 'express',
      };
      const reasons: string[][] = [];
      (window as unknown as { __reasons: string[][] }).__reasons = reasons;
      document.addEventListener('omni-wallet-unavailable', (event) => {
        const { wallet, reason } = event as Event & { wallet: string; reason: string };
        reasons.push([wallet, reason]);
      });
    });
  });

  test('shows Google Pay, says why Apple Pay and Link are not offered, and pays with the backend’s repriced shipping', async ({
    page,
    productList,
    cart,
    checkout,
    confirmation,
  }) => {
    await openCheckoutWithCart(productList, cart, checkout);
    // The buttons are slotted into the group (light DOM, where wallet iframes can mount).
    await expect(page.getByRole('group', { name: 'Express checkout' })).toBeVisible();
    const googlePay = page.getByRole('button', { name: 'Pay with Google Pay' });
    await expect(googlePay).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __reasons: string[][] }).__reasons)).toEqual([
      ['apple_pay', 'unsupported_browser'],
      ['link', 'not_enabled'],
    ]);
    await googlePay.click();
    await confirmation.waitForOrder();
    // (Had the click not been resolved synchronously, the double would have logged a console error and failed the test.)
    const [order] = await ordersOf(checkout.sessionId);
    expect(order).toMatchObject({ amount: SUBTOTAL + EXPRESS_SHIPPING, provider: 'stripe', contact: { email: 'wallet.shopper@example.com' }, shippingOption: { id: 'express' } });
    expect(order!.lineItems).toHaveLength(CART.length);
    await expect(confirmation.totalPaid).toHaveText(euros(SUBTOTAL + EXPRESS_SHIPPING));
  });
});


test('a returning shopper paying with the saved card in one click makes no request to js.stripe.com (issue 4 §9)', async ({
  page,
  browser,
  productList,
  cart,
  checkout,
  confirmation,
}) => {
  test.setTimeout(150_000);
  const email = `stripe-return-${Date.now().toString(36)}@example.com`;

  // 1. A guest pays by card on the Stripe shop and asks to be remembered: the card is saved on
  //    the shopper's Stripe customer (setup_future_usage, with consent).
  await openCheckoutWithCart(productList, cart, checkout);
  await checkout.fillGuestDetails({ ...GUEST, email });
  await checkout.chooseShipping(/Standard delivery/);
  await fillCard(page, STRIPE_CARDS.success);
  // By keyboard: Stripe's frame may still be settling its height, which would move a click's target.
  const save = page.getByRole('checkbox', { name: 'Save my details for one-click checkout' });
  await save.focus();
  await save.press('Space');
  await expect(save).toBeChecked();
  await checkout.pay();
  await confirmation.waitForOrder();

  // 2. A new device: sign in with the emailed code, then save a passkey (this device is remembered).
  const deviceContext = await browser.newContext({ baseURL: stripeShopUrl });
  const device = await freshDevice(deviceContext);
  await useStripeDoubles(device);
  const authenticator = await virtualAuthenticator(device);
  const onDevice = { productList: new ProductListPage(device), cart: new CartPage(device), checkout: new CheckoutPage(device) };
  await openCheckoutWithCart(onDevice.productList, onDevice.cart, onDevice.checkout);
  const before = await lastMessageId(device);
  await onDevice.checkout.email.pressSequentially(email);
  await onDevice.checkout.email.press('Enter');
  await device.getByLabel('Verification code').pressSequentially(await codeFor(device, email, before));
  await expect(device.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked();
  await device.getByRole('button', { name: 'Save a passkey for one-click checkout' }).click();
  await expect(device.getByText('Passkey saved. Next time you can pay in one click.')).toBeVisible();
  const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator.authenticatorId });
  expect(credentials).toHaveLength(1);

  // 3. The returning shopper on that device (its page holds the virtual authenticator), every
  //    request watched from the next navigation on, frames included.
  const returning = device;
  const requests: string[] = [];
  returning.on('request', (request) => requests.push(request.url()));
  const shopper = { cart: new CartPage(returning), checkout: new CheckoutPage(returning), confirmation: new ConfirmationPage(returning) };
  await shopper.cart.goto();
  await expect(shopper.cart.lines).toHaveCount(CART.length);
  const started = returning.waitForResponse((r) => r.url().endsWith('/api/checkout'));
  await shopper.cart.proceedToCheckout();
  shopper.checkout.start = await (await started).json();
  const flow = new Interactions('returning shopper, saved Stripe card, remembered device');
  const oneClick = returning.getByRole('button', { name: `Pay ${euros(TOTAL)} with •••• 4242, deliver to Home` });
  await expect(oneClick).toBeVisible({ timeout: 20_000 });
  await flow.click(oneClick);
  const orderId = await shopper.confirmation.waitForOrder();
  flow.report();
  expect(flow.clicks).toBe(1);
  expect(flow.keystrokes).toBe(0);

  const orders = await ordersOf(shopper.checkout.sessionId);
  expect(orders).toMatchObject([{ id: orderId, provider: 'stripe', amount: TOTAL, paymentReference: expect.stringMatching(/^pi_/) }]);
  const intents = await intentsOf(shopper.checkout.sessionId);
  expect(intents).toMatchObject([{ id: orders[0]!.paymentReference, status: 'succeeded', amount: TOTAL }]);
  const stripeJs = requests.filter((url) => new URL(url).hostname === 'js.stripe.com');
  console.log(`[stripe] returning shopper: ${requests.length} requests from page load to paid order, ${stripeJs.length} to js.stripe.com`);
  expect(stripeJs).toEqual([]);
  expect(requests.filter((url) => /stripe\.com/.test(new URL(url).hostname))).toEqual([]);
  // The page did load and pay: it asked the backend (guards against a vacuous request list).
  expect(requests.some((url) => url.startsWith(`${apiBase}/v1/client/`))).toBe(true);
  await deviceContext.close();
});
