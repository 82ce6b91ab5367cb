import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: '注文に関するお知らせ',
  email: 'メールで',
  sms: 'SMSで',
  both: 'メールとSMSで',
  phone: '携帯電話番号',
  hint: 'ご注文の確定・発送・お届けの際に、追跡用リンク付きのSMSをお送りします。',
  required: 'SMSでお知らせを受け取るには携帯電話番号を入力してください。',
  invalid: (example) => `${example} のような携帯電話番号を入力してください。`,
} satisfies OrderUpdatesTranslation;
