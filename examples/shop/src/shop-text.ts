/**
 * The shop's own words in each demo market's language (the checkout brings its own catalogs).
 * Static page text carries `data-text="key"`; scripts call `text(key, values)`.
 *
 * Templates name their values in braces (`{product}`); a part in square brackets is read by screen
 * readers but not shown (`Add[ {product}] to cart`: the button shows "Add to cart" and is announced
 * as "Add Enamel mug to cart"). `rich()` builds those nodes.
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
  titleProducts: 'Products · Omni Roasters',
  titleCart: 'Cart · Omni Roasters',
  titleCheckout: 'Checkout · Omni Roasters',
  titleConfirmation: 'Order confirmed · Omni Roasters',
  lede: 'Everything for a slow morning brew. Prices include VAT.',
  footer:
    'A demo shop for omni-checkout. Test mode: no real money moves. Pay with test card 4242 4242 4242 4242. Emails and text messages the shop sends land in the {mailbox}.',
  mailbox: 'dev mailbox',
  addToCart: 'Add[ {product}] to cart',
  added: '{product} added to your cart.',
  cartEmpty: 'Your cart is empty.',
  browse: 'Browse products',
  itemsInCart: 'Items in your cart',
  each: '{price} each',
  quantityOf: 'Quantity[ of {product}]',
  remove: 'Remove[ {product}]',
  removed: '{product} removed from your cart.',
  quantityChanged: '{product}: quantity {quantity}. Subtotal {subtotal}.',
  subtotal: 'Subtotal',
  shippingHint: 'Shipping is chosen at checkout. The final total is confirmed by the payment service.',
  goToCheckout: 'Go to checkout',
  startFailed: 'The shop could not start a checkout. Please try again.',
  tryAgain: 'Try again',
  formFailed: 'The payment form could not be loaded.',
  reloadCheckout: 'Reload checkout',
  loadingOrder: 'Loading your order…',
  continueShopping: 'Continue shopping',
  orderNumber: 'Order number: ',
  noOrder: 'We could not find an order to show.',
  orderPending: 'Your payment went through. The order details are not available yet; please reload in a moment.',
  paid: 'Payment received. A confirmation is on its way.',
  status: 'Status: {status}',
  shippingTo: 'Shipping to',
  delivery: 'Estimated delivery: {dates}',
  orderSummary: 'Order summary',
  item: 'Item',
  quantity: 'Quantity',
  amount: 'Amount',
  totalPaid: 'Total paid',
};
export type Key = keyof typeof EN;
type Table = Readonly<Record<Key, string>>;

/**
 * "Cart, 3 items" for the cart link, by plural category of the count (`Intl.PluralRules`). The
 * link shows "Cart 3", so each form keeps the word and the number in that order (the visible text
 * must be part of the accessible name).
 */
const CART_COUNT: Readonly<Record<string, Partial<Record<Intl.LDMLPluralRule, string>>>> = {
  en: { one: 'Cart, {count} item', other: 'Cart, {count} items' },
  pl: { one: 'Koszyk, {count} produkt', few: 'Koszyk, {count} produkty', many: 'Koszyk, {count} produktów', other: 'Koszyk, {count} produktu' },
  ko: { other: '장바구니, {count} 개 상품' },
  ar: { few: 'السلة، {count} منتجات', many: 'السلة، {count} منتجًا', other: 'السلة، {count} منتج' },
};

