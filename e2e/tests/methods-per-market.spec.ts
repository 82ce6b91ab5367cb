/**
 * Issue 18's promise, per demo market: every way to pay the checkout shows can be paid. For each of
 * the demo shop's four markets (Germany, Poland, Korea, Saudi Arabia), in its own language, the test
 * reads the methods the page shows (the method list, or the one method's fields, and the gift card
 * entry), checks them against the session's `paymentMethods` from the merchant API, and pays each
 * one to a paid order through its fake, in a fresh checkout each: the mock's test card, PayPal and
 * Pay Later through the SDK double and the REST fake, mada and STC Pay through the Moyasar fake, and
 * a gift card from the backend's ledger.
 *
 * A method shown with no flow in `FLOWS` fails the test by name: "shown but cannot be paid" cannot
 * come back silently. The table in docs/payment-methods.md lists what each market shows and the flow
 * that pays it.
 */
import type { Page } from '@playwright/test';
import type { PaymentMethodType } from '@omni-checkout/core/types';
import { loadTenderTranslation } from '../../packages/elements/src/i18n/tenders/index.js';
import { moyasarMessages } from '../../packages/moyasar/src/client/i18n/messages.js';
import type { BackendApi } from '../fixtures/backend.js';
import { DEMO_MARKETS, openMarketCheckout, type DemoMarket } from '../fixtures/markets.js';
import { chooseMethod, payButton, payWithMada, payWithMockCard, payWithStcPay } from '../fixtures/pay.js';
import { test, expect } from '../fixtures/test.js';
import { CheckoutPage } from '../models/checkout-page.js';

/** What a flow needs: the page with a checkout whose details are filled, in `market`'s language. */
interface Shopper {
  readonly page: Page;
  readonly checkout: CheckoutPage;
  readonly backend: BackendApi;
  readonly market: DemoMarket;
  readonly sessionId: string;
}

/**
 * The flow that pays each method the demo can show, through its fake. A shown method missing here
 * fails the test: add its flow (in e2e/fixtures/pay.ts) and its row in docs/payment-methods.md.
 */
/** Escapes a label for a RegExp (a row whose name goes on with a fee). */
const startsWith = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** A flow answers the amount the order came to when it is not the session's total (a method's fee). */
const FLOWS: Partial<Record<PaymentMethodType, (shopper: Shopper) => Promise<void | { readonly amount: number }>>> = {
  card: async ({ page, market }) => {
    await chooseMethod(page, market.t.methods.card);
    await payWithMockCard(page, market.lang);
  },
  paypal: async ({ page, checkout, market }) => {
    await chooseMethod(page, market.t.methods.paypal);
    await checkout.paypalButton('PayPal').click();
    await checkout.approveInPayPal();
  },
  paylater: async ({ page, checkout, market }) => {
    await chooseMethod(page, market.t.methods.paylater);
    await checkout.paypalButton('Pay Later').click();
    await checkout.approveInPayPal();
  },
  mada: async ({ page, market }) => {
    await chooseMethod(page, market.t.methods.mada);
    await payWithMada(page, await moyasarMessages(market.lang));
  },
  stc_pay: async ({ page, market }) => {
    await chooseMethod(page, market.t.methods.stc_pay);
    await payWithStcPay(page, await moyasarMessages(market.lang));
  },
  // The backend itself: no payment fields; the order waits for delivery (its fee included) until the
  // merchant marks it paid, as after the courier collected the cash.
  cash_on_delivery: async ({ page, backend, market, sessionId }) => {
    const row = page.locator('omni-payment-methods').getByRole('radio', { name: startsWith(market.t.methods.cash_on_delivery) });
    await row.scrollIntoViewIfNeeded();
    await row.check();
    await payButton(page).click();
    await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
    const { totals, paymentMethods } = await backend.session(sessionId);
    const amount = totals.total + (paymentMethods.find((m) => m.type === 'cash_on_delivery')?.fee ?? 0);
    const [waiting] = await backend.ordersForSession(sessionId);
    expect(waiting, 'to be paid on delivery, the fee included').toMatchObject({ status: 'authorized', amount });
    await backend.markCashOnDeliveryPaid(waiting!.id);
    return { amount };
  },
  // A card from the backend's ledger, in the session's currency, that covers the whole order.
  gift_card: async ({ page, checkout, backend, market, sessionId }) => {
    const { totals } = await backend.session(sessionId);
    const gift = await backend.issueGiftCard(totals.total, market.currency);
    const t = await loadTenderTranslation(market.lang);
    await checkout.applyGiftCard(gift.code, t);
    // Announced: the card pays the whole order, so the button places it.
    await expect(page.locator('omni-checkout').getByRole('status').filter({ hasText: t.covered })).toHaveCount(1);
    await payButton(page).click();
    await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
    expect(await backend.giftCardBalance(gift.id), 'the gift card paid the order').toBe(0);
  },
};

