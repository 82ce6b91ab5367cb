export { OmniCheckout, type CheckoutValue } from './checkout.js';
