/** Registers every element of the library (skipping tags another copy already defined). */
import './checkout/define.js';

export * from './index.js';
