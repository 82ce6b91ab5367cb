/**
 * The English strings of the checkout's first render: the shell, `<omni-summary>`, the one-click
 * button and `<omni-express>` (docs/architecture.md, "The first render"). Only these are in the entry chunk; the rest of
 * the English catalog (`en.ts`, which spreads this one) loads with the form, like every other
 * language's catalog. A string the shell starts to use belongs here and in `FirstTranslation`.
 */
import type { FirstTranslation } from './first-translation.js';

/** Counts in English (also used by `en.ts`). */
export const count = new Intl.NumberFormat('en');

const enFirst = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',
  loading: 'Loading checkout…',
  payment: 'Payment',
  orderSummary: 'Order summary',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: 'Subtotal',
  shipping: 'Shipping',
  shippingNotChosen: 'Not chosen yet',
  total: 'Total',
  pay: (amount) => `Pay ${amount}`,
  paying: (amount) => `Paying ${amount}…`,
  succeeded: 'Payment successful',
  orderNumber: 'Order number:',
  expressCheckout: 'Express checkout',
  errors: {
    loadFailed: 'The checkout could not be loaded. Check your connection and reload the page.',
    generic: 'Something went wrong. Please try again.',
  },
  identity: {
    payWith: (amount, last4, address) => `Pay ${amount} with •••• ${last4}, deliver to ${address}`,
    welcomeBack: 'Welcome back',
    useOtherDetails: 'Use other details',
  },
} satisfies FirstTranslation;

export default enFirst;
