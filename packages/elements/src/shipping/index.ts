export { OmniShipping } from './shipping.js';
