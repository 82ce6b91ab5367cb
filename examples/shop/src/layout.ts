/** Shared page chrome: the cart count in the header and a polite status region. */
import { formatMoney } from '@omni-checkout/core/money';
import { cartCount } from './cart.js';
import { MARKET_COOKIE, MARKETS, marketFromCookie, priceIn } from './catalogue.js';
import { cartCountLabel, loadShopText, textFor, translatePage } from './shop-text.js';
import './styles.css';

/** The market this browser chose (header menu; `omni_market` cookie, which the shop's server reads too). */
export const market = marketFromCookie(document.cookie);
await loadShopText(market);
/** The shop's own words in the market's language. */
export const text = textFor();

/** Language and direction of the whole page follow the market: `<html lang="ar" dir="rtl">`. */
document.documentElement.lang = market.lang;
document.documentElement.dir = market.lang === 'ar' ? 'rtl' : 'ltr';
translatePage();

/** An amount in minor units, in the market's currency (or `currency`, for an order) and language. */
export function money(amount: number, currency = market.currency): string {
  return formatMoney({ amount, currency }, market.lang === 'en' ? 'en-IE' : market.lang);
}

/** A catalogue price (euro cents) in the market's currency. */
export function price(eurCents: number): number {
  return priceIn(eurCents, market);
}

/** The market menu in the header: choosing reloads the page in that language, currency and country. */
function renderMarketSwitch(): void {
  const header = document.querySelector('.site-header__inner');
  if (!header || header.querySelector('[data-market]')) return;
  const id = 'market-switch';
  const label = h('label', { for: id, class: 'market-switch__label' }, text('market'));
  const select = h('select', { id, class: 'market-switch__select', 'data-market': '' });
  for (const option of MARKETS) {
    const item = h('option', { value: option.id, lang: option.lang }, option.name);
    item.selected = option.id === market.id;
    select.append(item);
  }
  select.addEventListener('change', () => {
    document.cookie = `${MARKET_COOKIE}=${select.value}; Path=/; SameSite=Lax; Max-Age=31536000`;
    location.reload();
  });
  header.append(h('div', { class: 'market-switch' }, label, select));
}

function renderCartCount(): void {
  const count = cartCount();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-cart-link]')) {
    const badge = link.querySelector('[data-cart-count]');
    if (badge) badge.textContent = String(count);
    link.setAttribute('aria-label', cartCountLabel(market, count));
  }
}

/** Says something to screen-reader users (and shows it) without moving focus. */
export function announce(message: string): void {
  const region = document.querySelector('[data-status]');
  if (!region) return;
  region.textContent = '';
  // A new text node in a live region is read even when the message repeats.
  requestAnimationFrame(() => {
    region.textContent = message;
  });
}

/** Creates an element with text content; never parses HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

renderCartCount();
renderMarketSwitch();
document.addEventListener('cart-change', renderCartCount);

/** One shop server serves two demo merchants (by host): show this one's name. */
void fetch('/api/shop', { credentials: 'same-origin' })
  .then((response) => (response.ok ? (response.json() as Promise<{ name?: string }>) : null))
  .then((shop) => {
    if (!shop?.name || shop.name === 'Omni Roasters') return;
    for (const brand of document.querySelectorAll('.brand')) brand.textContent = shop.name;
    document.title = document.title.replace('Omni Roasters', shop.name);
  })
  .catch(() => undefined);
