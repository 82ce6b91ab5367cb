import type { TenderTranslation } from './index.js';

export default {
  add: 'ギフトカードを追加',
  codeLabel: 'ギフトカードのコード',
  codeHint: 'カードまたはメールに記載のコード（例: XXXX-XXXX-XXXX-XXXX-XXXX）。',
  apply: '適用',
  applying: '適用中…',
  card: (last4) => `ギフトカード •••• ${last4}`,
  storeCredit: 'ストアクレジット',
  useStoreCredit: (amount) => `ストアクレジットを使う（${amount}）`,
  remove: '削除',
  removeLabel: (what) => `${what}を削除`,
  toPay: 'お支払い額',
  applied: (what, amount) => `${what}を適用しました: ${amount}。`,
  covered: 'ギフトカードまたはストアクレジットで注文の全額が支払われます。',
  placeOrder: (amount) => `注文を確定（${amount}）`,
  errors: {
    empty: 'ギフトカードのコードを入力してください。',
    notFound: 'このコードのギフトカードが見つかりません。コードを確認して、もう一度お試しください。',
    inactive: 'このギフトカードは有効期限が切れているか、使用できなくなっています。',
    noBalance: 'このギフトカードには残高がありません。',
    currency: 'このギフトカードは注文とは別の通貨です。',
    tooMany: '試行回数が多すぎます。しばらくしてからもう一度お試しください。',
    alreadyCovered: '適用済みの分で注文の全額が支払われます。',
    generic: '適用できませんでした。もう一度お試しください。',
  },
} satisfies TenderTranslation;
