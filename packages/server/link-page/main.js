// The script of a payment link's hosted pay page (docs/omnichannel.md), built by
// scripts/build-link-page.mjs into link-page/dist/ and served by the backend at /l/assets/.
// It exchanges the page's single-use handoff token for this browser's own credential for the
// link's checkout (the client secret never leaves the backend, R28), then shows <omni-checkout>
// in the page's language; paid, the checkout gives way to the thanks and the order number.
// No inline code: the page loads this file with its CSP nonce.
import '@omni-checkout/elements/checkout/define';
import { registerProvider } from '@omni-checkout/core/provider';
import { redeemHandoff } from '@omni-checkout/core/handoff-client';

// Each provider's browser half loads only when the session offers it (Stripe.js and PayPal's SDK
// still come from their own hosts).
registerProvider('mock', () => import('@omni-checkout/mock/client'));
registerProvider('stripe', () => import('@omni-checkout/stripe/client'));
registerProvider('paypal', () => import('@omni-checkout/paypal/client'));

const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

async function start() {
  const root = byId('omni-link');
  const status = byId('omni-link-status');
  const { token = '', publishableKey = '', apiBase = '', lang = 'en' } = root.dataset;
  // The token is spent by the exchange below; it leaves the DOM at once.
  root.removeAttribute('data-token');
  let device;
  try {
    device = await redeemHandoff({ apiBase, publishableKey }, token);
  } catch {
    status.remove();
    byId('omni-link-failed').hidden = false;
    return;
  }
  const checkout = /** @type {HTMLElement & { clientSecret?: string }} */ (document.createElement('omni-checkout'));
  checkout.nonce = document.querySelector('meta[property="csp-nonce"]')?.nonce ?? '';
  checkout.setAttribute('publishable-key', publishableKey);
  checkout.setAttribute('api-base', apiBase);
  checkout.setAttribute('lang', lang);
  // The shopper identity network: a recognised shopper's address and saved methods, one click.
  checkout.setAttribute('identity', '');
  checkout.addEventListener('omni-ready', () => status.remove(), { once: true });
  checkout.addEventListener('omni-complete', (event) => {
    root.remove();
    byId('omni-link-order').textContent = /** @type {{ orderId?: string }} */ (event).orderId ?? '';
    byId('omni-link-paid').hidden = false;
    byId('omni-link-thanks').focus();
  });
  checkout.addEventListener('omni-load-error', () => {
    root.remove();
    byId('omni-link-failed').hidden = false;
  });
  // This browser's own credential, as a property only (never an attribute, a URL or storage).
  checkout.clientSecret = device.clientSecret;
  root.append(checkout);
}

void start();
