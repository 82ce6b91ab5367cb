import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { litOxc, sourceConditions } from '../../scripts/lit-oxc.js';

const root = fileURLToPath(new URL('.', import.meta.url));
export const CSP_NONCE_PLACEHOLDER = 'omni-csp-nonce-placeholder';

export default defineConfig(({ mode }) => ({
  root,
  // Lit decorators (legacy) and workspace sources through the `source` export condition.
  oxc: litOxc,
  // A production build leaves out the `development` condition: Lit's production build and no
  // component dev warnings, as a real shop would ship.
  resolve: { conditions: mode === 'development' ? sourceConditions : sourceConditions.filter((c) => c !== 'development') },
  // Vite puts this placeholder on its script tags and in <meta property="csp-nonce">; the shop's
  // server replaces it with a fresh nonce per response (PayPal's SDK needs one for what it injects).
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be an inline script; the strict CSP forbids those.
    modulePreload: {
      polyfill: false,
      // "Pay on your phone" (pages/pay.ts) loads on idle after the checkout shows: its chunks load
      // when it does, so the checkout page does not carry their names in its preload lists.
      resolveDependencies: (filename, deps) => (/(^|\/)pay-[\w-]+\.js$/.test(filename) ? [] : deps),
    },
    sourcemap: true,
    rolldownOptions: {
      input: {
        index: resolve(root, 'index.html'),
        cart: resolve(root, 'cart.html'),
        checkout: resolve(root, 'checkout.html'),
        confirmation: resolve(root, 'confirmation.html'),
        'order-status': resolve(root, 'order-status.html'),
      },
    },
  },
}));
