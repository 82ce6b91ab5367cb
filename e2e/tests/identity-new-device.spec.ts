/**
 * The identity network on a new device, in Chromium through the demo:
 *
 *   1. a guest saves their details with a mobile number;
 *   2. a fresh browser profile where Chromium's autofill fills the email (value set on the light-DOM
 *      input plus input/change events: one interaction, no keystroke); autofill sends nothing (a code
 *      goes out only when the shopper asks), so the shopper presses "Saved your details with us?
 *      Send me a code", types the 6-digit code (it submits itself), and one click pays: ≤ 4
 *      interactions and ≤ 6 keystrokes (3 before codes went out only on request);
 *   3. another fresh profile signs in with the mobile number instead: the code goes by SMS through
 *      the backend's Twilio-compatible adapter to the dev mailbox's loopback Twilio fake, where the
 *      shopper reads it (the dev mailbox page lists the text).
 */
import { type Page } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { Interactions, codeFor, freshDevice, lastMessageId, smsCodeFor } from '../fixtures/shopper.js';
import { CARDS, TOTAL, euros, openCheckoutWithCart } from '../fixtures/flows.js';
import { apiBase, shopUrl } from '../fixtures/env.js';
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

test('new device within budget (autofilled email, code, pay) and sign-in by mobile number with the code by SMS', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const run = Date.now().toString(36);
  const email = `newdevice-${run}@example.com`;
  // A German mobile number of this run: +49 151 and eight digits.
  const national = `151${String(Date.now() % 100_000_000).padStart(8, '0')}`;
  const phone = `+49${national}`;
  const payLabel = `Pay ${euros(TOTAL)} with •••• 4242, deliver to Home`;

  await test.step('a guest saves their details with a mobile number', async () => {
    const { productList, cart, checkout, confirmation } = models(page);
    await openCheckoutWithCart(productList, cart, checkout);
    await checkout.fillGuestDetails({ ...GUEST, email });
    await page.getByLabel('Phone (optional)').fill(`+49 ${national}`);
    await checkout.chooseShipping(/Standard delivery/);
    await checkout.cardNumber.fill(CARDS.success);
    await checkout.expiry.fill('12 / 34');
    await checkout.securityCode.fill('123');
    await page.getByRole('checkbox', { name: 'Save my details for one-click checkout' }).check();
    await checkout.payButton.click();
    await confirmation.waitForOrder();
  });

  await test.step('new device: the email by browser autofill, "Send me a code", the code, one click: ≤ 4 interactions, ≤ 6 keystrokes', async () => {
    const context = await browser.newContext({ baseURL: shopUrl });
    const device = await freshDevice(context);
    const { productList, cart, checkout, confirmation } = models(device);
    await openCheckoutWithCart(productList, cart, checkout);
    const before = await lastMessageId(device);
    const flow = new Interactions('recognised shopper, new device, email by browser autofill');
    await flow.autofill(checkout.email, email);
    // Autofill sends no code and shows no code field (a guest's autofill would be answered alike).
    const code = device.getByLabel('Verification code');
    await expect(code).toHaveCount(0);
    await flow.click(device.getByRole('button', { name: 'Saved your details with us? Send me a code' }));
    await expect(code).toBeFocused();
    await flow.type(code, await codeFor(device, email, before));
    // The sixth digit submits the code: nothing else to press.
    await expect(device.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(checkout.fullName).toHaveValue(GUEST.name);
    await expect(checkout.payButton).toHaveAccessibleName(payLabel);
    await flow.click(checkout.payButton);
    await confirmation.waitForOrder();
    flow.report(' (1 autofill pick, 1 click on "Send me a code", 6 digits, 1 click on pay)');
    // docs/performance.md's budget is 3 interactions; not met here (4) since codes go out only on the
    // shopper's request. 4 is the measured figure, held as a ceiling so the flow cannot grow.
    expect(flow.steps).toBeLessThanOrEqual(4);
    expect(flow.keystrokes).toBeLessThanOrEqual(6);
    expect(flow.clicks).toBe(2);
    await context.close();
  });

  await test.step('new device: mobile number instead of email, the code by SMS from the dev mailbox', async () => {
    const context = await browser.newContext({ baseURL: shopUrl });
    const device = await freshDevice(context);
    const { productList, cart, checkout, confirmation } = models(device);
    await openCheckoutWithCart(productList, cart, checkout);
    const before = await lastMessageId(device);
    const flow = new Interactions('recognised shopper, new device, mobile number and SMS code');
    await flow.click(device.getByRole('button', { name: 'Use a mobile number instead' }));
    const mobile = device.getByLabel('Mobile number');
    await expect(mobile).toBeFocused();
    await expect(mobile).toHaveAttribute('autocomplete', 'tel');
    await flow.type(mobile, phone, true);
    const code = device.getByLabel('Verification code');
    await expect(code).toBeFocused();
    await expect(code).toHaveAccessibleDescription(`If you saved your details with us, we sent a 6-digit code to ••• ••${phone.slice(-2)}.`);
    await flow.type(code, await smsCodeFor(device, phone, before));
    await expect(device.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(checkout.email).toHaveValue(email);
    await expect(checkout.payButton).toHaveAccessibleName(payLabel);
    await flow.click(checkout.payButton);
    await confirmation.waitForOrder();
    flow.report(` (of which ${phone.length + 1} for the number and Enter, 6 for the code)`);
    expect(flow.clicks).toBe(2);
    // The dev mailbox page shows the text message, as a person would read it.
    await device.goto(`${apiBase}/dev/mailbox`);
    await expect(device.getByText(phone).first()).toBeVisible();
    await expect(device.getByText('SMS').first()).toBeVisible();
    await context.close();
  });
});
