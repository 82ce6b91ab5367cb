/**
 * Cash on delivery in the demo's Polish market (issue 18): the demo merchant enables it in Poland
 * with a 15 zł fee (`examples/shop/merchant.json`). The shopper chooses "Płatność przy odbiorze",
 * sees the fee in the list and in the pay button's total, and pays with no payment fields; the order
 * waits for delivery (`authorized`, fee included, no provider called), and the merchant marks it
 * paid through the merchant API once the courier collected the cash.
 */
import { formatMoney } from '../../packages/core/src/money.js';
import pl from '../../packages/elements/src/i18n/pl.js';
import shopPl from '../../examples/shop/src/shop-text/pl.js';
import { confirmationText } from '../../examples/shop/src/pages/confirmation-text.js';
import orderPl from '../../packages/core/src/order-text/pl.js';
import { apiBase, merchant } from '../fixtures/env.js';
import { demoMarket, openMarketCheckout } from '../fixtures/markets.js';
import { test, expect } from '../fixtures/test.js';

const auth = { authorization: `Bearer ${merchant.secretKey}` };
const FEE = 1500;

test('pl-PL: pays with cash on delivery, fee shown before paying; the merchant marks it paid', async ({ page, context }) => {
  test.setTimeout(120_000);
  const sessionId = await openMarketCheckout(page, context, demoMarket('pl-PL'), undefined, (id) => `pl-${id.slice(-8)}@example.com`);
  const session = (await (await page.request.get(`${apiBase}/v1/checkout-sessions/${sessionId}`, { headers: auth })).json()) as { totals: { total: number } };
  const money = (amount: number) => formatMoney({ amount, currency: 'PLN' }, 'pl');

  const group = page.getByRole('radiogroup', { name: pl.paymentMethod });
  await group.scrollIntoViewIfNeeded();
  const cod = group.getByRole('radio', { name: new RegExp(`^${pl.methods.cash_on_delivery}`) });
  // The fee is part of the row's name, in złoty written the Polish way.
  await expect(cod).toHaveAccessibleName(new RegExp(`^${pl.methods.cash_on_delivery} \\+ ${money(FEE).replace(/\s/g, '\\s')}$`));
  await cod.check();
  // No card fields, and our pay button says the total with the fee.
  const payButton = page.getByRole('button', { name: pl.pay(money(session.totals.total + FEE)), exact: true });
  await expect(payButton).toBeVisible();
  await payButton.click();
  await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });

  const orders = await page.request.get(`${apiBase}/v1/orders?sessionId=${sessionId}`, { headers: auth });
  const order = ((await orders.json()) as { data: { id: string; provider: string; amount: number; currency: string; status: string }[] }).data[0]!;
  expect(order).toMatchObject({ provider: 'cash_on_delivery', status: 'authorized', amount: session.totals.total + FEE, currency: 'PLN' });

  // The shop's confirmation says what is still to pay, in Polish: nothing is called paid, and the fee has its line.
  const due = money(session.totals.total + FEE);
  await expect(page.locator('[data-order-state]')).toHaveText(confirmationText('pl', 'payOnDelivery', due));
  const summary = page.getByRole('table', { name: shopPl.table.orderSummary });
  await expect(summary.getByRole('row', { name: orderPl.mail.cashOnDeliveryFee })).toContainText(money(FEE));
  await expect(summary.getByRole('row', { name: confirmationText('pl', 'totalOnDelivery') })).toContainText(due);
  await expect(summary).not.toContainText(shopPl.table.totalPaid);

  // The courier collected the cash: the merchant marks the order paid, and it shows paid.
  const paid = await page.request.post(`${apiBase}/v1/orders/${order.id}/cash-on-delivery/paid`, { headers: auth });
  expect(paid.status()).toBe(200);
  const after = await page.request.get(`${apiBase}/v1/orders/${order.id}`, { headers: auth });
  expect(await after.json()).toMatchObject({ id: order.id, status: 'paid', amountCaptured: session.totals.total + FEE });
});
