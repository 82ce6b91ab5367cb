export { OmniResume } from './resume.js';
export { OmniResumeEvent } from './resume-event.js';
