import type { MockMessages } from './messages.js';

export default {
  $code: 'de',
  cardDetails: 'Kartendaten',
  testMode: 'Testmodus — verwenden Sie 4242 4242 4242 4242',
  cardNumber: 'Kartennummer',
  expiry: 'Ablaufdatum',
  expiryPlaceholder: 'MM / JJ',
  cvc: 'Sicherheitscode (CVC)',
  errors: {
    incomplete_number: 'Ihre Kartennummer ist unvollständig.',
    invalid_number: 'Ihre Kartennummer ist ungültig.',
    incomplete_expiry: 'Das Ablaufdatum Ihrer Karte ist unvollständig.',
    invalid_expiry_month: 'Der Ablaufmonat Ihrer Karte ist ungültig.',
    invalid_expiry_year_past: 'Das Ablaufdatum Ihrer Karte liegt in der Vergangenheit.',
    incomplete_cvc: 'Der Sicherheitscode Ihrer Karte ist unvollständig.',
  },
  testCardRequired: 'Dies ist ein Test-Checkout: Verwenden Sie eine Testkarte wie 4242 4242 4242 4242.',
  challengeTitle: 'Zahlung bestätigen',
  challengeText: 'Test-3-D-Secure-Abfrage Ihrer Bank',
  approve: 'Bestätigen',
  cancel: 'Abbrechen',
  unsupportedAction: 'Dieser Zahlungsschritt wird vom Test-Anbieter nicht unterstützt.',
  networkError: 'Der Zahlungsdienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  verificationFailed: 'Die Kartenprüfung konnte nicht abgeschlossen werden. Bitte versuchen Sie es erneut.',
} satisfies MockMessages;
