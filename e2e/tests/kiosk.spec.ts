/**
 * The in-store kiosk (examples/kiosk, served by the demo at /kiosk under the shop's strict CSP):
 * staff tap a cart together on a touch screen, the shopper pays on their own 390×844 phone — by
 * scanning the QR code, or through a link texted to them (the backend's outbox, read from the dev
 * SMS catcher) — and the kiosk shows the payment, then resets for the next shopper.
 */
import { devices, type Browser, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '../fixtures/test.js';
import { CARDS } from '../fixtures/flows.js';
import { freshDevice, mailbox } from '../fixtures/shopper.js';
import { shopUrl } from '../fixtures/env.js';
import { CheckoutPage } from '../models/checkout-page.js';

// A phone's browser (its user agent says so: the order records the device class `phone`).
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, userAgent: devices['Pixel 7'].userAgent };

/** No axe violations (WCAG 2.2 AA and best practices) on the kiosk as it is now. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) })), `axe on the ${label}`).toEqual([]);
  expect(results.passes.length, 'axe actually ran rules').toBeGreaterThan(10);
}

/**
 * Every control of the kiosk a finger uses (its own buttons, fields and "Pay on your phone") is at
 * least 64 px tall, and nothing scrolls sideways.
 */
async function expectTouchFriendly(page: Page): Promise<void> {
  const small = await page.evaluate(() => {
    const toggle = document.querySelector('omni-handoff')?.shadowRoot?.querySelector('[part~="toggle"]');
    const controls = [...document.querySelectorAll('main button, main input, header select'), ...(toggle ? [toggle] : [])];
    return controls
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => [el.textContent?.trim() || el.getAttribute('aria-label') || el.id, el.getBoundingClientRect().height] as const)
      .filter(([, height]) => height < 64);
  });
  expect(small, 'controls shorter than 64 px').toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** Staff tap two beans and a dripper into the cart (and take one bean out again). */
async function buildCart(page: Page): Promise<void> {
  await page.goto('/kiosk');
  await expect(page.getByRole('heading', { name: 'Tap a product to add it' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Checkout' })).toBeDisabled();
  const beans = page.getByRole('button', { name: /^Add Single-origin coffee beans/ });
  await beans.tap();
  await beans.tap();
  await beans.tap();
  await page.getByRole('button', { name: /^Add Ceramic pour-over dripper/ }).tap();
  await page.getByRole('button', { name: 'One Single-origin coffee beans, 250 g less' }).tap();
  await expect(page.getByLabel('Quantity of Single-origin coffee beans, 250 g')).toHaveText('2');
  // 2 × €12.50 + €24.00
  await expect(page.locator('[data-total]')).toHaveText('€49.00');
  await expectTouchFriendly(page);
  await expectAccessible(page, 'cart');
}

/** The shopper's phone pays the checkout it opened (same cart; the shipping choice is theirs). */
async function payOnPhone(phone: Page, email: string, paidVia: string): Promise<void> {
  await expect(phone).toHaveURL(`${shopUrl}/pay`);
  const checkout = new CheckoutPage(phone);
  await expect(checkout.email).toBeVisible({ timeout: 20_000 });
  await expect(phone.getByText('Single-origin coffee beans, 250 g').first()).toBeVisible();
  await checkout.email.fill(email);
  await checkout.fullName.fill('Ada Lovelace');
  await checkout.addressLine1.fill('Unter den Linden 1');
  await checkout.city.fill('Berlin');
  await checkout.postalCode.fill('10117');
  await checkout.cardNumber.pressSequentially(CARDS.success);
  await checkout.expiry.pressSequentially('1234');
  await checkout.securityCode.pressSequentially('123');
  await checkout.payButton.click();
  await expect(phone).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
  // The confirmation says how it was paid (the channel and the device class the order recorded).
  await expect(phone.locator('[data-paid-via]')).toHaveText(paidVia);
}

/** The kiosk says paid, then (by itself or on "Next shopper") is an empty cart again. */
async function expectPaidThenReset(page: Page, next: 'wait' | Locator, detail: RegExp): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Paid. Thank you!' })).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-paid-detail]')).toHaveText(detail);
  if (next === 'wait') await expect(page.getByText(/Ready for the next shopper in \d s\./)).toBeVisible();
  else await next.tap();
  await expect(page.getByRole('heading', { name: 'Tap a product to add it' })).toBeVisible({ timeout: 12_000 });
  await expect(page.getByText('The cart is empty.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Checkout' })).toBeDisabled();
}

async function phoneOf(browser: Browser): Promise<Page> {
  return freshDevice(await browser.newContext({ ...PHONE, baseURL: shopUrl }));
}

test.use({ hasTouch: true });

