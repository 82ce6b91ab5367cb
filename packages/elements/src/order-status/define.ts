import { defineElement } from '../internal/define-element.js';
import { OmniOrderStatus } from './order-status.js';

defineElement('omni-order-status', OmniOrderStatus);

export { OmniOrderStatus };

// Its event's class and GlobalEventHandlersEventMap entry, for a page that imports only this entry.
export { OmniOrderStatusChangeEvent } from '../events/order-status-change.js';
