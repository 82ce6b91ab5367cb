import type { MockMessages } from './messages.js';

export default {
  $code: 'ja',
  cardDetails: 'カード情報',
  testMode: 'テストモード — 4242 4242 4242 4242 をご利用ください',
  cardNumber: 'カード番号',
  expiry: '有効期限',
  expiryPlaceholder: 'MM / YY',
  cvc: 'セキュリティコード (CVC)',
  errors: {
    incomplete_number: 'カード番号が不完全です。',
    invalid_number: 'カード番号が無効です。',
    incomplete_expiry: 'カードの有効期限が不完全です。',
    invalid_expiry_month: 'カードの有効期限の月が無効です。',
    invalid_expiry_year_past: 'カードの有効期限が切れています。',
    incomplete_cvc: 'カードのセキュリティコードが不完全です。',
  },
  testCardRequired: 'これはテスト決済です。4242 4242 4242 4242 などのテストカードをご利用ください。',
  challengeTitle: 'お支払いの確認',
  challengeText: '銀行によるテスト用 3-D Secure 認証',
  approve: '承認',
  cancel: 'キャンセル',
  unsupportedAction: 'この支払いステップはテスト用プロバイダーでは対応していません。',
  networkError: '決済サービスに接続できませんでした。接続を確認してもう一度お試しください。',
  verificationFailed: 'カードの認証を完了できませんでした。もう一度お試しください。',
} satisfies MockMessages;
