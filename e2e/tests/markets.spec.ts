/**
 * The demo's market switch (header menu): Polish/Poland, Korean/Korea, Arabic/Saudi Arabia. Each
 * changes the shop's and the checkout's language and direction, the currency, the address form
 * (that country's fields in its order, from Google's address data) and the payment methods (the
 * market's own first). axe finds nothing in any of them.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addressParts, loadAddressRules } from '../../packages/core/src/address.js';
import ar from '../../packages/elements/src/i18n/ar.js';
import ko from '../../packages/elements/src/i18n/ko.js';
import pl from '../../packages/elements/src/i18n/pl.js';
import type { Translation } from '../../packages/elements/src/i18n/translation.js';
import { mockMessages } from '../../packages/mock/src/client/i18n/messages.js';
import { test, expect } from '../fixtures/test.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface MarketCase {
  readonly option: string;
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  readonly country: string;
  readonly currency: string;
  readonly t: Translation;
  /** The shop's own menu label in that language. */
  readonly menuLabel: string;
  /**
   * The ways to pay shown, in the market's order: only those the demo's providers (the mock takes
   * cards, the PayPal fake PayPal, the Moyasar fake mada and STC Pay) can take; BLIK, Kakao Pay… have no provider in the demo,
   * so they are hidden (docs/payment-methods.md). One method: no list, its fields show.
   */
  readonly shown: readonly (keyof Translation['methods'])[];
  /** The shop's "Add to cart" button for the beans, in that language. */
  readonly addBeans: string;
}

const MARKETS: readonly MarketCase[] = [
  { option: 'pl-PL', lang: 'pl', dir: 'ltr', country: 'PL', currency: 'PLN', t: pl, menuLabel: 'Język i kraj', shown: ['card', 'paypal', 'cash_on_delivery'], addBeans: 'Dodaj do koszyka (Kawa ziarnista single origin, 250 g)' },
  { option: 'ko-KR', lang: 'ko', dir: 'ltr', country: 'KR', currency: 'KRW', t: ko, menuLabel: '언어 및 국가', shown: ['card'], addBeans: '싱글 오리진 원두, 250 g 장바구니에 담기' },
  { option: 'ar-SA', lang: 'ar', dir: 'rtl', country: 'SA', currency: 'SAR', t: ar, menuLabel: 'اللغة والبلد', shown: ['mada', 'stc_pay', 'card'], addBeans: 'أضف إلى السلة (حبوب قهوة أحادية المصدر، 250 غ)' },
];

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  expect(summary, `axe violations on the ${label}`).toEqual([]);
  expect(results.passes.length, 'axe actually ran rules').toBeGreaterThan(10);
}

for (const market of MARKETS) {
  test(`switching to ${market.option}: language, direction, currency, address form and payment methods`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    // The visible switch, in English first.
    const started = page.waitForEvent('load');
    await page.getByLabel('Language and market').selectOption(market.option);
    await started;
    await expect(page.locator('html')).toHaveAttribute('lang', market.lang);
    await expect(page.locator('html')).toHaveAttribute('dir', market.dir);
    await expect(page.getByLabel(market.menuLabel)).toHaveValue(market.option);
    // Prices in the market's currency, written the market's way.
    const currencySymbol = new Intl.NumberFormat(market.lang, { style: 'currency', currency: market.currency }).formatToParts(1).find((p) => p.type === 'currency')!.value;
    await expect(page.locator('.price').first()).toContainText(currencySymbol);
    await expectNoAxeViolations(page, `product list (${market.option})`);

    await page.getByRole('button', { name: market.addBeans, exact: true }).click();
    await page.goto('/checkout');
    const checkout = page.locator('omni-checkout');
    await expect(checkout).toHaveAttribute('lang', market.lang);
    const t = market.t;
    await expect(page.getByLabel(t.email, { exact: true })).toBeVisible({ timeout: 20_000 });

    // Direction follows the language, inside the checkout too.
    expect(await checkout.evaluate((el) => getComputedStyle(el).direction)).toBe(market.dir);

    // The country's own address form: its fields in its order (Google's data), labelled in the language.
    const rules = await loadAddressRules(market.country);
    const expected = addressParts(rules).filter((part) => part !== 'line2');
    const rendered = await page.locator('omni-address [data-field]').evaluateAll((els) => els.map((el) => el.getAttribute('data-field')));
    expect(rendered.filter((f) => f !== 'country' && f !== 'line2' && f !== 'phone')).toEqual(expected);
    await expect(page.locator('omni-address select[data-field="country"]')).toHaveValue(market.country);
    await expect(page.getByLabel(t.fullName)).toBeVisible();
    if (rules.postalCodeKind) await expect(page.getByLabel(t.address.postalCodeKinds[rules.postalCodeKind], { exact: false }).first()).toBeVisible();

    // Only the ways to pay the demo can take, by their names in the language; never a row that cannot be paid.
    const group = page.getByRole('radiogroup', { name: t.paymentMethod });
    if (market.shown.length > 1) {
      const methods = group.getByRole('radio');
      await expect(methods).toHaveCount(market.shown.length);
      // Cash on delivery's name carries its fee (`Płatność przy odbiorze + 15,00 zł`).
      for (const [i, method] of market.shown.entries()) {
        await expect(methods.nth(i)).toHaveAccessibleName(method === 'cash_on_delivery' ? new RegExp(`^${t.methods[method]} \\+ `) : t.methods[method]);
      }
    } else {
      // The card fields load when the payment section comes into view (a returning shopper may not need them).
      await page.getByRole('group', { name: t.payment, exact: true }).scrollIntoViewIfNeeded();
      await expect(page.getByLabel((await mockMessages(market.lang)).cardNumber, { exact: true })).toBeVisible();
      await expect(group).toHaveCount(0);
    }

    // Totals in the market's currency.
    await expect(page.locator('omni-checkout')).toContainText(currencySymbol);
    await expectNoAxeViolations(page, `checkout (${market.option})`);
  });
}
