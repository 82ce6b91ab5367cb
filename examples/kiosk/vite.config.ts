import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { litOxc, sourceConditions } from '../../scripts/lit-oxc.js';

const root = fileURLToPath(new URL('.', import.meta.url));

// The kiosk is served by the demo shop's server at /kiosk (examples/shop/src/server.ts), under the
// shop's strict Content Security Policy: no inline scripts or styles, the nonce on Vite's tags.
export default defineConfig(({ mode }) => ({
  root,
  base: '/kiosk/',
  oxc: litOxc,
  resolve: { conditions: mode === 'development' ? sourceConditions : sourceConditions.filter((c) => c !== 'development') },
  html: { cspNonce: 'omni-csp-nonce-placeholder' },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
}));
