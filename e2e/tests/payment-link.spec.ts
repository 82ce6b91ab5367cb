/**
 * Pay by link (docs/omnichannel.md): the merchant creates a link through the API; a guest opens it
 * on a phone (the backend's origin sends it to the shop's /pay page with a single-use token) and
 * pays; the link is then paid and opens a page saying so. One order, one email.
 */
import { request } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { CARDS } from '../fixtures/flows.js';
import { Interactions, freshDevice, mailbox } from '../fixtures/shopper.js';
import { apiBase, merchant, shopUrl } from '../fixtures/env.js';
import { CheckoutPage } from '../models/checkout-page.js';

test('a guest pays a single-use payment link on a phone; the link is then paid', async ({ page, browser, backend }) => {
  const api = await request.newContext({ baseURL: apiBase, extraHTTPHeaders: { authorization: `Bearer ${merchant.secretKey}` } });
  const created = await api.post('/v1/payment_links', {
    data: { amount: 4200, description: 'Invoice 2026-117', currency: 'EUR', country: 'DE', channel: 'email', checkoutUrl: `${shopUrl}/pay` },
  });
  expect(created.status()).toBe(201);
  const link = (await created.json()) as { id: string; url: string; state: string };
  expect(link).toMatchObject({ state: 'active', url: `${apiBase}/l/${link.id}` });

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, baseURL: shopUrl });
  const phone = await freshDevice(context);
  const hands = new Interactions('pay by link: a guest on a phone');
  await phone.goto(link.url);
  // On the shop's page, the token already gone from the address.
  await expect(phone).toHaveURL(`${shopUrl}/pay`);
  const checkout = new CheckoutPage(phone);
  await expect(checkout.email).toBeVisible({ timeout: 20_000 });
  await expect(phone.getByText('Invoice 2026-117')).toBeVisible();
  const email = `link-${link.id.slice(-8)}@example.com`;
  await hands.type(checkout.email, email);
  await hands.type(checkout.fullName, 'Ada Lovelace');
  await hands.type(checkout.addressLine1, 'Unter den Linden 1');
  await hands.type(checkout.city, 'Berlin');
  await hands.type(checkout.postalCode, '10117');
  await hands.type(checkout.cardNumber, CARDS.success);
  await hands.type(checkout.expiry, '1234');
  await hands.type(checkout.securityCode, '123');
  await hands.click(checkout.payButton);
  await expect(phone).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Thank you for your order');
  hands.report();

  const sessionId = new URL(phone.url()).searchParams.get('session')!;
  const orders = await backend.ordersForSession(sessionId);
  expect(orders.map((o) => o.amount)).toEqual([4200]);
  expect((await backend.session(sessionId)).channel).toBe('link');
  expect(await (await api.get(`/v1/payment_links/${link.id}`)).json()).toMatchObject({ state: 'paid', sessions: 1, paid: 1 });
  await expect.poll(async () => (await mailbox(page)).filter((m) => m.to === email).length, { timeout: 10_000 }).toBe(1);

  // Opened again: a page saying it is paid, in the phone's language.
  const again = await freshDevice(context);
  const response = await again.goto(link.url);
  expect(response!.status()).toBe(410);
  await expect(again.getByRole('heading', { level: 1 })).toHaveText('This payment link has already been paid.');
  await context.close();
  await api.dispose();
});
