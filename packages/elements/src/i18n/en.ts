import { BRAND_NAMES } from './brands.js';
import type { Translation } from './translation.js';
import enFirst, { count } from './en-first.js';

const en = {
  ...enFirst,

  contact: 'Contact',
  email: 'Email',
  shippingAddress: 'Shipping address',
  fullName: 'Full name',
  country: 'Country',
  addressLine1: 'Address line 1',
  addressLine2: 'Apartment, suite, floor',
  addAddressLine2: 'Add apartment, suite or floor',
  city: 'City',
  region: 'State, province or region',
  postalCode: 'Postal code',
  phone: 'Phone',
  optional: (label) => `${label} (optional)`,

  shippingMethod: 'Shipping method',
  free: 'Free',
  deliveryEstimate: (min, max) =>
    min === max
      ? `${count.format(min)} business ${min === 1 ? 'day' : 'days'}`
      : `${count.format(min)}–${count.format(max)} business days`,


  verifying: 'Waiting for your bank to verify the payment…',

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

  paymentMethod: 'Payment method',
  methodFailed: 'Could not be loaded. Choose another way to pay.',
  methods: { ...BRAND_NAMES, card: 'Card', sepa_debit: 'SEPA Direct Debit', card_installments: 'Card in instalments', konbini: 'Konbini (convenience store)', cash_on_delivery: 'Cash on delivery', gift_card: 'Gift card or store credit' },

  errors: {
    ...enFirst.errors,
    required: (label) => `Enter your ${label.toLowerCase()}.`,
    invalidEmail: 'Enter an email address like name@example.com.',
    tooLong: (label) => `${label} is too long.`,
    chooseShipping: 'Choose a shipping method.',
    cardIncomplete: 'Enter your card details.',
    verificationCanceled: 'You cancelled the card verification, so nothing was charged. Pay again when you are ready.',
    walletCanceled: 'You closed the payment window, so nothing was charged. Pay again when you are ready.',
    providerFailed: 'The payment form could not be loaded. Reload the page to try again.',
    invalidPostalCode: (label, example) => (example ? `Enter a valid ${label.toLowerCase()}, for example ${example}.` : `Enter a valid ${label.toLowerCase()}.`),
    postalCodeRegionMismatch: (postalCode, region) => `This ${postalCode.toLowerCase()} is not in the ${region.toLowerCase()} you chose.`,
    unknownRegion: (label) => `Choose a ${label.toLowerCase()} from the list.`,
    invalidPhone: (example) => `Enter a phone number like ${example}.`,
    controlCharacters: (label) => `${label} contains characters that cannot be used.`,
  },
  identity: {
    ...enFirst.identity,
    passkeyButton: 'Sign in with a passkey',
    codeSent: (hint) => `If you saved your details with us, we sent a 6-digit code to ${hint}.`,
    codeLabel: 'Verification code',
    resend: 'Send a new code',
    askCode: 'Saved your details with us? Send me a code',
    checking: 'Checking the code…',
    signedIn: (email) => `Signed in as ${email}`,
    notYou: 'Not you?',
    shareQuestion: (merchant) => `Share your saved address and payment methods with ${merchant}?`,
    shareButton: 'Share and continue',
    savePasskey: 'Save a passkey for one-click checkout',
    passkeySaved: 'Passkey saved. Next time you can pay in one click.',
    saveDetails: 'Save my details for one-click checkout',
    saveDetailsHint: 'We keep your address and a reference to your card from the payment provider, for this shop and others that use this checkout. You can delete them at any time.',
    savePhone: 'Mobile number for sign-in codes (optional)',
    savedMethods: 'Saved payment methods',
    card: (brand, last4) => `${brand} ending in ${last4}`,
    expires: (month, year) => `Expires ${month}/${year}`,
    defaultMethod: 'Default',
    addNew: 'Add a new card',
    remove: (label) => `Remove ${label}`,
    confirmRemoval: 'To remove a card, confirm it is you.',
    removed: 'Card removed.',
    phoneLabel: 'Mobile number',
    usePhone: 'Use a mobile number instead',
    useEmail: 'Use email instead',
    deliverTo: 'Deliver to',
    newAddress: 'A new address',
    addressLabel: 'Name for this address',
    saveAddress: 'Save this address',
    addressSaved: (l) => `Address “${l}” saved.`,
    makeDefault: (l) => `Make ${l} my default address`,
    defaultAddressSet: (l) => `${l} is now your default address.`,
    stepUpNewCountry: (h) => `This order goes to a new country. To confirm it is you, enter the code we sent to ${h}.`,
    errors: {
      invalidCode: 'That code is not right. Check the latest message and try again.',
      codeExpired: 'This code has expired. Send a new one.',
      tooManyAttempts: 'Too many attempts. Please wait a while, or use your passkey.',
      passkeyFailed: 'Your passkey could not be used. Try again, or use a code.',
      rateLimited: 'Too many codes were requested. Please wait a few minutes.',
    },
  },
} satisfies Translation;

export default en;
