/**
 * The demo shop's own words follow the market (Polish, Korean, Arabic): products, buttons, cart,
 * footer and the confirmation. The confirmation shows a human order reference (not the backend's
 * id), the country by name in the shopper's language (`Intl.DisplayNames`), and the delivery dates
 * the backend promised, and the mock card fields speak the language too.
 */
import type { BrowserContext } from '@playwright/test';
import { formatDeliveryWindow } from '../../packages/core/src/delivery-format.js';
import pl from '../../packages/elements/src/i18n/pl.js';
import mockPl from '../../packages/mock/src/client/i18n/pl.js';
import { test, expect } from '../fixtures/test.js';
import { shopUrl } from '../fixtures/env.js';

const setMarket = (context: BrowserContext, id: string) => context.addCookies([{ name: 'omni_market', value: id, url: shopUrl }]);

const MARKETS = [
  {
    id: 'pl-PL',
    lede: 'Wszystko do spokojnego porannego parzenia. Ceny zawierają VAT.',
    beans: 'Kawa ziarnista single origin, 250 g',
    add: 'Dodaj do koszyka',
    addName: 'Dodaj do koszyka (Kawa ziarnista single origin, 250 g)',
    cartTwo: 'Koszyk, 2 produkty',
    footer: /^Sklep demonstracyjny omni-checkout\..*trafiają do skrzynki deweloperskiej\.$/,
    mailbox: 'skrzynki deweloperskiej',
    goToCheckout: 'Przejdź do zamówienia',
    subtotal: 'Suma częściowa',
  },
  {
    id: 'ko-KR',
    lede: '여유로운 아침 커피를 위한 모든 것. 가격은 부가세 포함입니다.',
    beans: '싱글 오리진 원두, 250 g',
    add: '장바구니에 담기',
    addName: '싱글 오리진 원두, 250 g 장바구니에 담기',
    cartTwo: '장바구니, 2 개 상품',
    footer: /^omni-checkout 데모 쇼핑몰입니다\..*개발용 메일함에서 볼 수 있습니다\.$/,
    mailbox: '개발용 메일함',
    goToCheckout: '결제하기',
    subtotal: '소계',
  },
  {
    id: 'ar-SA',
    lede: 'كل ما تحتاجه لتحضير قهوة الصباح على مهل. الأسعار شاملة ضريبة القيمة المضافة.',
    beans: 'حبوب قهوة أحادية المصدر، 250 غ',
    add: 'أضف إلى السلة',
    addName: 'أضف إلى السلة (حبوب قهوة أحادية المصدر، 250 غ)',
    cartTwo: 'السلة، 2 منتجان',
    footer: /^متجر تجريبي لـ omni-checkout\..*صندوق بريد المطوّرين\.$/,
    mailbox: 'صندوق بريد المطوّرين',
    goToCheckout: 'المتابعة إلى الدفع',
    subtotal: 'المجموع الفرعي',
  },
] as const;

for (const market of MARKETS) {
  test(`the shop speaks the ${market.id} market's language: products, cart link, footer, cart page`, async ({ page, context }) => {
    await setMarket(context, market.id);
    await page.goto('/');
    await expect(page.getByText(market.lede)).toBeVisible();
    const add = page.getByRole('button', { name: market.addName, exact: true });
    // It shows "Add to cart" and is read with the product's name.
    const shown = (el: HTMLElement) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
      return copy.textContent?.trim();
    };
    expect(await add.evaluate(shown)).toBe(market.add);
    await expect(page.getByRole('heading', { name: market.beans })).toBeVisible();
    await expect(page.locator('footer p')).toHaveText(market.footer);
    await expect(page.locator('footer').getByRole('link', { name: market.mailbox })).toHaveAttribute('href', '/dev/mailbox');
    await add.click();
    await add.click();
    await expect(page.locator('[data-cart-link]')).toHaveAccessibleName(market.cartTwo);
    await page.locator('[data-cart-link]').click();
    await expect(page.getByRole('heading', { level: 2, name: market.beans })).toBeVisible();
    await expect(page.getByText(market.subtotal, { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: market.goToCheckout })).toBeVisible();
    // Nothing of the shop's own left in English.
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/Add|to cart|Go to checkout|Subtotal|Remove|Quantity|each|demo shop|dev mailbox/);
  });
}

test('pays in Polish: Polish card fields, then a human order reference, the country by name and the delivery dates', async ({ page, context, backend }) => {
  test.setTimeout(90_000);
  await setMarket(context, 'pl-PL');
  await page.goto('/');
  await page.getByRole('button', { name: 'Dodaj do koszyka (Kawa ziarnista single origin, 250 g)' }).click();
  await page.getByRole('link', { name: /^Koszyk/ }).click();
  const started = page.waitForResponse((r) => r.url().endsWith('/api/checkout'));
  await page.getByRole('link', { name: 'Przejdź do zamówienia' }).click();
  const { sessionId } = (await (await started).json()) as { sessionId: string };

  await page.getByLabel(pl.email, { exact: true }).fill(`jan-${Date.now().toString(36)}@example.com`);
  await page.getByLabel(pl.fullName).fill('Jan Kowalski');
  await page.getByLabel(pl.addressLine1).fill('ul. Długa 5');
  await page.getByLabel(pl.address.postalCodeKinds.postal).fill('00-950');
  await page.getByLabel(pl.address.cityKinds.city).fill('Warszawa');
  // The mock provider's card fields, in Polish.
  await expect(page.getByRole('group', { name: mockPl.cardDetails })).toBeVisible();
  await page.getByLabel(mockPl.cardNumber, { exact: true }).pressSequentially('4242424242424242');
  await page.getByLabel(mockPl.expiry, { exact: true }).pressSequentially('1234');
  await page.getByLabel(mockPl.cvc, { exact: true }).pressSequentially('123');
  await page.getByRole('button', { name: /^Zapłać(?! telefonem)/ }).click();

  await expect(page).toHaveURL(/\/confirmation\?/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dziękujemy za zamówienie');
  const [order] = await backend.ordersForSession(sessionId);
  expect(order).toBeTruthy();

  // A reference a person can read out, not the backend's `ord_…` id (which stays on the element).
  const reference = page.getByText(/^Numer zamówienia:/).getByRole('strong');
  await expect(reference).toHaveText(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  await expect(reference).toHaveAttribute('data-order-id', order!.id);
  await expect(page.locator('main')).not.toContainText(order!.id);

  // The country by its name in Polish, not "PL".
  const address = page.locator('[data-shipping-address]');
  await expect(address).toContainText('Polska');
  expect(await address.innerText()).not.toMatch(/\bPL\b/);

  // The delivery dates the backend promised when the order was paid, in Polish.
  const window = order!.shippingOption?.deliveryWindow;
  expect(window).toBeTruthy();
  await expect(page.locator('[data-delivery-window]')).toHaveText(`Przewidywana dostawa: ${formatDeliveryWindow(window!, 'pl')}`);
  await expect(page.getByRole('table', { name: 'Podsumowanie zamówienia' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Zapłacono łącznie/ })).toBeVisible();

  // The same confirmation read in Korean and Arabic names the country in those languages.
  for (const [id, country] of [['ko-KR', '폴란드'], ['ar-SA', 'بولندا']] as const) {
    await setMarket(context, id);
    await page.reload();
    await expect(page.locator('[data-shipping-address]')).toContainText(country);
  }
});
