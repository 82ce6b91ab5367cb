import type { MockMessages } from './messages.js';

export default {
  $code: 'en',
  cardDetails: 'Card details',
  testMode: 'Test mode — use 4242 4242 4242 4242',
  cardNumber: 'Card number',
  expiry: 'Expiry date',
  expiryPlaceholder: 'MM / YY',
  cvc: 'Security code (CVC)',
  errors: {
    incomplete_number: 'Your card number is incomplete.',
    invalid_number: 'Your card number is invalid.',
    incomplete_expiry: "Your card's expiry date is incomplete.",
    invalid_expiry_month: "Your card's expiry month is invalid.",
    invalid_expiry_year_past: "Your card's expiry date is in the past.",
    incomplete_cvc: "Your card's security code is incomplete.",
  },
  testCardRequired: 'This is a test checkout: use a test card such as 4242 4242 4242 4242.',
  challengeTitle: 'Confirm your payment',
  challengeText: 'Test 3-D Secure challenge from your bank',
  approve: 'Approve',
  cancel: 'Cancel',
  unsupportedAction: 'This payment step is not supported by the mock provider.',
  networkError: 'We could not reach the payment service. Check your connection and try again.',
  verificationFailed: 'The card verification could not be completed. Please try again.',
} satisfies MockMessages;
