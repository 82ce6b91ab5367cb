import { defineElement } from '../internal/define-element.js';
import { OmniIdentity } from './identity.js';

defineElement('omni-identity', OmniIdentity);

export { OmniIdentity };
