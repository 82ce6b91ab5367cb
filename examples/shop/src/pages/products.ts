import { addToCart } from '../cart.js';
import { PRODUCTS } from '../catalogue.js';
import { productText } from '../product-text.js';
import { announce, h, market, money, price, text } from '../layout.js';
import { rich } from '../shop-text.js';

const list = document.querySelector<HTMLUListElement>('[data-products]')!;

for (const product of PRODUCTS) {
  const headingId = `product-${product.id}`;
  const { name, description } = productText(product, market.lang);
  // "Add to cart", read with the product's name: one inline box keeps the spaces around it.
  const button = h('button', { type: 'button', class: 'button' }, rich('addToCart', { product: name }));
  button.addEventListener('click', () => {
    addToCart(product.id);
    announce(text('added', { product: name }));
  });
  list.append(
    h(
      'li',
      {},
      h(
        'article',
        { class: 'product-card', 'aria-labelledby': headingId },
        h('img', { src: product.image, alt: '', width: '160', height: '120', loading: 'lazy', decoding: 'async' }),
        h('h2', { id: headingId }, name),
        h('p', { class: 'product-card__description' }, description),
        h('p', { class: 'price' }, money(price(product.unitAmount))),
        button,
      ),
    ),
  );
}
