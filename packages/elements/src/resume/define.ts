import { defineElement } from '../internal/define-element.js';
import { OmniResume } from './resume.js';

defineElement('omni-resume', OmniResume);

export { OmniResume };
export { OmniResumeEvent } from './resume-event.js';
