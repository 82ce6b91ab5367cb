import { defineElement } from '../internal/define-element.js';
import { OmniShipping } from './shipping.js';

defineElement('omni-shipping', OmniShipping);

export { OmniShipping };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
