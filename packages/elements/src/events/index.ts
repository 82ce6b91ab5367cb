export { OmniAddressChangeEvent } from './address-change.js';
export { OmniCompleteEvent } from './complete.js';
export { OmniErrorEvent } from './error.js';
export { OmniLoadErrorEvent } from './load-error.js';
export { OmniPaymentRequiresActionEvent } from './payment-requires-action.js';
export { OmniReadyEvent } from './ready.js';
export { OmniShippingChangeEvent } from './shipping-change.js';
export { OmniWalletUnavailableEvent } from './wallet-unavailable.js';
