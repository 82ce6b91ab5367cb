import { defineElement } from '../internal/define-element.js';
import { OmniExpress } from './express.js';

defineElement('omni-express', OmniExpress);

export { OmniExpress };
