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
type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>>;

/** A language of the shop: its words, and "Cart, 3 items" by plural category (see `cartCountLabel`). */
export interface ShopLanguage {
  readonly table: Table;
  readonly cartCount: PluralForms;
}

const ENGLISH: ShopLanguage = { table: EN, cartCount: { one: 'Cart, {count} item', other: 'Cart, {count} items' } };

/** The other languages load only for their market: a page carries English and its own language, not all four. */
const LOADERS: Readonly<Record<string, () => Promise<{ default: ShopLanguage }>>> = {
  pl: () => import('./shop-text/pl.js'),
  ko: () => import('./shop-text/ko.js'),
  ar: () => import('./shop-text/ar.js'),
};

/** The page's language: one market per page, loaded before any text is written. */
let language = ENGLISH;

/** Loads the market's language (layout.ts awaits it before any page text is written). */
export async function loadShopText(market: Market): Promise<void> {
  const load = LOADERS[market.lang];
  if (load) language = (await load()).default;
}


const fill = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

export type Text = (key: Key, values?: Readonly<Record<string, string>>) => string;

export function textFor(): Text {
  const table = language.table;
  // Screen-reader-only parts (square brackets) are read as part of the plain text.
  return (key, values = {}) => fill(table[key], values).replace(/[[\]]/g, '');
}

/** "Cart, 3 items" in the market's language. */
export function cartCountLabel(market: Market, count: number): string {
  const forms = language.cartCount;
  const category = new Intl.PluralRules(market.lang).select(count);
  return fill(forms[category] ?? forms.other!, { count: new Intl.NumberFormat(market.lang).format(count) });
}

/**
 * A template as nodes: plain parts as text, bracketed parts in a visually hidden span; one inline
 * box, so a flex container keeps the spaces around the hidden part.
 */
export function rich(key: Key, values: Readonly<Record<string, string>>): HTMLSpanElement {
  const span = document.createElement('span');
  const template = fill(language.table[key], values);
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
export function translatePage(): void {
  const text = textFor();
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
