export { OmniHandoff } from './handoff.js';
