import type { MockMessages } from './messages.js';

export default {
  $code: 'pl',
  cardDetails: 'Dane karty',
  testMode: 'Tryb testowy — użyj karty 4242 4242 4242 4242',
  cardNumber: 'Numer karty',
  expiry: 'Data ważności',
  expiryPlaceholder: 'MM / RR',
  cvc: 'Kod zabezpieczający (CVC)',
  errors: {
    incomplete_number: 'Numer karty jest niepełny.',
    invalid_number: 'Numer karty jest nieprawidłowy.',
    incomplete_expiry: 'Data ważności karty jest niepełna.',
    invalid_expiry_month: 'Miesiąc ważności karty jest nieprawidłowy.',
    invalid_expiry_year_past: 'Data ważności karty już minęła.',
    incomplete_cvc: 'Kod zabezpieczający karty jest niepełny.',
  },
  testCardRequired: 'To jest płatność testowa: użyj karty testowej, np. 4242 4242 4242 4242.',
  challengeTitle: 'Potwierdź płatność',
  challengeText: 'Testowa weryfikacja 3-D Secure z Twojego banku',
  approve: 'Zatwierdź',
  cancel: 'Anuluj',
  unsupportedAction: 'Testowy dostawca nie obsługuje tego kroku płatności.',
  networkError: 'Nie udało się połączyć z usługą płatności. Sprawdź połączenie i spróbuj ponownie.',
  verificationFailed: 'Nie udało się zweryfikować karty. Spróbuj ponownie.',
} satisfies MockMessages;