/**
 * The ways to pay the page shows, in its order, checked against the session the merchant API
 * answers: the list's radios (their value is the method, their name the market's word for it), or
 * with one method no list; then the gift card entry when the session offers gift cards.
 */
async function shownMethods(page: Page, checkout: CheckoutPage, backend: BackendApi, market: DemoMarket, sessionId: string): Promise<PaymentMethodType[]> {
  const session = await backend.session(sessionId);
  const api = session.paymentMethods.map((m) => m.type);
  await page.getByRole('group', { name: market.t.payment, exact: true }).scrollIntoViewIfNeeded();
  const radios = page.locator('omni-payment-methods').getByRole('radio');
  let shown: PaymentMethodType[];
  if (api.length > 1) {
    await expect(radios).toHaveCount(api.length);
    shown = (await radios.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))) as PaymentMethodType[];
    // Cash on delivery's row goes on with its fee ("Płatność przy odbiorze + 15,00 zł").
    for (const [i, type] of shown.entries()) await expect(radios.nth(i)).toHaveAccessibleName(type === 'cash_on_delivery' ? startsWith(market.t.methods[type]) : market.t.methods[type]);
  } else {
    // One method: no list, its fields show (its flow below finds them).
    await expect(radios).toHaveCount(0);
    shown = [...api];
  }
  expect(shown, `the methods the page shows in ${market.name} are the session's paymentMethods`).toEqual(api);
  const addGiftCard = checkout.addGiftCardButton(await loadTenderTranslation(market.lang));
  if (session.giftCards) {
    await expect(addGiftCard).toBeVisible();
    shown.push('gift_card');
  } else {
    await expect(addGiftCard).toHaveCount(0);
  }
  return shown;
}

for (const market of DEMO_MARKETS) {
  test(`${market.name} (${market.market}): every way to pay the checkout shows pays an order through its fake`, async ({ page, context, backend }) => {
    test.setTimeout(150_000);
    const checkout = new CheckoutPage(page);
    let n = 0;
    const open = () => openMarketCheckout(page, context, market, undefined, `matrix-${market.market}-${Date.now().toString(36)}-${n++}@example.com`);

    let sessionId = await open();
    const shown = await shownMethods(page, checkout, backend, market, sessionId);
    const unpaid = shown.filter((type) => !FLOWS[type]);
    expect(unpaid, `shown in ${market.name} with no paying flow in FLOWS (e2e/tests/methods-per-market.spec.ts): ${unpaid.join(', ')}`).toEqual([]);

    const sessions = new Set<string>();
    for (const [i, type] of shown.entries()) {
      await test.step(`${type} pays`, async () => {
        if (i > 0) {
          sessionId = await open();
          expect((await backend.session(sessionId)).paymentMethods.map((m) => m.type), 'the same methods in a fresh checkout').toEqual(shown.filter((t) => t !== 'gift_card'));
        }
        expect(sessions.has(sessionId), 'a fresh checkout session').toBe(false);
        sessions.add(sessionId);
        const offered = (await backend.session(sessionId)).paymentMethods.find((m) => m.type === type);
        const paid = await FLOWS[type]!({ page, checkout, backend, market, sessionId });
        await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
        const session = await backend.session(sessionId);
        const orders = await backend.ordersForSession(sessionId);
        expect(orders, `one paid order for ${type}`).toMatchObject([{ status: 'paid', currency: market.currency, amount: paid?.amount ?? session.totals.total }]);
        if (offered) expect(orders[0]!.provider, `${type} paid through its provider`).toBe(offered.provider);
      });
    }
  });
}
