import type { Translation } from './translation.js';

const count = new Intl.NumberFormat('ja');

const ja = {
  $code: 'ja',
  $name: '日本語',
  $dir: 'ltr',

  loading: 'お支払い画面を読み込んでいます…',
  contact: '連絡先',
  email: 'メールアドレス',
  shippingAddress: 'お届け先住所',
  fullName: '氏名',
  country: '国または地域',
  addressLine1: '住所1',
  addressLine2: '建物名・部屋番号（任意）',
  addAddressLine2: '建物名・部屋番号を追加',
  city: '市区町村',
  region: '都道府県・州',
  postalCode: '郵便番号',
  phone: '電話番号（任意）',
  optional: (label) => `${label}（任意）`,

  shippingMethod: '配送方法',
  free: '無料',
  deliveryEstimate: (min, max) =>
    min === max ? `${count.format(min)}営業日` : `${count.format(min)}〜${count.format(max)}営業日`,
  payment: 'お支払い',
  expressCheckout: 'エクスプレスチェックアウト',

  orderSummary: 'ご注文内容',
  lineItem: (name, quantity) => (quantity === 1 ? name : `${name} × ${count.format(quantity)}`),
  subtotal: '小計',
  shipping: '送料',
  shippingNotChosen: '未選択',
  total: '合計',

  pay: (amount) => `${amount}を支払う`,
  paying: (amount) => `${amount}を支払い中…`,
  verifying: '銀行による支払いの確認を待っています…',
  succeeded: 'お支払いが完了しました',
  orderNumber: '注文番号：',

  address: {
    billingAddress: '請求先住所',
    regionKinds: { area: '地域', county: '郡', department: '県（デパルトマン）', district: '地区', do_si: '道・広域市', emirate: '首長国', island: '島', oblast: '州（オブラスト）', parish: '教区', prefecture: '都道府県', province: '州・省', state: '州' },
    cityKinds: { city: '市区町村', district: '区', post_town: '郵便町', suburb: '郊外' },
    districtKinds: { district: '区', neighborhood: '地区', suburb: '郊外', townland: 'タウンランド', village_township: '町村' },
    postalCodeKinds: { eircode: 'Eircode', pin: 'PINコード', postal: '郵便番号', zip: 'ZIPコード' },
    sortingCode: '仕分けコード',
    chooseRegion: '選択してください',
    example: (example) => `例：${example}`,
  },

  errors: {
    required: (label) => `「${label}」を入力してください。`,
    invalidEmail: 'name@example.com のような形式でメールアドレスを入力してください。',
    tooLong: (label) => `「${label}」が長すぎます。`,
    chooseShipping: '配送方法を選択してください。',
    cardIncomplete: 'カード情報を入力してください。',
    verificationCanceled: 'カードの認証がキャンセルされたため、請求は発生していません。準備ができたら、もう一度お支払いください。',
    walletCanceled: '支払いウィンドウが閉じられたため、請求は発生していません。準備ができたら、もう一度お支払いください。',
    loadFailed: 'お支払い画面を読み込めませんでした。接続を確認して、ページを再読み込みしてください。',
    providerFailed: '支払いフォームを読み込めませんでした。ページを再読み込みして、もう一度お試しください。',
    generic: '問題が発生しました。もう一度お試しください。',
    invalidPostalCode: (label, example) => (example ? `「${label}」の形式が正しくありません（例：${example}）。` : `「${label}」の形式が正しくありません。`),
    postalCodeRegionMismatch: (postalCode, region) => `「${postalCode}」が選択した「${region}」と一致しません。`,
    unknownRegion: (label) => `「${label}」を一覧から選択してください。`,
    invalidPhone: (example) => `${example} のような形式で電話番号を入力してください。`,
    controlCharacters: (label) => `「${label}」に使用できない文字が含まれています。`,
  },
} satisfies Translation;

export default ja;
