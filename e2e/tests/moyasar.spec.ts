/**
 * The demo's Saudi market (Arabic, right to left) pays with mada and with STC Pay through the third
 * provider, Moyasar, with no keys: `scripts/demo.mjs` runs the loopback fake of Moyasar's API
 * (`packages/moyasar/src/testing/fake.ts`). mada: the card is tokenised at Moyasar from the page,
 * the bank's 3-D Secure page (the fake's) sends the shopper back to the checkout, and the order is
 * paid. STC Pay: the shopper types the code STC Pay texted. Both end on the confirmation page with
 * an order the merchant API shows as paid through Moyasar, and a refund goes back through Moyasar.
 */
import type { BrowserContext, Page } from '@playwright/test';
import ar from '../../packages/elements/src/i18n/ar.js';
import moyasarAr from '../../packages/moyasar/src/client/i18n/ar.js';
import { apiBase, merchant, shopUrl } from '../fixtures/env.js';
import { test, expect } from '../fixtures/test.js';
import { authenticateAtBank, chooseMethod, confirmStcPayCode, fillMadaCard, startStcPay, stcPayCodeStep } from '../fixtures/pay.js';

const setMarket = (context: BrowserContext) => context.addCookies([{ name: 'omni_market', value: 'ar-SA', url: shopUrl }]);
const auth = { authorization: `Bearer ${merchant.secretKey}` };

const codeStep = (page: Page) => stcPayCodeStep(page, moyasarAr);

/** The Saudi checkout with the beans in the cart and the details filled in, in Arabic. */
async function openSaudiCheckout(page: Page, context: BrowserContext): Promise<string> {
  await setMarket(context);
  await page.goto('/');
  await page.getByRole('button', { name: 'أضف إلى السلة (حبوب قهوة أحادية المصدر، 250 غ)' }).click();
  await page.getByRole('link', { name: /^السلة/ }).click();
  const started = page.waitForResponse((r) => r.url().endsWith('/api/checkout'));
  await page.getByRole('link', { name: 'المتابعة إلى الدفع' }).click();
  const { sessionId } = (await (await started).json()) as { sessionId: string };
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByLabel(ar.email, { exact: true }).fill(`sa-${sessionId.slice(-8)}@example.com`);
  await page.getByLabel(ar.fullName).fill('ليلى أحمد');
  await page.getByLabel(ar.addressLine1).fill('طريق الملك فهد 1200');
  await page.getByLabel(ar.address.postalCodeKinds.postal).fill('12271');
  await page.getByLabel(ar.address.cityKinds.city).fill('الرياض');
  return sessionId;
}

async function choose(page: Page, method: 'mada' | 'stc_pay'): Promise<void> {
  await expect(page.getByRole('radiogroup', { name: ar.paymentMethod })).toBeVisible();
  await chooseMethod(page, ar.methods[method]);
}

async function paidOrder(page: Page, sessionId: string): Promise<{ id: string; provider: string; amount: number; currency: string; status: string }> {
  const orders = await page.request.get(`${apiBase}/v1/orders?sessionId=${sessionId}`, { headers: auth });
  return ((await orders.json()) as { data: { id: string; provider: string; amount: number; currency: string; status: string }[] }).data[0]!;
}

test('ar-SA: pays with mada through Moyasar, across the bank’s 3-D Secure page and back', async ({ page, context }) => {
  test.setTimeout(120_000);
  const sessionId = await openSaudiCheckout(page, context);
  await choose(page, 'mada');
  // Moyasar's own fields, in Arabic; the checkout's pay button gives way to Moyasar's.
  const mada = await fillMadaCard(page, moyasarAr);
  await expect(page.locator('omni-checkout').locator('[part~="pay-button"]')).toBeHidden();
  await mada.getByRole('button', { name: moyasarAr.payMada, exact: true }).click();

  // The bank's page (the fake's), then back to the checkout, which finds the payment made.
  await authenticateAtBank(page);
  await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });

  const order = await paidOrder(page, sessionId);
  expect(order).toMatchObject({ provider: 'moyasar', currency: 'SAR' });
  expect(order.amount).toBeGreaterThan(0);

  // A refund goes back through Moyasar (the one refunds service of the backend).
  const refund = await page.request.post(`${apiBase}/v1/orders/${order.id}/refunds`, {
    headers: { ...auth, 'idempotency-key': `refund-${sessionId}` },
    data: { amount: 100 },
  });
  expect(refund.status()).toBe(200);
  expect(await refund.json()).toMatchObject({ status: 'succeeded', amount: 100, currency: 'SAR' });
});

test('ar-SA: pays with STC Pay through Moyasar with the code STC Pay sent', async ({ page, context }) => {
  test.setTimeout(120_000);
  const sessionId = await openSaudiCheckout(page, context);
  await choose(page, 'stc_pay');
  await startStcPay(page, moyasarAr);

  // The code step, in Arabic; a wrong-length code is caught before anything is sent.
  const code = codeStep(page).getByLabel(moyasarAr.code);
  await expect(code).toBeFocused({ timeout: 20_000 });
  await code.fill('12');
  await codeStep(page).getByRole('button', { name: moyasarAr.confirm, exact: true }).click();
  await expect(codeStep(page).getByText(moyasarAr.errors.code)).toBeVisible();
  await confirmStcPayCode(page, moyasarAr, '123456');
  await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
  expect(await paidOrder(page, sessionId)).toMatchObject({ provider: 'moyasar', currency: 'SAR' });
});

test.describe('a code STC Pay refuses', () => {
  // The backend answers the failed payment with 402, which the browser logs.
  test.use({ allowedConsoleErrors: [/status of 402 \(Payment Required\)/] });

test('ar-SA: a wrong STC Pay code takes nothing, and the shopper can pay again', async ({ page, context }) => {
  test.setTimeout(120_000);
  const sessionId = await openSaudiCheckout(page, context);
  await choose(page, 'stc_pay');
  await startStcPay(page, moyasarAr);
  await confirmStcPayCode(page, moyasarAr, '999999');
  await expect(page.locator('omni-checkout').getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(1);
  const orders = await page.request.get(`${apiBase}/v1/orders?sessionId=${sessionId}`, { headers: auth });
  expect(((await orders.json()) as { data: unknown[] }).data).toEqual([]);
  // Again, with the right code.
  await page.getByRole('button', { name: moyasarAr.payStcPay, exact: true }).click();
  await confirmStcPayCode(page, moyasarAr, '123456');
  await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
});
});
