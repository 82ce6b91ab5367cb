/**
 * The shop's own words in each demo market's language (the checkout brings its own catalogs).
 * Static page text carries `data-text="key"`; scripts call `text(key)`.
 */
import type { Market } from './catalogue.js';

const EN = {
  skip: 'Skip to content',
  mainNav: 'Main',
  products: 'Products',
  cart: 'Cart',
  market: 'Language and market',
  productsTitle: 'Coffee gear and beans',
  cartTitle: 'Your cart',
  checkoutTitle: 'Checkout',
  backToCart: 'Back to cart',
  preparing: 'Preparing a secure checkout…',
  thanks: 'Thank you for your order',
};
type Key = keyof typeof EN;

const TEXT: Readonly<Record<string, Readonly<Record<Key, string>>>> = {
  en: EN,
  pl: {
    skip: 'Przejdź do treści',
    mainNav: 'Główna',
    products: 'Produkty',
    cart: 'Koszyk',
    market: 'Język i kraj',
    productsTitle: 'Sprzęt do kawy i ziarna',
    cartTitle: 'Twój koszyk',
    checkoutTitle: 'Zamówienie',
    backToCart: 'Wróć do koszyka',
    preparing: 'Przygotowujemy bezpieczną płatność…',
    thanks: 'Dziękujemy za zamówienie',
  },
  ko: {
    skip: '본문으로 건너뛰기',
    mainNav: '주 메뉴',
    products: '상품',
    cart: '장바구니',
    market: '언어 및 국가',
    productsTitle: '커피 도구와 원두',
    cartTitle: '장바구니',
    checkoutTitle: '결제',
    backToCart: '장바구니로 돌아가기',
    preparing: '안전한 결제를 준비하는 중…',
    thanks: '주문해 주셔서 감사합니다',
  },
  ar: {
    skip: 'انتقل إلى المحتوى',
    mainNav: 'الرئيسية',
    products: 'المنتجات',
    cart: 'السلة',
    market: 'اللغة والبلد',
    productsTitle: 'أدوات القهوة والبن',
    cartTitle: 'سلتك',
    checkoutTitle: 'إتمام الشراء',
    backToCart: 'العودة إلى السلة',
    preparing: 'جارٍ تجهيز دفع آمن…',
    thanks: 'شكرًا لطلبك',
  },
};

export function textFor(market: Market): (key: Key) => string {
  const table = TEXT[market.lang] ?? EN;
  return (key) => table[key];
}

/** Translates the page's static text (`data-text`, `data-text-label` for `aria-label`). */
export function translatePage(market: Market): void {
  const text = textFor(market);
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) el.textContent = text(el.dataset['text'] as Key);
  for (const el of document.querySelectorAll<HTMLElement>('[data-text-label]')) el.setAttribute('aria-label', text(el.dataset['textLabel'] as Key));
}