const TEXT: Readonly<Record<string, Table>> = {
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
    titleProducts: 'Produkty · Omni Roasters',
    titleCart: 'Koszyk · Omni Roasters',
    titleCheckout: 'Zamówienie · Omni Roasters',
    titleConfirmation: 'Zamówienie potwierdzone · Omni Roasters',
    lede: 'Wszystko do spokojnego porannego parzenia. Ceny zawierają VAT.',
    footer:
      'Sklep demonstracyjny omni-checkout. Tryb testowy: nie są pobierane prawdziwe pieniądze. Zapłać kartą testową 4242 4242 4242 4242. E-maile i SMS-y wysyłane przez sklep trafiają do {mailbox}.',
    mailbox: 'skrzynki deweloperskiej',
    addToCart: 'Dodaj do koszyka[ ({product})]',
    added: 'Dodano do koszyka: {product}.',
    cartEmpty: 'Twój koszyk jest pusty.',
    browse: 'Przeglądaj produkty',
    itemsInCart: 'Produkty w koszyku',
    each: '{price} za sztukę',
    quantityOf: 'Ilość[ ({product})]',
    remove: 'Usuń[ ({product})]',
    removed: 'Usunięto z koszyka: {product}.',
    quantityChanged: '{product}: ilość {quantity}. Suma częściowa {subtotal}.',
    subtotal: 'Suma częściowa',
    shippingHint: 'Sposób dostawy wybierzesz przy zamówieniu. Ostateczną kwotę potwierdzi serwis płatności.',
    goToCheckout: 'Przejdź do zamówienia',
    startFailed: 'Sklep nie mógł rozpocząć płatności. Spróbuj ponownie.',
    tryAgain: 'Spróbuj ponownie',
    formFailed: 'Nie udało się wczytać formularza płatności.',
    reloadCheckout: 'Wczytaj ponownie',
    loadingOrder: 'Wczytujemy zamówienie…',
    continueShopping: 'Kontynuuj zakupy',
    orderNumber: 'Numer zamówienia: ',
    noOrder: 'Nie znaleźliśmy zamówienia do wyświetlenia.',
    orderPending: 'Płatność przeszła. Szczegóły zamówienia nie są jeszcze dostępne; odśwież stronę za chwilę.',
    paid: 'Płatność otrzymana. Potwierdzenie jest w drodze.',
    status: 'Status: {status}',
    shippingTo: 'Adres dostawy',
    delivery: 'Przewidywana dostawa: {dates}',
    orderSummary: 'Podsumowanie zamówienia',
    item: 'Produkt',
    quantity: 'Ilość',
    amount: 'Kwota',
    totalPaid: 'Zapłacono łącznie',
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
    titleProducts: '상품 · Omni Roasters',
    titleCart: '장바구니 · Omni Roasters',
    titleCheckout: '결제 · Omni Roasters',
    titleConfirmation: '주문 완료 · Omni Roasters',
    lede: '여유로운 아침 커피를 위한 모든 것. 가격은 부가세 포함입니다.',
    footer:
      'omni-checkout 데모 쇼핑몰입니다. 테스트 모드라 실제 돈은 오가지 않습니다. 테스트 카드 4242 4242 4242 4242로 결제하세요. 쇼핑몰이 보내는 이메일과 문자 메시지는 {mailbox}에서 볼 수 있습니다.',
    mailbox: '개발용 메일함',
    addToCart: '[{product} ]장바구니에 담기',
    added: '{product}을(를) 장바구니에 담았습니다.',
    cartEmpty: '장바구니가 비어 있습니다.',
    browse: '상품 둘러보기',
    itemsInCart: '장바구니 상품',
    each: '개당 {price}',
    quantityOf: '[{product} ]수량',
    remove: '[{product} ]삭제',
    removed: '{product}을(를) 장바구니에서 삭제했습니다.',
    quantityChanged: '{product}: 수량 {quantity}. 소계 {subtotal}.',
    subtotal: '소계',
    shippingHint: '배송 방법은 결제 단계에서 선택합니다. 최종 금액은 결제 서비스에서 확정됩니다.',
    goToCheckout: '결제하기',
    startFailed: '결제를 시작하지 못했습니다. 다시 시도하세요.',
    tryAgain: '다시 시도',
    formFailed: '결제 양식을 불러오지 못했습니다.',
    reloadCheckout: '결제 페이지 새로고침',
    loadingOrder: '주문을 불러오는 중…',
    continueShopping: '쇼핑 계속하기',
    orderNumber: '주문 번호: ',
    noOrder: '표시할 주문을 찾을 수 없습니다.',
    orderPending: '결제가 완료되었습니다. 주문 정보를 아직 불러올 수 없으니 잠시 후 새로고침하세요.',
    paid: '결제가 확인되었습니다. 주문 확인 메일을 보내드렸습니다.',
    status: '상태: {status}',
    shippingTo: '배송지',
    delivery: '도착 예정: {dates}',
    orderSummary: '주문 요약',
    item: '상품',
    quantity: '수량',
    amount: '금액',
    totalPaid: '총 결제 금액',
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
    titleProducts: 'المنتجات · Omni Roasters',
    titleCart: 'السلة · Omni Roasters',
    titleCheckout: 'إتمام الشراء · Omni Roasters',
    titleConfirmation: 'تم تأكيد الطلب · Omni Roasters',
    lede: 'كل ما تحتاجه لتحضير قهوة الصباح على مهل. الأسعار شاملة ضريبة القيمة المضافة.',
    footer:
      'متجر تجريبي لـ omni-checkout. وضع الاختبار: لا تنتقل أموال حقيقية. ادفع ببطاقة الاختبار 4242 4242 4242 4242. تصل رسائل البريد الإلكتروني والرسائل النصية التي يرسلها المتجر إلى {mailbox}.',
    mailbox: 'صندوق بريد المطوّرين',
    addToCart: 'أضف إلى السلة[ ({product})]',
    added: 'تمت إضافة {product} إلى سلتك.',
    cartEmpty: 'سلتك فارغة.',
    browse: 'تصفّح المنتجات',
    itemsInCart: 'المنتجات في سلتك',
    each: '{price} للقطعة',
    quantityOf: 'الكمية[ ({product})]',
    remove: 'إزالة[ ({product})]',
    removed: 'تمت إزالة {product} من سلتك.',
    quantityChanged: '{product}: الكمية {quantity}. المجموع الفرعي {subtotal}.',
    subtotal: 'المجموع الفرعي',
    shippingHint: 'تختار طريقة الشحن عند إتمام الشراء. تؤكد خدمة الدفع المبلغ النهائي.',
    goToCheckout: 'المتابعة إلى الدفع',
    startFailed: 'تعذّر على المتجر بدء عملية الدفع. حاول مرة أخرى.',
    tryAgain: 'حاول مرة أخرى',
    formFailed: 'تعذّر تحميل نموذج الدفع.',
    reloadCheckout: 'إعادة تحميل صفحة الدفع',
    loadingOrder: 'جارٍ تحميل طلبك…',
    continueShopping: 'متابعة التسوق',
    orderNumber: 'رقم الطلب: ',
    noOrder: 'لم نعثر على طلب لعرضه.',
    orderPending: 'تمت عملية الدفع. تفاصيل الطلب غير متاحة بعد؛ أعد تحميل الصفحة بعد قليل.',
    paid: 'تم استلام الدفعة. تأكيد الطلب في طريقه إليك.',
    status: 'الحالة: {status}',
    shippingTo: 'الشحن إلى',
    delivery: 'موعد التسليم المتوقع: {dates}',
    orderSummary: 'ملخص الطلب',
    item: 'المنتج',
    quantity: 'الكمية',
    amount: 'المبلغ',
    totalPaid: 'إجمالي المدفوع',
  },
};

