import { MAX_QUANTITY } from '../catalogue.js';
import { productText } from '../product-text.js';
import { pricedCart, removeFromCart, setQuantity } from '../cart.js';
import { announce, h, market, money, price, text } from '../layout.js';
import { rich } from '../shop-text.js';

const root = document.querySelector<HTMLDivElement>('[data-cart]')!;
const heading = document.querySelector<HTMLHeadingElement>('[data-focus-target]')!;

function subtotalText(): string {
  return money(pricedCart().reduce((sum, line) => sum + price(line.product.unitAmount) * line.quantity, 0));
}

function render(): void {
  const lines = pricedCart();
  if (lines.length === 0) {
    root.replaceChildren(
      h('p', { class: 'notice' }, text('cartEmpty')),
      h('p', {}, h('a', { class: 'button', href: '/' }, text('browse'))),
    );
    return;
  }

  const subtotal = h('dd', { 'data-subtotal': '' }, subtotalText());
  const items = lines.map((line) => {
    const inputId = `quantity-${line.productId}`;
    const { name } = productText(line.product, market.lang);
    const lineTotal = h('p', { class: 'cart-line__total' }, money(price(line.product.unitAmount) * line.quantity));
    const input = h('input', {
      id: inputId,
      type: 'number',
      inputmode: 'numeric',
      min: '1',
      max: String(MAX_QUANTITY),
      step: '1',
      value: String(line.quantity),
      class: 'quantity-input',
    });
    input.addEventListener('change', () => {
      const quantity = Number(input.value);
      setQuantity(line.productId, quantity);
      const updated = pricedCart().find((l) => l.productId === line.productId);
      if (updated) {
        input.value = String(updated.quantity);
        lineTotal.textContent = money(price(updated.product.unitAmount) * updated.quantity);
      }
      subtotal.textContent = subtotalText();
      announce(text('quantityChanged', { product: name, quantity: input.value, subtotal: subtotal.textContent ?? '' }));
    });
    const remove = h('button', { type: 'button', class: 'button button--link' }, rich('remove', { product: name }));
    remove.addEventListener('click', () => {
      removeFromCart(line.productId);
      render();
      heading.focus();
      announce(text('removed', { product: name }));
    });
    return h(
      'li',
      { class: 'cart-line' },
      h('img', { src: line.product.image, alt: '', width: '80', height: '60' }),
      h('div', { class: 'cart-line__info' }, h('h2', { class: 'cart-line__name' }, name), h('p', {}, text('each', { price: money(price(line.product.unitAmount)) }))),
      h(
        'div',
        { class: 'cart-line__controls' },
        h('label', { for: inputId }, rich('quantityOf', { product: name })),
        input,
        remove,
      ),
      lineTotal,
    );
  });

  root.replaceChildren(
    h('ul', { class: 'cart-lines', 'aria-label': text('itemsInCart') }, ...items),
    h('dl', { class: 'cart-summary' }, h('dt', {}, text('subtotal')), subtotal),
    h('p', { class: 'hint' }, text('shippingHint')),
    h('p', {}, h('a', { class: 'button', href: '/checkout' }, text('goToCheckout'))),
  );
}

render();
