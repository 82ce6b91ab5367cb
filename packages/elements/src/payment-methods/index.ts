export { OmniPaymentMethods } from './payment-methods.js';
