import { defineConfig } from 'vite';

export default defineConfig({
  // React's automatic JSX runtime (Vite's built-in transform; no plugin needed for a production build).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    target: 'es2022',
    // The polyfill would be an inline script; the strict CSP forbids those.
    modulePreload: { polyfill: false },
  },
});
