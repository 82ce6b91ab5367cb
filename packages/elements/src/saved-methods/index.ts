export { OmniSavedMethods } from './saved-methods.js';
