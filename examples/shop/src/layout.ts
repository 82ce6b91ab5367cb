/** Shared page chrome: the cart count in the header and a polite status region. */
import { formatMoney } from '@omni-checkout/core/money';
import { cartCount } from './cart.js';
import { CURRENCY } from './catalogue.js';
import './styles.css';

export function money(amount: number): string {
  return formatMoney({ amount, currency: CURRENCY }, 'en-IE');
}

function renderCartCount(): void {
  const count = cartCount();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-cart-link]')) {
    const badge = link.querySelector('[data-cart-count]');
    if (badge) badge.textContent = String(count);
    link.setAttribute('aria-label', `Cart, ${count} ${count === 1 ? 'item' : 'items'}`);
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
