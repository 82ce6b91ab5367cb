export { OmniAddress, type AddressMode } from './address.js';
