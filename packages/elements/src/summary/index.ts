export { OmniSummary } from './summary.js';
