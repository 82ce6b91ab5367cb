/**
 * Pay by link for a recognised shopper (docs/omnichannel.md, identity network): a shopper who paid
 * at the shop with "save my details" opens a link on a new phone, on the backend's hosted pay
 * page: email, the one-time code from the dev mailbox, and the address and saved card are filled
 * in; one click pays. They save a passkey there (Chromium's virtual authenticator); the next link
 * on that phone (a remembered device) pays with one click and no keystroke.
 */
import { request } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { CARDS, openCheckoutWithCart } from '../fixtures/flows.js';
import { apiBase, merchant } from '../fixtures/env.js';
import { Interactions, codeFor, freshDevice, lastMessageId, virtualAuthenticator } from '../fixtures/shopper.js';
import { CartPage } from '../models/cart-page.js';
import { CheckoutPage, GUEST } from '../models/checkout-page.js';
import { ConfirmationPage } from '../models/confirmation-page.js';
import { ProductListPage } from '../models/product-list-page.js';

test('a recognised shopper pays a link in one click: code on a new phone, then a remembered phone with a passkey', async ({ page, browser, backend }) => {
  test.setTimeout(150_000);
  const email = `link-network-${Date.now().toString(36)}@example.com`;
  const api = await request.newContext({ baseURL: apiBase, extraHTTPHeaders: { authorization: `Bearer ${merchant.secretKey}` } });
  const newLink = async (description: string, amount: number) => {
    const created = await api.post('/v1/payment_links', { data: { amount, description, currency: 'EUR', country: 'DE', channel: 'email' } });
    expect(created.status()).toBe(201);
    return (await created.json()) as { id: string; url: string };
  };

  await test.step('the shopper paid at the shop before, saving their details', async () => {
    const checkout = new CheckoutPage(page);
    await openCheckoutWithCart(new ProductListPage(page), new CartPage(page), checkout);
    await checkout.fillGuestDetails({ ...GUEST, email });
    await checkout.chooseShipping(/Standard delivery/);
    await checkout.cardNumber.fill(CARDS.success);
    await checkout.expiry.fill('12 / 34');
    await checkout.securityCode.fill('123');
    await page.getByRole('checkbox', { name: 'Save my details for one-click checkout' }).check();
    await checkout.payButton.click();
    await new ConfirmationPage(page).waitForOrder();
  });

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
  const phone = await freshDevice(context);
  const authenticator = await virtualAuthenticator(phone);
  const checkout = new CheckoutPage(phone);
  const thanks = phone.getByRole('heading', { name: 'Thank you, your payment is complete.' });
  const paidOrder = async () => backend.order((await phone.locator('#omni-link-order').textContent())!);

  await test.step('a new phone: email, the code, everything filled in, one click pays', async () => {
    const link = await newLink('Invoice 2026-201', 3600);
    await phone.goto(link.url);
    await expect(checkout.email).toBeVisible({ timeout: 20_000 });
    const before = await lastMessageId(phone);
    const flow = new Interactions('pay by link: recognised shopper, new phone (code)');
    await flow.type(checkout.email, email, true);
    const code = phone.getByLabel('Verification code');
    await expect(code).toBeFocused();
    await flow.type(code, await codeFor(phone, email, before));
    await expect(phone.getByText(`Signed in as ${email}`)).toBeVisible();
    // Prefilled from the profile saved at the shop: the address and the saved card.
    await expect(checkout.fullName).toHaveValue(GUEST.name);
    await expect(checkout.city).toHaveValue(GUEST.city);
    await expect(phone.getByRole('radio', { name: /Visa ending in 4242/ })).toBeChecked();
    // A passkey for next time, on this phone (not counted: it is not part of paying).
    await phone.getByRole('button', { name: 'Save a passkey for one-click checkout' }).click();
    await expect(phone.getByText('Passkey saved. Next time you can pay in one click.')).toBeVisible();
    const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator.authenticatorId });
    expect(credentials).toHaveLength(1);
    await expect(checkout.payButton).toHaveAccessibleName(/^Pay €36\.00 with •••• 4242, deliver to Home$/);
    await flow.click(checkout.payButton);
    await expect(thanks).toBeVisible({ timeout: 20_000 });
    flow.report(` (of which ${email.length + 1} for the email and Enter, 6 for the code)`);
    expect(flow.clicks).toBe(1);
    expect(flow.keystrokes).toBe(email.length + 1 + 6);
    const order = await paidOrder();
    expect(order).toMatchObject({ amount: 3600, contact: { email }, shippingAddress: { city: GUEST.city, line1: GUEST.line1 } });
    expect((await backend.session(order.sessionId)).channel).toBe('link');
  });

  await test.step('the same phone, another link: recognised, one click, no keystroke', async () => {
    const link = await newLink('Invoice 2026-202', 1900);
    await phone.goto(link.url);
    const flow = new Interactions('pay by link: recognised shopper, remembered phone (passkey)');
    const oneClick = phone.getByRole('button', { name: 'Pay €19.00 with •••• 4242, deliver to Home' });
    await expect(oneClick).toBeVisible({ timeout: 20_000 });
    await expect(phone.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
    await flow.click(oneClick);
    await expect(thanks).toBeVisible({ timeout: 20_000 });
    flow.report();
    expect(flow.clicks).toBe(1);
    expect(flow.keystrokes).toBe(0);
    const order = await paidOrder();
    expect(order).toMatchObject({ amount: 1900, contact: { email }, shippingAddress: { city: GUEST.city } });
    expect(await (await api.get(`/v1/payment_links/${link.id}`)).json()).toMatchObject({ state: 'paid', paid: 1 });
  });

  await context.close();
  await api.dispose();
});
