/**
 * The form with the identity network (the checkout's `identity` attribute): `<omni-identity>` and
 * `<omni-saved-methods>` register before the form first renders (no shift when they upgrade). One
 * lazy module with the form rather than beside it: one request, and esbuild splits what the form
 * and these elements share with the first render into fewer chunks (docs/architecture.md).
 */
import '../identity/define.js';
import '../saved-methods/define.js';

export { CheckoutForm, prepareForm } from './checkout-form.js';