const fill = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

export type Text = (key: Key, values?: Readonly<Record<string, string>>) => string;

export function textFor(market: Market): Text {
  const table = TEXT[market.lang] ?? EN;
  // Screen-reader-only parts (square brackets) are read as part of the plain text.
  return (key, values = {}) => fill(table[key], values).replace(/[[\]]/g, '');
}

/** "Cart, 3 items" in the market's language. */
export function cartCountLabel(market: Market, count: number): string {
  const forms = CART_COUNT[market.lang] ?? CART_COUNT['en']!;
  const category = new Intl.PluralRules(market.lang).select(count);
  return fill(forms[category] ?? forms.other!, { count: new Intl.NumberFormat(market.lang).format(count) });
}

/**
 * A template as nodes: plain parts as text, bracketed parts in a visually hidden span; one inline
 * box, so a flex container keeps the spaces around the hidden part.
 */
export function rich(market: Market, key: Key, values: Readonly<Record<string, string>>): HTMLSpanElement {
  const span = document.createElement('span');
  const template = fill((TEXT[market.lang] ?? EN)[key], values);
  for (const [i, part] of template.split(/\[([^\]]*)\]/).entries()) {
    if (!part) continue;
    if (i % 2 === 0) {
      span.append(part);
    } else {
      const hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = part;
      span.append(hidden);
    }
  }
  return span;
}

/** Translates the page's static text (`data-text`, `data-text-label` for `aria-label`, and the footer). */
export function translatePage(market: Market): void {
  const text = textFor(market);
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) el.textContent = text(el.dataset['text'] as Key);
  for (const el of document.querySelectorAll<HTMLElement>('[data-text-label]')) el.setAttribute('aria-label', text(el.dataset['textLabel'] as Key));
  // The footer's sentence holds a link: text, link, text, in the language's own order.
  for (const footer of document.querySelectorAll<HTMLElement>('[data-footer]')) {
    const link = footer.querySelector('a');
    if (!link) continue;
    link.textContent = text('mailbox');
    const [before = '', after = ''] = text('footer').split('{mailbox}');
    footer.replaceChildren(before, link, after);
  }
}
