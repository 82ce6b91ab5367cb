/**
 * Types for `@stripe/stripe-js/pure/index.mjs`: the package ships `pure/index.d.mts` re-exporting
 * `../dist/pure` without an extension, which NodeNext resolution cannot follow. Same `loadStripe`
 * as the main entry (which would load Stripe.js on import).
 */
declare module '@stripe/stripe-js/pure/index.mjs' {
  export { loadStripe } from '@stripe/stripe-js';
}
