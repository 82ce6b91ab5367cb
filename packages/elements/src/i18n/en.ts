import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('en');

const en = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',

  loading: 'Loading checkout…',
  contact: 'Contact',
  email: 'Email',
  shippingAddress: 'Shipping address',
  fullName: 'Full name',
  country: 'Country',
  addressLine1: 'Address line 1',
  addressLine2: 'Apartment, suite, floor (optional)',
  addAddressLine2: 'Add apartment, suite or floor',
  city: 'City',
  region: 'State, province or region',
  postalCode: 'Postal code',
  phone: 'Phone (optional)',
  optional: (label) => `${label} (optional)`,

  shippingMethod: 'Shipping method',
  free: 'Free',
  deliveryEstimate: (min, max) =>
    min === max
      ? `${count.format(min)} business ${min === 1 ? 'day' : 'days'}`
      : `${count.format(min)}–${count.format(max)} business days`,
  payment: 'Payment',
  expressCheckout: 'Express checkout',

  orderSummary: 'Order summary',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: 'Subtotal',
  shipping: 'Shipping',
  shippingNotChosen: 'Not chosen yet',
  total: 'Total',

  pay: (amount) => `Pay ${amount}`,
  paying: (amount) => `Paying ${amount}…`,
  verifying: 'Waiting for your bank to verify the payment…',
  succeeded: 'Payment successful',
  orderNumber: 'Order number:',

  address: {
    billingAddress: 'Billing address',
    regionKinds: { area: 'Area', county: 'County', department: 'Department', district: 'District', do_si: 'Province', emirate: 'Emirate', island: 'Island', oblast: 'Region', parish: 'Parish', prefecture: 'Prefecture', province: 'Province', state: 'State' },
    cityKinds: { city: 'City', district: 'District', post_town: 'Post town', suburb: 'Suburb' },
    districtKinds: { district: 'District', neighborhood: 'Neighbourhood', suburb: 'Suburb', townland: 'Townland', village_township: 'Village or township' },
    postalCodeKinds: { eircode: 'Eircode', pin: 'PIN code', postal: 'Postal code', zip: 'ZIP code' },
    sortingCode: 'Sorting code',
    chooseRegion: 'Choose…',
    example: (example) => `For example ${example}`,
  },

  errors: {
    required: (label) => `Enter your ${label.toLowerCase()}.`,
    invalidEmail: 'Enter an email address like name@example.com.',
    tooLong: (label) => `${label} is too long.`,
    chooseShipping: 'Choose a shipping method.',
    cardIncomplete: 'Enter your card details.',
    verificationCanceled: 'You cancelled the card verification, so nothing was charged. Pay again when you are ready.',
    walletCanceled: 'You closed the payment window, so nothing was charged. Pay again when you are ready.',
    loadFailed: 'The checkout could not be loaded. Check your connection and reload the page.',
    providerFailed: 'The payment form could not be loaded. Reload the page to try again.',
    generic: 'Something went wrong. Please try again.',
    invalidPostalCode: (label, example) => (example ? `Enter a valid ${label.toLowerCase()}, for example ${example}.` : `Enter a valid ${label.toLowerCase()}.`),
    postalCodeRegionMismatch: (postalCode, region) => `This ${postalCode.toLowerCase()} is not in the ${region.toLowerCase()} you chose.`,
    unknownRegion: (label) => `Choose a ${label.toLowerCase()} from the list.`,
    invalidPhone: (example) => `Enter a phone number like ${example}.`,
    controlCharacters: (label) => `${label} contains characters that cannot be used.`,
  },
} satisfies Translation;

export default en;
