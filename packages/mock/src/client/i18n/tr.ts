import type { MockMessages } from './messages.js';

export default {
  $code: 'tr',
  cardDetails: 'Kart bilgileri',
  testMode: 'Test modu — 4242 4242 4242 4242 kullanın',
  cardNumber: 'Kart numarası',
  expiry: 'Son kullanma tarihi',
  expiryPlaceholder: 'AA / YY',
  cvc: 'Güvenlik kodu (CVC)',
  errors: {
    incomplete_number: 'Kart numaranız eksik.',
    invalid_number: 'Kart numaranız geçersiz.',
    incomplete_expiry: 'Kartınızın son kullanma tarihi eksik.',
    invalid_expiry_month: 'Kartınızın son kullanma ayı geçersiz.',
    invalid_expiry_year_past: 'Kartınızın son kullanma tarihi geçmiş.',
    incomplete_cvc: 'Kartınızın güvenlik kodu eksik.',
  },
  testCardRequired: 'Bu bir test ödemesidir: 4242 4242 4242 4242 gibi bir test kartı kullanın.',
  challengeTitle: 'Ödemenizi onaylayın',
  challengeText: 'Bankanızdan test 3-D Secure doğrulaması',
  approve: 'Onayla',
  cancel: 'İptal',
  unsupportedAction: 'Test sağlayıcısı bu ödeme adımını desteklemiyor.',
  networkError: 'Ödeme hizmetine ulaşılamadı. Bağlantınızı kontrol edip tekrar deneyin.',
  verificationFailed: 'Kart doğrulaması tamamlanamadı. Lütfen tekrar deneyin.',
} satisfies MockMessages;
