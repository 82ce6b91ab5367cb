/**
 * Local methods paid end to end in the demo's Stripe shop (issue 18), through the Stripe.js double
 * and the loopback fake of Stripe's API, each along Stripe's documented flow: BLIK (the code typed
 * in the checkout, approved in the bank app), Przelewy24, iDEAL, Bancontact, Klarna and Alipay
 * (the bank's page and back), Swish and WeChat Pay (a QR code the checkout shows while it polls).
 * A refused or abandoned bank page brings the shopper back to the checkout with a clear message,
 * no order and nothing taken.
 */
import type {} from '../../packages/stripe/src/fake/stripe-js.js';
import { request as playwrightRequest, type BrowserContext, type FrameLocator, type Page } from '@playwright/test';
import type { Order } from '@omni-checkout/core/types';
import { test, expect } from '../fixtures/test.js';
import { apiBase, stripeFakeUrl, stripeMerchant, stripeShopUrl } from '../fixtures/env.js';
import { useStripeDoubles } from '../fakes/stripe.js';
import { openMarketCheckout, type MarketCase } from '../fixtures/markets.js';
import { payButton } from '../fixtures/pay.js';

test.use({ baseURL: stripeShopUrl });

const MARKETS = {
  PL: { market: 'pl-PL', city: 'Warszawa', postalCode: '00-001' },
  NL: { market: 'en-NL', city: 'Amsterdam', postalCode: '1012 LG' },
  BE: { market: 'en-BE', city: 'Brussel', postalCode: '1000' },
  SE: { market: 'en-SE', city: 'Stockholm', postalCode: '111 22' },
  CN: { market: 'en-CN', city: 'Beijing', postalCode: '100000' },
} as const satisfies Record<string, MarketCase>;

const frame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Secure payment input frame"]');

async function ordersOf(sessionId: string): Promise<Order[]> {
  const api = await playwrightRequest.newContext({ baseURL: apiBase, extraHTTPHeaders: { authorization: `Bearer ${stripeMerchant.secretKey}` } });
  const response = await api.get(`/v1/orders?sessionId=${encodeURIComponent(sessionId)}`);
  expect(response.ok()).toBe(true);
  const { data } = (await response.json()) as { data: Order[] };
  await api.dispose();
  return data;
}

async function intentsOf(sessionId: string): Promise<{ id: string; status: string; amount: number; amount_received: number; currency: string; payment_method: string | null }[]> {
  const state = (await (await fetch(`${stripeFakeUrl()}/_fake/state`)).json()) as {
    paymentIntents: { id: string; status: string; amount: number; amount_received: number; currency: string; payment_method: string | null; metadata: Record<string, string> }[];
  };
  return state.paymentIntents.filter((pi) => pi.metadata.omni_session === sessionId);
}

/** A cart in `where`'s market of the Stripe shop and its checkout, details filled; answers the session's id. */
const checkoutIn = (page: Page, context: BrowserContext, where: MarketCase) => openMarketCheckout(page, context, where, stripeShopUrl);

/** The method in the checkout's list (when it lists several) and in Stripe's Payment Element. */
async function choose(page: Page, label: string): Promise<void> {
  const listed = page.locator('omni-payment-methods').getByRole('radio', { name: label, exact: true });
  if (await listed.count()) await listed.check();
  await frame(page).getByRole('tab', { name: label, exact: true }).click();
}

/**
 * Pays once the form is complete (the Payment Element reported its tab complete), with the button
 * in view before the click, as a shopper sees it. A click that had to scroll the page first (the
 * form, rendered late after a bank's return, had pushed the button down) sometimes never reached
 * the page: a trace showed no pointer event in the document, the pointer last in Stripe's frame.
 */
async function pay(page: Page): Promise<void> {
  await expect(payButton(page)).toHaveAttribute('aria-disabled', 'false');
  await payButton(page).scrollIntoViewIfNeeded();
  await expect(payButton(page)).toBeInViewport();
  await payButton(page).click();
}

/** The checkout's own message (not a part's inside it). */
const checkoutAlert = (page: Page, text: string) => page.locator('omni-checkout').getByRole('alert').filter({ hasText: text });

