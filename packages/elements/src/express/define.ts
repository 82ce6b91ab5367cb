import { defineElement } from '../internal/define-element.js';
import { OmniExpress } from './express.js';

defineElement('omni-express', OmniExpress);

export { OmniExpress };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
