export { OmniOrderStatus } from './order-status.js';
