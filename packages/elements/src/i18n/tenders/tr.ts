import type { TenderTranslation } from './index.js';

export default {
  add: 'Hediye kartı ekle',
  codeLabel: 'Hediye kartı kodu',
  codeHint: 'Kartınızdaki veya e-postanızdaki kod, ör. XXXX-XXXX-XXXX-XXXX-XXXX.',
  apply: 'Uygula',
  applying: 'Uygulanıyor…',
  card: (last4) => `Hediye kartı •••• ${last4}`,
  storeCredit: 'Mağaza bakiyesi',
  useStoreCredit: (amount) => `Mağaza bakiyenizi kullanın (${amount})`,
  remove: 'Kaldır',
  removeLabel: (what) => `Kaldır: ${what}`,
  toPay: 'Ödenecek',
  applied: (what, amount) => `${what} uygulandı: ${amount}.`,
  covered: 'Hediye kartınız veya mağaza bakiyeniz siparişin tamamını karşılıyor.',
  placeOrder: (amount) => `Siparişi ver (${amount})`,
  errors: {
    empty: 'Hediye kartınızın kodunu girin.',
    notFound: 'Bu koda sahip bir hediye kartı bulamadık. Kodu kontrol edip tekrar deneyin.',
    inactive: 'Bu hediye kartının süresi dolmuş veya artık kullanılamıyor.',
    noBalance: 'Bu hediye kartında bakiye kalmadı.',
    currency: 'Bu hediye kartı bu siparişten farklı bir para biriminde.',
    tooMany: 'Çok fazla kod denendi. Daha sonra tekrar deneyin.',
    alreadyCovered: 'Uyguladıklarınız siparişin tamamını zaten karşılıyor.',
    generic: 'Bu uygulanamadı. Lütfen tekrar deneyin.',
  },
} satisfies TenderTranslation;
