import type { TenderTranslation } from './index.js';

export default {
  add: '기프트 카드 추가',
  codeLabel: '기프트 카드 코드',
  codeHint: '카드 또는 이메일에 있는 코드(예: XXXX-XXXX-XXXX-XXXX-XXXX).',
  apply: '적용',
  applying: '적용 중…',
  card: (last4) => `기프트 카드 •••• ${last4}`,
  storeCredit: '스토어 크레딧',
  useStoreCredit: (amount) => `스토어 크레딧 사용(${amount})`,
  remove: '삭제',
  removeLabel: (what) => `${what} 삭제`,
  toPay: '결제할 금액',
  applied: (what, amount) => `${what} 적용됨: ${amount}.`,
  covered: '기프트 카드 또는 스토어 크레딧으로 주문 금액 전액이 결제됩니다.',
  placeOrder: (amount) => `주문하기(${amount})`,
  errors: {
    empty: '기프트 카드 코드를 입력하세요.',
    notFound: '이 코드의 기프트 카드를 찾을 수 없습니다. 코드를 확인하고 다시 시도하세요.',
    inactive: '이 기프트 카드는 만료되었거나 더 이상 사용할 수 없습니다.',
    noBalance: '이 기프트 카드에 남은 잔액이 없습니다.',
    currency: '이 기프트 카드는 이 주문과 다른 통화입니다.',
    tooMany: '너무 많은 코드를 시도했습니다. 나중에 다시 시도하세요.',
    alreadyCovered: '적용한 금액으로 이미 주문 전액이 결제됩니다.',
    generic: '적용하지 못했습니다. 다시 시도하세요.',
  },
} satisfies TenderTranslation;
