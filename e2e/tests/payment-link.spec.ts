/**
 * Pay by link (docs/omnichannel.md): the merchant creates a link through the API; a guest opens it
 * on a phone and pays, on the backend's own hosted pay page (the default) or on the shop's /pay
 * page (a link with the merchant's own checkoutUrl); the link is then paid and opens a page saying
 * so. One order, one email. The hosted page and the link's states pass axe in LTR and RTL, under
 * the page's strict CSP.
 */
import AxeBuilder from '@axe-core/playwright';
import { request, type Page } from '@playwright/test';
import { test, expect } from '../fixtures/test.js';
import { CARDS } from '../fixtures/flows.js';
import { Interactions, freshDevice, mailbox } from '../fixtures/shopper.js';
import { apiBase, merchant, shopUrl } from '../fixtures/env.js';
import { CheckoutPage } from '../models/checkout-page.js';

test('a guest pays a single-use link to the shop’s own checkout page on a phone; the link is then paid', async ({ page, browser, backend }) => {
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

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  expect(summary, `axe violations on the ${label}`).toEqual([]);
  expect(results.passes.length, 'axe actually ran rules').toBeGreaterThan(10);
}

/** Every Content-Security-Policy report the page makes (none expected). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test('a guest pays a hosted link on a phone: the backend’s own page, the same checkout, its strict CSP; axe in LTR and RTL', async ({ browser, backend, page }) => {
  test.setTimeout(120_000);
  const api = await request.newContext({ baseURL: apiBase, extraHTTPHeaders: { authorization: `Bearer ${merchant.secretKey}` } });
  const created = await api.post('/v1/payment_links', {
    data: {
      lineItems: [{ id: 'beans', name: 'Ethiopia Yirgacheffe (250 g)', unitAmount: 1450, quantity: 2 }],
      currency: 'EUR',
      country: 'DE',
      channel: 'sms',
    },
  });
  expect(created.status()).toBe(201);
  const link = (await created.json()) as { id: string; url: string; checkoutUrl: string | null };
  expect(link.checkoutUrl).toBeNull();

  // Arabic first: the page reads right to left and passes axe before anything is typed.
  const arabic = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ar' });
  const arPhone = await freshDevice(arabic);
  const arCsp = cspViolations(arPhone);
  const arResponse = await arPhone.goto(link.url);
  expect(arResponse!.status()).toBe(200);
  await expect(arPhone.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(arPhone.getByRole('heading', { level: 1 })).toHaveText(`الدفع إلى ${merchant.name}`);
  await expect(arPhone.locator('omni-checkout')).toHaveAttribute('lang', 'ar');
  await expect(arPhone.getByText('Ethiopia Yirgacheffe (250 g)')).toBeVisible({ timeout: 20_000 });
  await expectNoAxeViolations(arPhone, 'hosted pay page (ar, RTL)');
  expect(arCsp).toEqual([]);
  await arabic.close();

  // English on another phone: pays as a guest.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
  const phone = await freshDevice(context);
  const csp = cspViolations(phone);
  const hands = new Interactions('pay by link: a guest on a phone, hosted page');
  const response = await phone.goto(link.url);
  expect(new URL(phone.url()).origin).toBe(apiBase);
  expect(response!.headers()['content-security-policy']).not.toContain('unsafe-inline');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(`Pay ${merchant.name}`);
  await expect(phone.getByText('Amount due: €29.00')).toBeVisible();
  const checkout = new CheckoutPage(phone);
  await expect(checkout.email).toBeVisible({ timeout: 20_000 });
  await expect(phone.getByText('Ethiopia Yirgacheffe (250 g)')).toBeVisible();
  await expectNoAxeViolations(phone, 'hosted pay page (en, LTR)');
  const email = `hosted-${link.id.slice(-8)}@example.com`;
  await hands.type(checkout.email, email);
  await hands.type(checkout.fullName, 'Ada Lovelace');
  await hands.type(checkout.addressLine1, 'Unter den Linden 1');
  await hands.type(checkout.city, 'Berlin');
  await hands.type(checkout.postalCode, '10117');
  await hands.type(checkout.cardNumber, CARDS.success);
  await hands.type(checkout.expiry, '1234');
  await hands.type(checkout.securityCode, '123');
  await hands.click(checkout.payButton);
  await expect(phone.getByRole('heading', { name: 'Thank you, your payment is complete.' })).toBeFocused({ timeout: 20_000 });
  hands.report();
  const orderId = (await phone.locator('#omni-link-order').textContent())!;
  const order = await backend.order(orderId);
  expect(order).toMatchObject({ amount: 2900, contact: { email } });
  expect((await backend.session(order.sessionId)).channel).toBe('link');
  expect(await (await api.get(`/v1/payment_links/${link.id}`)).json()).toMatchObject({ state: 'paid', sessions: 1, paid: 1 });
  await expect.poll(async () => (await mailbox(page)).filter((m) => m.to === email).length, { timeout: 10_000 }).toBe(1);
  expect(csp).toEqual([]);
  await context.close();

  // The link's states, each a page of its own that passes axe in LTR and RTL.
  const disabledLink = (await (await api.post('/v1/payment_links', { data: { amount: 500, currency: 'EUR', country: 'DE', channel: 'chat' } })).json()) as { id: string; url: string };
  await api.post(`/v1/payment_links/${disabledLink.id}/disable`, { data: {} });
  for (const [locale, dir, paid, disabled] of [
    ['en', 'ltr', 'This payment link has already been paid.', 'This payment link is no longer active.'],
    ['ar', 'rtl', 'تم دفع رابط الدفع هذا من قبل.', 'رابط الدفع هذا لم يعد نشطًا.'],
  ] as const) {
    const states = await browser.newContext({ locale });
    const device = await freshDevice(states);
    for (const [url, text, state] of [[link.url, paid, 'paid'], [disabledLink.url, disabled, 'disabled']] as const) {
      expect((await device.goto(url))!.status()).toBe(410);
      await expect(device.locator('html')).toHaveAttribute('dir', dir);
      await expect(device.getByRole('heading', { level: 1 })).toHaveText(text);
      await expectNoAxeViolations(device, `${state} link page (${locale})`);
    }
    await states.close();
  }
  await api.dispose();
});