async function expectPaid(page: Page, sessionId: string, currency: string, type: string): Promise<void> {
  await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
  const orders = await ordersOf(sessionId);
  expect(orders).toMatchObject([{ provider: 'stripe', currency, paymentReference: expect.stringMatching(/^pi_/) }]);
  const intents = await intentsOf(sessionId);
  // One intent took the money: the order's; an earlier refused attempt took nothing.
  const paid = intents.filter((pi) => pi.status === 'succeeded');
  expect(paid).toMatchObject([{ id: orders[0]!.paymentReference, currency: currency.toLowerCase() }]);
  expect(paid[0]!.amount_received).toBe(orders[0]!.amount);
  expect(intents.filter((pi) => pi !== paid[0]).map((pi) => pi.amount_received)).toEqual(intents.slice(1).map(() => 0));
  // Paid with the method chosen, not a card.
  const method = (await (await fetch(`${stripeFakeUrl()}/_fake/state`)).json()) as { paymentMethods?: { id: string; type: string }[] };
  expect(method.paymentMethods?.find((pm) => pm.id === paid[0]!.payment_method)?.type).toBe(type);
}

/** The shopper's phone: the bank app (BLIK) or the app that scanned the code, deciding the waiting payment. */
async function inTheApp(context: BrowserContext, sessionId: string, decision: 'Approve in the app' | 'Decline in the app'): Promise<void> {
  const waiting = (await intentsOf(sessionId)).find((pi) => pi.status === 'requires_action');
  expect(waiting, 'a payment waiting for the app').toBeDefined();
  const phone = await context.newPage();
  await phone.goto(`${stripeFakeUrl()}/_fake/pay/${waiting!.id}`);
  await phone.getByRole('button', { name: decision }).click();
  await expect(phone.getByRole('status')).toHaveText(decision === 'Approve in the app' ? 'Paid.' : 'Not paid.');
  await phone.close();
}

test.beforeEach(async ({ page }) => {
  await useStripeDoubles(page);
});

test('BLIK: the 6-digit code typed in the checkout, approved in the bank app, pays in złoty', async ({ page, context }) => {
  const sessionId = await checkoutIn(page, context, MARKETS.PL);
  await choose(page, 'BLIK');
  const code = page.getByLabel('Kod BLIK');
  await expect(code).toBeVisible();
  // Five digits are not a code: said at the field, nothing created at Stripe.
  await code.fill('77712');
  // From the keyboard, as a shopper who typed the code does.
  await payButton(page).press('Enter');
  await expect(page.getByText('Wpisz 6 cyfr kodu BLIK.')).toBeVisible();
  await expect(code).toBeFocused();
  expect(await intentsOf(sessionId)).toEqual([]);
  await code.fill('777 123');
  await payButton(page).press('Enter');
  // The checkout says where to confirm while the bank app asks the shopper.
  await expect(page.locator('omni-checkout [part~="local-wait"]')).toContainText('Potwierdź płatność w aplikacji banku.');
  await inTheApp(context, sessionId, 'Approve in the app');
  await expectPaid(page, sessionId, 'PLN', 'blik');
});

test.describe('BLIK refused', () => {
  test.use({ allowedConsoleErrors: [/status of 402/] });

  test('declined in the bank app: told in Polish, nothing taken, and a new code pays', async ({ page, context }) => {
    const sessionId = await checkoutIn(page, context, MARKETS.PL);
    await choose(page, 'BLIK');
    await page.getByLabel('Kod BLIK').fill('123456');
    await payButton(page).press('Enter');
    await expect(page.locator('omni-checkout [part~="local-wait"]')).toBeVisible();
    await inTheApp(context, sessionId, 'Decline in the app');
    await expect(checkoutAlert(page, 'Płatność nie powiodła się, więc nic nie pobrano. Wybierz sposób płatności i spróbuj ponownie.')).toBeVisible();
    expect(await ordersOf(sessionId)).toEqual([]);
    // A code works once: the field is empty for the next one.
    await expect(page.getByLabel('Kod BLIK')).toHaveValue('');
    await page.getByLabel('Kod BLIK').fill('654321');
    await payButton(page).press('Enter');
    await expect(page.locator('omni-checkout [part~="local-wait"]')).toBeVisible();
    await inTheApp(context, sessionId, 'Approve in the app');
    await expectPaid(page, sessionId, 'PLN', 'blik');
  });
});

