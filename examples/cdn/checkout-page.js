// The page's own script (a file, not an inline script: the strict CSP allows only 'self').
// 1. Ask the merchant's server for a checkout session (it prices the cart and holds the secret key).
// 2. Create <omni-checkout> (registered by /cdn/checkout.js) and hand it the client secret as a property.
const status = document.querySelector('[data-status]');
const response = await fetch('/api/checkout', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ items: [{ productId: 'house-blend', quantity: 2 }] }),
});
const start = await response.json();
if (!response.ok) {
  status.textContent = start.error?.message ?? 'The checkout could not start.';
} else {
  const checkout = document.createElement('omni-checkout');
  checkout.setAttribute('publishable-key', start.publishableKey);
  checkout.setAttribute('api-base', start.apiBase);
  checkout.clientSecret = start.clientSecret; // a property only: never an attribute or a URL
  checkout.addEventListener('omni-ready', () => (status.textContent = ''));
  checkout.addEventListener('omni-complete', (event) => {
    status.textContent = `Thank you! Order ${event.orderId} is paid.`;
  });
  checkout.addEventListener('omni-load-error', (event) => (status.textContent = event.message));
  document.querySelector('[data-checkout]').append(checkout);
}
