import { defineElement } from '../internal/define-element.js';
import { OmniIdentity } from './identity.js';

defineElement('omni-identity', OmniIdentity);

export { OmniIdentity };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
