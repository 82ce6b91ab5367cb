/**
 * After the purchase, in the demo shop (mock provider; Polish and Arabic markets): pay → the merchant
 * adds a shipment through the API → the confirmation and "shipped" emails arrive in the dev mailbox
 * in the shopper's language with a status link → the link opens the shop's status page, which shows the tracking →
 * the shopper returns one item there → the merchant approves → the status shows it refunded, and
 * each email arrived once. Then the same path with the refund through the Stripe fake (the Stripe
 * shop) and through the PayPal fake.
 */
import type { Page } from '@playwright/test';
import handoffAr from '../../packages/elements/src/i18n/handoff/ar.js';
import handoffPl from '../../packages/elements/src/i18n/handoff/pl.js';
import mockAr from '../../packages/mock/src/client/i18n/ar.js';
import mockPl from '../../packages/mock/src/client/i18n/pl.js';
import orderAr from '../../packages/core/src/order-text/ar.js';
import orderPl from '../../packages/core/src/order-text/pl.js';
import { test, expect } from '../fixtures/test.js';
import { apiBase, merchant, shopUrl, stripeMerchant, stripeShopUrl } from '../fixtures/env.js';
import { demoMarket, openMarketCheckout } from '../fixtures/markets.js';
import { openCheckoutWithCart } from '../fixtures/flows.js';
import { GUEST } from '../models/checkout-page.js';
import { STRIPE_CARDS, useStripeDoubles } from '../fakes/stripe.js';
import orderEn from '../../packages/core/src/order-text/en.js';

