/**
 * Classes and events (what `./define.js` re-exports with the registration). Importing this module
 * registers nothing: import `./define.js` (or a component's `define`) for that. The package's
 * main entry (`index.ts`) adds the design tokens' table.
 */
export { OmniCheckout, type CheckoutValue } from './checkout/index.js';
export { OmniAddress, type AddressMode } from './address/index.js';
export { OmniExpress, type ExpressAvailability } from './express/index.js';
export { OmniIdentity } from './identity/identity.js';
export { OmniSavedMethods } from './saved-methods/index.js';
export { OmniPaymentMethods } from './payment-methods/index.js';
export { OmniSummary } from './summary/index.js';
export { OmniShipping } from './shipping/index.js';
// A type only: the status page is its own entry (`./order-status/define`), never bundled with the checkout.
export type { OmniOrderStatus } from './order-status/index.js';
// A type only as well: <omni-handoff> is its own entry (`./handoff/define`).
export type { OmniHandoff } from './handoff/index.js';
// <omni-resume> is loaded by <omni-checkout> after a sign-in (resume on another device); its types only.
export type { OmniResume } from './resume/resume.js';
export type { OmniResumeEvent } from './resume/resume-event.js';
export { checkoutContext, type CheckoutContext, type CheckoutConfig } from './context/context.js';
export { OmniFormControl, type FormControlValue } from './internal/form-control.js';
export * from './events/index.js';
export { defineElement } from './internal/define-element.js';
export { LOCALES, type Locale, type Translation } from './i18n/index.js';
