import { addToCart } from '../cart.js';
import { PRODUCTS } from '../catalogue.js';
import { announce, h, money, price } from '../layout.js';

const list = document.querySelector<HTMLUListElement>('[data-products]')!;

for (const product of PRODUCTS) {
  const headingId = `product-${product.id}`;
  const button = h(
    'button',
    { type: 'button', class: 'button' },
    // One inline box, so the flex button keeps the spaces around the hidden product name.
    h('span', {}, 'Add ', h('span', { class: 'visually-hidden' }, `${product.name} `), 'to cart'),
  );
  button.addEventListener('click', () => {
    addToCart(product.id);
    announce(`${product.name} added to your cart.`);
  });
  list.append(
    h(
      'li',
      {},
      h(
        'article',
        { class: 'product-card', 'aria-labelledby': headingId },
        h('img', { src: product.image, alt: '', width: '160', height: '120', loading: 'lazy', decoding: 'async' }),
        h('h2', { id: headingId }, product.name),
        h('p', { class: 'product-card__description' }, product.description),
        h('p', { class: 'price' }, money(price(product.unitAmount))),
        button,
      ),
    ),
  );
}
