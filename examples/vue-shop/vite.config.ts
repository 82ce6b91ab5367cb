import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { isCustomElement } from '@omni-checkout/vue';

export default defineConfig({
  // <omni-*> are custom elements: Vue's compiler leaves them to the browser.
  plugins: [vue({ template: { compilerOptions: { isCustomElement } } })],
  build: {
    target: 'es2022',
    // The polyfill would be an inline script; the strict CSP forbids those.
    modulePreload: { polyfill: false },
  },
});
