import { defineElement } from '../internal/define-element.js';
import { OmniSummary } from './summary.js';

defineElement('omni-summary', OmniSummary);

export { OmniSummary };
