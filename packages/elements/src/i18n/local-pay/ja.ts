import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'BLIK コード',
  blikHint: '銀行アプリを開いて BLIK コードを発行し、6 桁を入力してください。',
  blikInvalid: 'BLIK コードの 6 桁を入力してください。',
  blikApprove: '銀行アプリで支払いを承認してください。',
  scan: (method) => `スマートフォンの ${method} でコードを読み取り、アプリで支払いを承認してください。`,
  qrLabel: (method) => `${method} の QR コード`,
  waiting: 'お支払いを待っています…',
  failed: '支払いが完了しなかったため、請求はありません。支払い方法を選んでもう一度お試しください。',
  canceled: '支払いが完了しなかったため、請求はありません。準備ができたら改めてお支払いください。',
} satisfies LocalPayTranslation;
