import { defineElement } from '../internal/define-element.js';
import { OmniPaymentMethods } from './payment-methods.js';

defineElement('omni-payment-methods', OmniPaymentMethods);

export { OmniPaymentMethods };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
