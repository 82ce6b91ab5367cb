import { defineElement } from '../internal/define-element.js';
import { OmniAddress } from './address.js';

defineElement('omni-address', OmniAddress);

export { OmniAddress };
