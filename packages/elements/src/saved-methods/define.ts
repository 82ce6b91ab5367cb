import { defineElement } from '../internal/define-element.js';
import { OmniSavedMethods } from './saved-methods.js';

defineElement('omni-saved-methods', OmniSavedMethods);

export { OmniSavedMethods };
