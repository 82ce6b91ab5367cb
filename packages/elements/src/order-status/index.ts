export { OmniOrderStatus } from './order-status.js';
export { OmniOrderStatusChangeEvent } from '../events/order-status-change.js';
