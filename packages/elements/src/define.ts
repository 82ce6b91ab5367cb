/** Registers every element of the library (skipping tags another copy already defined). */
import './address/define.js';
import './express/define.js';
import './payment-methods/define.js';
import './checkout/define.js';
import './identity/define.js';
import './saved-methods/define.js';
import './summary/define.js';
import './shipping/define.js';

// The classes and events, for `instanceof` and types (not the tokens' table: `@omni-checkout/elements` has it).
export * from './classes.js';