interface Caught {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

const MARKETS = [
  {
    ...demoMarket('pl-PL'),
    payOnPhone: handoffPl.payOnPhone,
    card: mockPl,
    order: orderPl,
    reason: 'Za mocno palona',
  },
  {
    ...demoMarket('ar-SA'),
    payOnPhone: handoffAr.payOnPhone,
    card: mockAr,
    order: orderAr,
    reason: 'التحميص قوي جدًا',
  },
] as const;

for (const m of MARKETS) {
test(`${m.market}: pays, follows the parcel from the emailed link, returns one item and sees it refunded`, async ({ page, context }) => {
  test.setTimeout(120_000);
  const merchantApi = (path: string, data: unknown) =>
    page.request.post(`${apiBase}${path}`, { headers: { authorization: `Bearer ${merchant.secretKey}` }, data });
  expect((await merchantApi('/v1/order-settings', { statusPageUrl: `${shopUrl}/order-status` })).status()).toBe(200);

  const mailOf = (sessionId: string) => `${m.market}-${sessionId.slice(-8)}@example.com`;
  const sessionId = await openMarketCheckout(page, context, m, undefined, mailOf);
  const email = mailOf(sessionId);
  await page.getByLabel(m.card.cardNumber, { exact: true }).pressSequentially('4242424242424242');
  await page.getByLabel(m.card.expiry, { exact: true }).pressSequentially('1234');
  await page.getByLabel(m.card.cvc, { exact: true }).pressSequentially('123');
  // The pay button, not the "Pay on your phone" button that follows it.
  await page.getByRole('button', { name: new RegExp(`^(?!${m.payOnPhone})${m.t.pay('').trim()}`) }).click();
  await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
  const orders = await page.request.get(`${apiBase}/v1/orders?sessionId=${sessionId}`, { headers: { authorization: `Bearer ${merchant.secretKey}` } });
  const orderId = ((await orders.json()) as { data: { id: string }[] }).data[0]!.id;

  // The shop ships the parcel through the API.
  const shipped = await merchantApi(`/v1/orders/${orderId}/shipments`, {
    carrier: 'InPost',
    trackingNumber: '620000000000000000000042',
    trackingUrl: 'https://inpost.example/track/620000000000000000000042',
  });
  expect(shipped.status()).toBe(200);

  const mine = async () => ((await (await page.request.get(`${apiBase}/dev/mailbox.json`)).json()) as { data: Caught[] }).data.filter((m) => m.to === email);
  await expect.poll(async () => (await mine()).map((m) => m.subject).sort(), { timeout: 15_000 }).toEqual(
    [m.order.mail.subjects.confirmed(merchant.name, orderId), m.order.mail.subjects.shipped(merchant.name, orderId)].sort(),
  );
  const shippedMail = (await mine()).find((mail) => mail.subject === m.order.mail.subjects.shipped(merchant.name, orderId))!;
  expect(shippedMail.text).toContain(`InPost · ${m.order.trackingNumber}: 620000000000000000000042`);
  const link = new RegExp(`${m.order.mail.viewOrder}: (\\S+)`).exec(shippedMail.text)![1]!;
  expect(link.startsWith(`${shopUrl}/order-status#order-status=ost_${orderId}.`)).toBe(true);

  // The link opens the status page with the tracking.
  await page.goto(link);
  const status = page.locator('omni-order-status');
  await expect(status.getByRole('heading', { name: m.order.title })).toBeVisible();
  await expect(status.locator('[part~="state"]')).toHaveText(m.order.states.shipped);
  await expect(status.getByRole('link', { name: m.order.track('\u2068InPost\u2069') })).toHaveAttribute('href', 'https://inpost.example/track/620000000000000000000042');

  // Delivered; the shopper returns the item.
  expect((await merchantApi(`/v1/orders/${orderId}/delivery-events`, { type: 'delivered' })).status()).toBe(200);
  await page.reload();
  await expect(status.locator('[part~="state"]')).toHaveText(m.order.states.delivered);
  await status.getByRole('spinbutton').first().fill('1');
  await status.getByRole('textbox', { name: m.order.returnReason }).fill(m.reason);
  await status.getByRole('button', { name: m.order.sendReturn }).click();
  await expect(status.getByRole('status')).toHaveText(m.order.returnSent);
  await expect(status.locator('[part~="state"]')).toHaveText(m.order.states.return_requested);

  // The shop approves it: refunded through the provider.
  const view = (await (await page.request.get(`${apiBase}/v1/orders/${orderId}/status`, { headers: { authorization: `Bearer ${merchant.secretKey}` } })).json()) as {
    returns: { id: string; amount: number }[];
  };
  const approved = await merchantApi(`/v1/returns/${view.returns[0]!.id}/approve`, { instructions: 'InPost' });
  expect(((await approved.json()) as { status: string }).status).toBe('refunded');
  await page.reload();
  await expect(status.locator('[part~="state"]')).toHaveText(m.order.states.partially_refunded);
  await expect(status.locator('progress')).toBeVisible();

  // Each email once: confirmation, shipped, delivered, return received, refunded.
  await expect.poll(async () => (await mine()).length, { timeout: 15_000 }).toBe(5);
  const subjects = (await mine()).map((m) => m.subject);
  expect(new Set(subjects).size).toBe(5);
  expect(subjects).toContain(m.order.mail.subjects.refunded(merchant.name, orderId));
});
}

/**
 * After paying through a provider: shipment and delivery through the API, the emailed link opens the
 * status page with the tracking, a one-item return there, the merchant approves, the provider refunds.
 * Answers the approved return's refund.
 */
async function returnRefunded(page: Page, secretKey: string, shop: string, orderId: string, email: string) {
  const auth = { authorization: `Bearer ${secretKey}` };
  const merchantApi = (path: string, data: unknown) => page.request.post(`${apiBase}${path}`, { headers: auth, data });
  expect((await merchantApi(`/v1/orders/${orderId}/shipments`, { carrier: 'DHL', trackingNumber: 'JJD0001', trackingUrl: 'https://dhl.example/JJD0001' })).status()).toBe(200);
  expect((await merchantApi(`/v1/orders/${orderId}/delivery-events`, { type: 'delivered' })).status()).toBe(200);
  const mine = async () => ((await (await page.request.get(`${apiBase}/dev/mailbox.json`)).json()) as { data: Caught[] }).data.filter((m) => m.to === email);
  await expect.poll(async () => (await mine()).length, { timeout: 15_000 }).toBe(3);
  const mails = await mine();
  const shippedMail = mails.find((mail) => mail.subject === orderEn.mail.subjects.shipped(shopName(mails), orderId))!;
  const link = /See your order: (\S+)/.exec(shippedMail.text)![1]!;
  expect(link.startsWith(`${shop}/order-status#order-status=`)).toBe(true);

  await page.goto(link);
  const status = page.locator('omni-order-status');
  await expect(status.getByRole('link', { name: 'Track the parcel with \u2068DHL\u2069' })).toHaveAttribute('href', 'https://dhl.example/JJD0001');
  await status.getByRole('spinbutton').first().fill('1');
  await status.getByRole('textbox', { name: orderEn.returnReason }).fill('Too strong');
  await status.getByRole('button', { name: orderEn.sendReturn }).click();
  await expect(status.locator('[part~="state"]')).toHaveText(orderEn.states.return_requested);

  const view = (await (await page.request.get(`${apiBase}/v1/orders/${orderId}/status`, { headers: auth })).json()) as { returns: { id: string; amount: number }[] };
  const approved = (await (await merchantApi(`/v1/returns/${view.returns[0]!.id}/approve`, {})).json()) as {
    status: string;
    refund: { status: string; amount: number; providerReference: string };
  };
  expect(approved).toMatchObject({ status: 'refunded', refund: { status: 'succeeded', amount: view.returns[0]!.amount } });
  await page.reload();
  await expect(status.locator('[part~="state"]')).toHaveText(orderEn.states.partially_refunded);
  await expect(status.locator('progress')).toBeVisible();

  // Confirmation, shipped, delivered, return received, refunded: each once.
  await expect.poll(async () => (await mine()).length, { timeout: 15_000 }).toBe(5);
  expect(new Set((await mine()).map((m) => m.subject)).size).toBe(5);
  return approved.refund;
}

test.describe('through the Stripe fake', () => {
  test.use({ baseURL: stripeShopUrl });

  test('a returned item is refunded at Stripe, shown on the status page, each email once', async ({ page, productList, cart, checkout, confirmation }) => {
    test.setTimeout(120_000);
    await useStripeDoubles(page);
    await page.request.post(`${apiBase}/v1/order-settings`, { headers: { authorization: `Bearer ${stripeMerchant.secretKey}` }, data: { statusPageUrl: `${stripeShopUrl}/order-status` } });
    await openCheckoutWithCart(productList, cart, checkout);
    const email = `stripe-${checkout.sessionId.slice(-8)}@example.com`;
    await checkout.fillGuestDetails({ ...GUEST, email });
    await checkout.chooseShipping(/Standard delivery/);
    const frame = page.frameLocator('iframe[title="Secure payment input frame"]');
    // Germany lists Klarna before cards: the card tab of the Payment Element first.
    await frame.getByRole('tab', { name: 'Card', exact: true }).click();
    await frame.getByLabel('Card number').pressSequentially(STRIPE_CARDS.mastercard.replace(/\s/g, ''));
    await frame.getByLabel('Expiration date (MM / YY)').fill('1234');
    await frame.getByLabel('Security code').fill('123');
    await checkout.pay();
    const orderId = await confirmation.waitForOrder();
    const refund = await returnRefunded(page, stripeMerchant.secretKey, stripeShopUrl, orderId, email);
    // A Stripe refund id: the refund went through the Stripe fake.
    expect(refund.providerReference).toMatch(/^re_/);
  });
});

test.describe('through the PayPal fake', () => {
  test('a returned item is refunded from the PayPal capture, shown on the status page, each email once', async ({ page, productList, cart, checkout, confirmation }) => {
    test.setTimeout(120_000);
    await page.request.post(`${apiBase}/v1/order-settings`, { headers: { authorization: `Bearer ${merchant.secretKey}` }, data: { statusPageUrl: `${shopUrl}/order-status` } });
    await openCheckoutWithCart(productList, cart, checkout);
    const email = `paypal-${checkout.sessionId.slice(-8)}@example.com`;
    await checkout.choosePaymentMethod('PayPal');
    await checkout.fillGuestDetails({ ...GUEST, email });
    await checkout.chooseShipping(/Standard delivery/);
    await checkout.paypalButton('PayPal').click();
    await checkout.approveInPayPal();
    const orderId = await confirmation.waitForOrder();
    const refund = await returnRefunded(page, merchant.secretKey, shopUrl, orderId, email);
    // A PayPal refund id (17 characters, as PayPal's): the refund went through the PayPal fake.
    expect(refund.providerReference).toMatch(/^[A-Z0-9]{17}$/);
  });
});

/** The shop's name, as its confirmation email says it. */
function shopName(mails: readonly Caught[]): string {
  const confirmed = mails.find((m) => m.subject.startsWith('Your order at ') && m.subject.includes(' is confirmed ('))!;
  return confirmed.subject.slice('Your order at '.length, confirmed.subject.indexOf(' is confirmed ('));
}
