import { defineElement } from '../internal/define-element.js';
import { OmniResume } from './resume.js';

defineElement('omni-resume', OmniResume);

export { OmniResume };
export { OmniResumeEvent } from './resume-event.js';

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
