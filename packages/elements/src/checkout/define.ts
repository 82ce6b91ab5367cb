import { defineElement } from '../internal/define-element.js';
import '../address/define.js';
import '../payment-methods/define.js';
import { OmniCheckout } from './checkout.js';

defineElement('omni-checkout', OmniCheckout);

export { OmniCheckout };
