import { defineElement } from '../internal/define-element.js';
import '../address/define.js';
import '../payment-methods/define.js';
import { OmniCheckout } from './checkout.js';

defineElement('omni-checkout', OmniCheckout);

export { OmniCheckout };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
