import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('tr');

export default {
  suggestions: 'Önerilen adresler',
  suggestionCount: (n) => `Önerilen adresler: ${number.format(n)}. Seçmek için yukarı ve aşağı ok tuşlarını kullanın.`,
  noSuggestions: 'Önerilen adres yok. Adresi yazmaya devam edin.',
  suggestionsUnavailable: 'Adres önerileri şu anda kullanılamıyor. Adresi yazın.',
  suggestionFilled: 'Adres dolduruldu. Lütfen kontrol edin.',
  undeliverable: 'Bu adrese teslimat yapamıyoruz.',
} satisfies AssistTranslation;