const REDIRECTS = [
  { label: 'Przelewy24', type: 'p24', where: MARKETS.PL, currency: 'PLN', fill: async (page: Page) => frame(page).getByLabel('Email').fill('ada@example.com') },
  { label: 'iDEAL', type: 'ideal', where: MARKETS.NL, currency: 'EUR', fill: async () => {} },
  { label: 'Bancontact', type: 'bancontact', where: MARKETS.BE, currency: 'EUR', fill: async (page: Page) => frame(page).getByLabel('Full name').fill('Ada Lovelace') },
  { label: 'Klarna', type: 'klarna', where: MARKETS.NL, currency: 'EUR', fill: async (page: Page) => frame(page).getByLabel('Email').fill('ada@example.com') },
  { label: 'Alipay', type: 'alipay', where: MARKETS.CN, currency: 'CNY', fill: async () => {} },
];

for (const method of REDIRECTS) {
  test(`${method.label}: to the test payment page and back to a paid order`, async ({ page, context }) => {
    const sessionId = await checkoutIn(page, context, method.where);
    await choose(page, method.label);
    await method.fill(page);
    await pay(page);
    await expect(page).toHaveURL(new RegExp(`^${stripeFakeUrl()}/_fake/redirect/pi_`));
    await page.getByRole('button', { name: 'Authorize test payment' }).click();
    await expectPaid(page, sessionId, method.currency, method.type);
  });
}

test.describe('a bank page that does not pay', () => {
  test.use({ allowedConsoleErrors: [/status of 402/] });

  test('iDEAL refused at the bank: back in the checkout, told why, no order, nothing taken; then it pays', async ({ page, context }) => {
    const sessionId = await checkoutIn(page, context, MARKETS.NL);
    await choose(page, 'iDEAL');
    await pay(page);
    await page.getByRole('button', { name: 'Fail test payment' }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(checkoutAlert(page, 'The payment did not go through, so nothing was charged. Choose a way to pay and try again.')).toBeVisible();
    expect(await ordersOf(sessionId)).toEqual([]);
    // Nothing taken; the backend cancelled the refused intent so its secret can pay nothing any more.
    expect((await intentsOf(sessionId)).map((pi) => [pi.status, pi.amount_received])).toEqual([['canceled', 0]]);
    // Paid again from the same checkout, below the message.
    await payButton(page).scrollIntoViewIfNeeded();
    await choose(page, 'iDEAL');
    await pay(page);
    await page.getByRole('button', { name: 'Authorize test payment' }).click();
    await expectPaid(page, sessionId, 'EUR', 'ideal');
  });

  test('Bancontact abandoned on the bank page: back in the checkout, told nothing was charged, no order', async ({ page, context }) => {
    const sessionId = await checkoutIn(page, context, MARKETS.BE);
    await choose(page, 'Bancontact');
    await frame(page).getByLabel('Full name').fill('Ada Lovelace');
    await pay(page);
    await page.getByRole('button', { name: 'Back to the shop without paying' }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(checkoutAlert(page, 'The payment was not completed, so nothing was charged. Pay again when you are ready.')).toBeVisible();
    expect(await ordersOf(sessionId)).toEqual([]);
    expect((await intentsOf(sessionId)).every((pi) => pi.amount_received === 0 && pi.status !== 'succeeded')).toBe(true);
    // The checkout takes a new attempt.
    await payButton(page).scrollIntoViewIfNeeded();
    await choose(page, 'Bancontact');
    await frame(page).getByLabel('Full name').fill('Ada Lovelace');
    await expect(payButton(page)).toHaveAttribute('aria-disabled', 'false');
  });
});

for (const method of [
  { label: 'Swish', type: 'swish', where: MARKETS.SE, currency: 'SEK' },
  { label: 'WeChat Pay', type: 'wechat_pay', where: MARKETS.CN, currency: 'CNY' },
]) {
  test(`${method.label}: the QR code in the checkout, scanned and approved on the phone, pays`, async ({ page, context }) => {
    const sessionId = await checkoutIn(page, context, method.where);
    await choose(page, method.label);
    await pay(page);
    const qr = page.getByRole('img', { name: `${method.label} QR code` });
    await expect(qr).toBeVisible();
    await expect(page.locator('omni-checkout [part~="local-wait"]')).toContainText(`Scan the code with ${method.label} on your phone`);
    // The phone that scanned it: the code's address, opened and approved there.
    await inTheApp(context, sessionId, 'Approve in the app');
    // The checkout was polling: it ends at the order without the shopper doing anything.
    await expectPaid(page, sessionId, method.currency, method.type);
  });
}
