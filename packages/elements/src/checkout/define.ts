import { defineElement } from '../internal/define-element.js';
import { OmniCheckout } from './checkout.js';

defineElement('omni-checkout', OmniCheckout);

export { OmniCheckout };
