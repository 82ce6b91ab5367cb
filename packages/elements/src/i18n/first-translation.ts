import type { Translation } from './translation.js';

/**
 * The part of a catalog the checkout's first render reads (the shell, `<omni-summary>`, the
 * one-click button, `<omni-express>` above them). English keeps exactly these in `en-first.ts`, in the entry chunk; every full
 * catalog (`Translation`) has them too, so a loaded language serves the first render as it is.
 */
export type FirstTranslation = Pick<
  Translation,
  | '$code'
  | '$name'
  | '$dir'
  | 'loading'
  | 'payment'
  | 'orderSummary'
  | 'lineItem'
  | 'subtotal'
  | 'shipping'
  | 'shippingNotChosen'
  | 'total'
  | 'pay'
  | 'paying'
  | 'succeeded'
  | 'orderNumber'
  | 'expressCheckout'
> & {
  /** `backend` only in the other languages' catalogs, which the first render uses whole (`speakWith`). */
  readonly errors: Pick<Translation['errors'], 'loadFailed' | 'generic' | 'backend'>;
  readonly identity: Pick<Translation['identity'], 'payWith' | 'welcomeBack' | 'useOtherDetails'>;
};
