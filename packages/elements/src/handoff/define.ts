import { defineElement } from '../internal/define-element.js';
import { OmniHandoff } from './handoff.js';

defineElement('omni-handoff', OmniHandoff);

export { OmniHandoff };

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
