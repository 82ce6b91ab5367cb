import { createApp } from 'vue';
import { omniCheckout } from '@omni-checkout/vue';
import { registerProvider } from '@omni-checkout/core/provider';
import App from './App.vue';

// The payment providers this shop offers; each loads only when a session uses it.
registerProvider('mock', () => import('@omni-checkout/mock/client'));

createApp(App).use(omniCheckout, { elements: ['omni-checkout'] }).mount('#app');
