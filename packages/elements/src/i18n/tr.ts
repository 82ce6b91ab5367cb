import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('tr');

const tr = {
  $code: 'tr',
  $name: 'Türkçe',
  $dir: 'ltr',

  loading: 'Ödeme sayfası yükleniyor…',
  contact: 'İletişim',
  email: 'E-posta',
  shippingAddress: 'Teslimat adresi',
  fullName: 'Ad soyad',
  country: 'Ülke',
  addressLine1: 'Adres satırı 1',
  addressLine2: 'Daire, kat, blok (isteğe bağlı)',
  addAddressLine2: 'Daire, kat veya blok ekle',
  city: 'Şehir',
  region: 'Eyalet, il veya bölge',
  postalCode: 'Posta kodu',
  phone: 'Telefon (isteğe bağlı)',
  optional: (label) => `${label} (isteğe bağlı)`,

  shippingMethod: 'Kargo seçeneği',
  free: 'Ücretsiz',
  deliveryEstimate: (min, max) =>
    min === max ? `${count.format(min)} iş günü` : `${count.format(min)}–${count.format(max)} iş günü`,
  payment: 'Ödeme',
  expressCheckout: 'Hızlı ödeme',

  orderSummary: 'Sipariş özeti',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: 'Ara toplam',
  shipping: 'Kargo',
  shippingNotChosen: 'Henüz seçilmedi',
  total: 'Toplam',

  pay: (amount) => `${amount} öde`,
  paying: (amount) => `${amount} ödeniyor…`,
  verifying: 'Bankanızın ödemeyi doğrulaması bekleniyor…',
  succeeded: 'Ödeme başarılı',
  orderNumber: 'Sipariş numarası:',

  address: {
    billingAddress: 'Fatura adresi',
    regionKinds: { area: 'Alan', county: 'Kontluk', department: 'Departman', district: 'Bölge', do_si: 'İl', emirate: 'Emirlik', island: 'Ada', oblast: 'Oblast', parish: 'Parish', prefecture: 'Prefektörlük', province: 'İl', state: 'Eyalet' },
    cityKinds: { city: 'Şehir', district: 'İlçe', post_town: 'Posta şehri', suburb: 'Semt' },
    districtKinds: { district: 'İlçe', neighborhood: 'Mahalle', suburb: 'Semt', townland: 'Townland', village_township: 'Köy veya belde' },
    postalCodeKinds: { eircode: 'Eircode', pin: 'PIN kodu', postal: 'Posta kodu', zip: 'ZIP kodu' },
    sortingCode: 'Ayırma kodu',
    chooseRegion: 'Seçin…',
    example: (example) => `Örneğin ${example}`,
  },

  errors: {
    required: (label) => `“${label}” alanını doldurun.`,
    invalidEmail: 'ad@example.com gibi bir e-posta adresi girin.',
    tooLong: (label) => `“${label}” çok uzun.`,
    chooseShipping: 'Bir kargo seçeneği seçin.',
    cardIncomplete: 'Kart bilgilerinizi girin.',
    verificationCanceled: 'Kart doğrulamasını iptal ettiniz, bu yüzden hiçbir ücret alınmadı. Hazır olduğunuzda yeniden ödeyin.',
    walletCanceled: 'Ödeme penceresini kapattınız, bu yüzden hiçbir ücret alınmadı. Hazır olduğunuzda yeniden ödeyin.',
    loadFailed: 'Ödeme sayfası yüklenemedi. Bağlantınızı kontrol edip sayfayı yenileyin.',
    providerFailed: 'Ödeme formu yüklenemedi. Yeniden denemek için sayfayı yenileyin.',
    generic: 'Bir şeyler ters gitti. Lütfen yeniden deneyin.',
    invalidPostalCode: (label, example) => (example ? `“${label}” biçimi geçersiz; örneğin ${example}.` : `“${label}” biçimi geçersiz.`),
    postalCodeRegionMismatch: (postalCode, region) => `“${postalCode}”, seçilen “${region}” ile uyuşmuyor.`,
    unknownRegion: (label) => `Listeden bir “${label}” seçin.`,
    invalidPhone: (example) => `${example} gibi bir telefon numarası girin.`,
    controlCharacters: (label) => `“${label}” izin verilmeyen karakterler içeriyor.`,
  },
} satisfies Translation;

export default tr;
