import { defineElement } from '../internal/define-element.js';
import { OmniPaymentMethods } from './payment-methods.js';

defineElement('omni-payment-methods', OmniPaymentMethods);

export { OmniPaymentMethods };
