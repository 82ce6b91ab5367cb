import type { MockMessages } from './messages.js';

export default {
  $code: 'sv',
  cardDetails: 'Kortuppgifter',
  testMode: 'Testläge — använd 4242 4242 4242 4242',
  cardNumber: 'Kortnummer',
  expiry: 'Giltigt till',
  expiryPlaceholder: 'MM / ÅÅ',
  cvc: 'Säkerhetskod (CVC)',
  errors: {
    incomplete_number: 'Kortnumret är ofullständigt.',
    invalid_number: 'Kortnumret är ogiltigt.',
    incomplete_expiry: 'Kortets giltighetsdatum är ofullständigt.',
    invalid_expiry_month: 'Kortets giltighetsmånad är ogiltig.',
    invalid_expiry_year_past: 'Kortets giltighetstid har gått ut.',
    incomplete_cvc: 'Kortets säkerhetskod är ofullständig.',
  },
  testCardRequired: 'Det här är ett testköp: använd ett testkort som 4242 4242 4242 4242.',
  challengeTitle: 'Bekräfta betalningen',
  challengeText: 'Test av 3-D Secure från din bank',
  approve: 'Godkänn',
  cancel: 'Avbryt',
  unsupportedAction: 'Testleverantören stöder inte det här betalningssteget.',
  networkError: 'Vi kunde inte nå betaltjänsten. Kontrollera anslutningen och försök igen.',
  verificationFailed: 'Kortverifieringen kunde inte slutföras. Försök igen.',
} satisfies MockMessages;
