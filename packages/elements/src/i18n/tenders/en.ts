import type { TenderTranslation } from './index.js';

export default {
  add: 'Add a gift card',
  codeLabel: 'Gift card code',
  codeHint: 'The code on your card or in your email, e.g. XXXX-XXXX-XXXX-XXXX-XXXX.',
  apply: 'Apply',
  applying: 'Applying…',
  card: (last4) => `Gift card •••• ${last4}`,
  storeCredit: 'Store credit',
  useStoreCredit: (amount) => `Use your store credit (${amount})`,
  remove: 'Remove',
  removeLabel: (what) => `Remove ${what}`,
  toPay: 'To pay',
  applied: (what, amount) => `${what} applied: ${amount}.`,
  covered: 'Your gift card or store credit pays the whole order.',
  placeOrder: (amount) => `Place order (${amount})`,
  errors: {
    empty: 'Enter the code of your gift card.',
    notFound: 'We could not find a gift card with this code. Check the code and try again.',
    inactive: 'This gift card has expired or can no longer be used.',
    noBalance: 'This gift card has no balance left.',
    currency: 'This gift card is in another currency than this order.',
    tooMany: 'Too many codes tried. Try again later.',
    alreadyCovered: 'What you applied already pays the whole order.',
    generic: 'We could not apply this. Please try again.',
  },
} satisfies TenderTranslation;
