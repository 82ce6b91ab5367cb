/** Classes and events. Importing this module registers nothing: import `./define.js` (or a component's `define`) for that. */
export { OmniCheckout, type CheckoutValue } from './checkout/index.js';
export * from './events/index.js';
export { defineElement } from './internal/define-element.js';
export type { Translation } from './i18n/index.js';
export { tokens, type TokenName } from './styles/tokens.js';
