import { defineElement } from '../internal/define-element.js';
import { OmniShipping } from './shipping.js';

defineElement('omni-shipping', OmniShipping);

export { OmniShipping };
