export { OmniAddressChangeEvent } from './address-change.js';
export { OmniCompleteEvent } from './complete.js';
export { OmniErrorEvent } from './error.js';
export { OmniLoadErrorEvent } from './load-error.js';
export { OmniPaymentRequiresActionEvent } from './payment-requires-action.js';
export { OmniReadyEvent } from './ready.js';
export { OmniShippingChangeEvent } from './shipping-change.js';
export { OmniWalletUnavailableEvent } from './wallet-unavailable.js';
export { OmniIdentityRecognizedEvent } from './identity-recognized.js';
export { OmniSavedMethodChangeEvent } from './saved-method-change.js';
// A type here: the class ships with the status page's own entry (`./order-status`), not with the checkout.
export type { OmniOrderStatusChangeEvent } from './order-status-change.js';
// Types here: the classes ship with <omni-handoff>'s own entry (`./handoff`), not with the checkout.
export type { OmniHandoffRedeemEvent } from './handoff-redeem.js';
