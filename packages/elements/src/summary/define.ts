import { defineElement } from '../internal/define-element.js';
import { OmniSummary } from './summary.js';

defineElement('omni-summary', OmniSummary);

export { OmniSummary };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
