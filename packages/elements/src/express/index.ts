export { OmniExpress, type ExpressAvailability } from './express.js';
