/** The order confirmation leaves through the outbox over real SMTP into the dev mailbox, once. */
import { test, expect } from '../fixtures/test.js';
import { CARDS, TOTAL, euros, openCheckoutWithCart } from '../fixtures/flows.js';
import { apiBase } from '../fixtures/env.js';
import { GUEST } from '../models/checkout-page.js';

interface Caught {
  to: string;
  subject: string;
  text: string;
  messageId: string | null;
}

test('paying sends one order confirmation email, readable in the dev mailbox page', async ({ page, productList, cart, checkout, confirmation }) => {
  await openCheckoutWithCart(productList, cart, checkout);
  const email = `mail-${checkout.sessionId.slice(-8)}@example.com`;
  await checkout.fillGuestDetails({ ...GUEST, email });
  await checkout.chooseShipping(/Standard delivery/);
  await checkout.fillCard(CARDS.success);
  await checkout.pay();
  const orderId = await confirmation.waitForOrder();

  const mine = async () => {
    const response = await page.request.get(`${apiBase}/dev/mailbox.json`);
    return ((await response.json()) as { data: Caught[] }).data.filter((m) => m.to === email);
  };
  await expect.poll(async () => (await mine()).length, { timeout: 10_000 }).toBe(1);
  const [message] = await mine();
  expect(message!.subject).toContain(orderId);
  expect(message!.text).toContain(`Total paid: ${euros(TOTAL)}`);

  await page.goto('/dev/mailbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Dev mailbox' })).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: email }).first()).toContainText(orderId);
  expect(await mine()).toHaveLength(1);
});
