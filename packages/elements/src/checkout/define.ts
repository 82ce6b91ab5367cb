import { defineElement } from '../internal/define-element.js';
import { OmniCheckout } from './checkout.js';

// <omni-summary> and <omni-shipping> register with the checkout (its first render shows them);
// <omni-address> and <omni-payment-methods> with its form, when it loads (checkout-form.ts).
defineElement('omni-checkout', OmniCheckout);

export { OmniCheckout };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
