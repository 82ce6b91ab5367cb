import { defineElement } from '../internal/define-element.js';
import { OmniSavedMethods } from './saved-methods.js';

defineElement('omni-saved-methods', OmniSavedMethods);

export { OmniSavedMethods };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
