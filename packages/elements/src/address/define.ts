import { defineElement } from '../internal/define-element.js';
import { OmniAddress } from './address.js';

defineElement('omni-address', OmniAddress);

export { OmniAddress };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
