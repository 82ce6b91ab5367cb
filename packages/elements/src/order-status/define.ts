import { defineElement } from '../internal/define-element.js';
import { OmniOrderStatus } from './order-status.js';

defineElement('omni-order-status', OmniOrderStatus);

export { OmniOrderStatus };
