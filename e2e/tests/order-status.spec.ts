/**
 * After the purchase, in the demo shop (mock provider, Polish market): pay → the merchant adds a
 * shipment through the API → the confirmation and "shipped" emails arrive in the dev mailbox in
 * Polish with a status link → the link opens the shop's status page, which shows the tracking →
 * the shopper returns one item there → the merchant approves → the status shows it refunded, and
 * each email arrived once. (The same path through the Stripe and PayPal adapters runs at the API
 * level: packages/server/src/orders/returns-providers.test.ts.)
 */
import type { BrowserContext } from '@playwright/test';
import pl from '../../packages/elements/src/i18n/pl.js';
import mockPl from '../../packages/mock/src/client/i18n/pl.js';
import { test, expect } from '../fixtures/test.js';
import { apiBase, merchant, shopUrl } from '../fixtures/env.js';

interface Caught {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

const setMarket = (context: BrowserContext, id: string) => context.addCookies([{ name: 'omni_market', value: id, url: shopUrl }]);

test('pays in Polish, follows the parcel from the emailed link, returns one item and sees it refunded', async ({ page, context }) => {
  test.setTimeout(120_000);
  const merchantApi = (path: string, data: unknown) =>
    page.request.post(`${apiBase}${path}`, { headers: { authorization: `Bearer ${merchant.secretKey}` }, data });
  expect((await merchantApi('/v1/order-settings', { statusPageUrl: `${shopUrl}/order-status` })).status()).toBe(200);

  await setMarket(context, 'pl-PL');
  await page.goto('/');
  await page.getByRole('button', { name: 'Dodaj do koszyka (Kawa ziarnista single origin, 250 g)' }).click();
  await page.getByRole('link', { name: /^Koszyk/ }).click();
  const started = page.waitForResponse((r) => r.url().endsWith('/api/checkout'));
  await page.getByRole('link', { name: 'Przejdź do zamówienia' }).click();
  const { sessionId } = (await (await started).json()) as { sessionId: string };
  const email = `jan-${sessionId.slice(-8)}@example.com`;
  await page.getByLabel(pl.email, { exact: true }).fill(email);
  await page.getByLabel(pl.fullName).fill('Jan Kowalski');
  await page.getByLabel(pl.addressLine1).fill('ul. Długa 5');
  await page.getByLabel(pl.address.postalCodeKinds.postal).fill('00-950');
  await page.getByLabel(pl.address.cityKinds.city).fill('Warszawa');
  await page.getByLabel(mockPl.cardNumber, { exact: true }).pressSequentially('4242424242424242');
  await page.getByLabel(mockPl.expiry, { exact: true }).pressSequentially('1234');
  await page.getByLabel(mockPl.cvc, { exact: true }).pressSequentially('123');
  await page.getByRole('button', { name: /^Zapłać/ }).click();
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
    [`Twoje zamówienie w ${merchant.name} zostało potwierdzone (${orderId})`, `Twoje zamówienie w ${merchant.name} zostało wysłane (${orderId})`].sort(),
  );
  const shippedMail = (await mine()).find((m) => m.subject.includes('wysłane'))!;
  expect(shippedMail.text).toContain('InPost · Numer przesyłki: 620000000000000000000042');
  const link = /Zobacz zamówienie: (\S+)/.exec(shippedMail.text)![1]!;
  expect(link.startsWith(`${shopUrl}/order-status#order-status=ost_${orderId}.`)).toBe(true);

  // The link opens the status page with the tracking.
  await page.goto(link);
  const status = page.locator('omni-order-status');
  await expect(status.getByRole('heading', { name: 'Twoje zamówienie' })).toBeVisible();
  await expect(status.locator('[part~="state"]')).toHaveText('Wysłane');
  await expect(status.getByRole('link', { name: 'Śledź przesyłkę w \u2068InPost\u2069' })).toHaveAttribute('href', 'https://inpost.example/track/620000000000000000000042');

  // Delivered; the shopper returns one bag of beans.
  expect((await merchantApi(`/v1/orders/${orderId}/delivery-events`, { type: 'delivered' })).status()).toBe(200);
  await page.reload();
  await expect(status.locator('[part~="state"]')).toHaveText('Doręczone');
  await status.getByRole('spinbutton', { name: /^Ile sztuk: .*Kawa ziarnista/ }).fill('1');
  await status.getByRole('textbox', { name: 'Dlaczego zwracasz produkty?' }).fill('Za mocno palona');
  await status.getByRole('button', { name: 'Zgłoś zwrot' }).click();
  await expect(status.getByRole('status')).toHaveText('Zgłoszenie zwrotu zostało wysłane do sklepu.');
  await expect(status.locator('[part~="state"]')).toHaveText('Zgłoszono zwrot');

  // The shop approves it: refunded through the provider.
  const view = (await (await page.request.get(`${apiBase}/v1/orders/${orderId}/status`, { headers: { authorization: `Bearer ${merchant.secretKey}` } })).json()) as {
    returns: { id: string; amount: number }[];
  };
  const approved = await merchantApi(`/v1/returns/${view.returns[0]!.id}/approve`, { instructions: 'Odeślij paczkomatem' });
  expect(((await approved.json()) as { status: string }).status).toBe('refunded');
  await page.reload();
  await expect(status.locator('[part~="state"]')).toHaveText('Częściowo zwrócono pieniądze');
  await expect(status.getByText(/^Zwrócono .* z /)).toBeVisible();

  // Each email once: confirmation, shipped, delivered, return received, refunded.
  await expect.poll(async () => (await mine()).length, { timeout: 15_000 }).toBe(5);
  const subjects = (await mine()).map((m) => m.subject);
  expect(new Set(subjects).size).toBe(5);
  expect(subjects).toContain(`${merchant.name} zwrócił pieniądze za zamówienie (${orderId})`);
});
