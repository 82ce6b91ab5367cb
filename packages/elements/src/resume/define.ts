import { OmniResume } from './resume.js';

// Loaded lazily by <omni-checkout>: kept free of the shared registration helper so the chunk shares less with the first render.
if (!customElements.get('omni-resume')) customElements.define('omni-resume', OmniResume);

export { OmniResume };
export { OmniResumeEvent } from './resume-event.js';

// The events' types (and their GlobalEventHandlersEventMap entries) for a page that imports only this entry.
export type * from '../events/index.js';
