import { MAX_QUANTITY } from '../catalogue.js';
import { pricedCart, removeFromCart, setQuantity } from '../cart.js';
import { announce, h, money, price } from '../layout.js';

const root = document.querySelector<HTMLDivElement>('[data-cart]')!;
const heading = document.querySelector<HTMLHeadingElement>('[data-focus-target]')!;

function subtotalText(): string {
  return money(pricedCart().reduce((sum, line) => sum + price(line.product.unitAmount) * line.quantity, 0));
}

function render(): void {
  const lines = pricedCart();
  if (lines.length === 0) {
    root.replaceChildren(
      h('p', { class: 'notice' }, 'Your cart is empty.'),
      h('p', {}, h('a', { class: 'button', href: '/' }, 'Browse products')),
    );
    return;
  }

  const subtotal = h('dd', { 'data-subtotal': '' }, subtotalText());
  const items = lines.map((line) => {
    const inputId = `quantity-${line.productId}`;
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
      announce(`${line.product.name}: quantity ${input.value}. Subtotal ${subtotal.textContent}.`);
    });
    const remove = h(
      'button',
      { type: 'button', class: 'button button--link' },
      h('span', {}, 'Remove ', h('span', { class: 'visually-hidden' }, line.product.name)),
    );
    remove.addEventListener('click', () => {
      removeFromCart(line.productId);
      render();
      heading.focus();
      announce(`${line.product.name} removed from your cart.`);
    });
    return h(
      'li',
      { class: 'cart-line' },
      h('img', { src: line.product.image, alt: '', width: '80', height: '60' }),
      h('div', { class: 'cart-line__info' }, h('h2', { class: 'cart-line__name' }, line.product.name), h('p', {}, `${money(price(line.product.unitAmount))} each`)),
      h(
        'div',
        { class: 'cart-line__controls' },
        h('label', { for: inputId }, 'Quantity', h('span', { class: 'visually-hidden' }, ` of ${line.product.name}`)),
        input,
        remove,
      ),
      lineTotal,
    );
  });

  root.replaceChildren(
    h('ul', { class: 'cart-lines', 'aria-label': 'Items in your cart' }, ...items),
    h('dl', { class: 'cart-summary' }, h('dt', {}, 'Subtotal'), subtotal),
    h('p', { class: 'hint' }, 'Shipping is chosen at checkout. The final total is confirmed by the payment service.'),
    h('p', {}, h('a', { class: 'button', href: '/checkout' }, 'Go to checkout')),
  );
}

render();