test('portrait kiosk (1080×1920): the shopper scans the QR code and pays on their phone; the kiosk shows it live and resets', async ({ page, browser, backend }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1080, height: 1920 });
  await buildCart(page);
  const started = page.waitForResponse((r) => r.url().endsWith('/api/kiosk/checkout'));
  await page.getByRole('button', { name: 'Checkout' }).tap();
  const { sessionId } = (await (await started).json()) as { sessionId: string };
  await expect(page.getByRole('heading', { name: 'Pay on your phone: €49.00 + delivery' })).toBeVisible();

  await page.getByRole('button', { name: 'Pay on your phone' }).tap();
  await expect(page.getByRole('img', { name: 'QR code of the link below' })).toBeVisible();
  const link = await page.getByLabel('Link for your phone').inputValue();
  expect(link).toMatch(new RegExp(`^${shopUrl}/pay#omni-handoff=[A-Za-z0-9_-]{22}$`));
  await expectTouchFriendly(page);
  await expectAccessible(page, 'QR code');

  const phone = await phoneOf(browser);
  await phone.goto(link);
  await expect(page.getByText('Opened on your phone. Finish paying there.')).toBeVisible();
  await payOnPhone(phone, `kiosk-qr-${sessionId.slice(-8)}@example.com`, 'Paid via: Handed to a phone (QR code) · Phone');
  await expectPaidThenReset(page, 'wait', /^Order [0-9A-Z]{5}-[0-9A-Z]{5} · €53\.90$/);

  // One order, for the kiosk's checkout: channel `kiosk`, paid by the handed-off phone.
  const orders = await backend.ordersForSession(sessionId);
  expect(orders.map((o) => o.amount)).toEqual([5390]);
  expect(orders[0]!.lineItems.map((item) => [item.id, item.quantity])).toEqual([
    ['beans', 2],
    ['dripper', 1],
  ]);
  expect(orders[0]).toMatchObject({ channel: 'handoff', device: 'phone' });
  const session = await backend.session(sessionId);
  expect(session.channel).toBe('kiosk');
  expect(session.paidVia).toEqual({ channel: 'handoff', device: 'phone' });
  await phone.context().close();
});

test('landscape kiosk (1280×800): staff text the shopper the link; the phone pays it; the kiosk shows it and is ready for the next shopper', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await buildCart(page);
  await page.getByRole('button', { name: 'Checkout' }).tap();
  await expect(page.getByRole('heading', { name: 'Pay on your phone: €49.00 + delivery' })).toBeVisible();

  // A number without its country code is refused on the kiosk, before anything is sent.
  const number = page.getByLabel('Mobile number');
  await number.fill('0151 2345678');
  await page.getByRole('button', { name: 'Send the link' }).tap();
  await expect(page.getByRole('status').filter({ hasText: 'Enter the mobile number with its country code' })).toBeVisible();

  const national = String(Date.now()).slice(-8);
  const phoneNumber = `+49151${national}`;
  await number.fill(`+49 151 ${national}`);
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/kiosk/text'));
  await page.getByRole('button', { name: 'Send the link' }).tap();
  expect((await sent).status()).toBe(202);
  await expect(page.getByRole('status').filter({ hasText: /^Link sent to .+\. Waiting for the payment…$/ })).toBeVisible();
  await expectTouchFriendly(page);

  // The text message, as the shopper's phone receives it (the dev SMS catcher).
  let text = '';
  await expect
    .poll(async () => {
      text = (await mailbox(page)).filter((m) => m.channel === 'sms' && m.to === phoneNumber).at(-1)?.text ?? '';
      return text;
    }, { timeout: 15_000 })
    .toMatch(/https?:\/\/\S+\/l\/plink_[0-9a-f]{24}/);
  const url = /(https?:\/\/\S+\/l\/plink_[0-9a-f]{24})/.exec(text)![1]!;

  const phone = await phoneOf(browser);
  await phone.goto(url);
  await expect(page.getByRole('status').filter({ hasText: 'The link was opened on the phone.' })).toBeVisible({ timeout: 10_000 });
  await payOnPhone(phone, `kiosk-sms-${national}@example.com`, 'Paid via: Payment link · Phone');
  await expectPaidThenReset(page, page.getByRole('button', { name: 'Next shopper' }), /^Paid through the link sent by text\.$/);
  await phone.context().close();
});

test('for the Arabic market the shopper reads the handoff in Arabic, right to left, and the kiosk stays accessible', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/kiosk');
  await page.getByRole('combobox', { name: 'Market' }).selectOption('ar-SA');
  await page.getByRole('button', { name: /^Add Enamel mug/ }).tap();
  // Prices in the market's currency (€9.90 at the demo's rate of 4 SAR: 40 SAR).
  await expect(page.locator('[data-total]')).toHaveText(/^SAR\s40\.00$/);
  await page.getByRole('button', { name: 'Checkout' }).tap();
  const toggle = page.getByRole('button', { name: 'الدفع من هاتفك', exact: true });
  await toggle.tap();
  await expect(page.locator('omni-handoff')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('omni-handoff').getByRole('img')).toBeVisible();
  await expectTouchFriendly(page);
  await expectAccessible(page, 'QR code in Arabic');
  await page.getByRole('button', { name: 'Cancel' }).tap();
  await expect(page.getByRole('heading', { name: 'Tap a product to add it' })).toBeVisible();
});
