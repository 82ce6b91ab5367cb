import type { MockMessages } from './messages.js';

export default {
  $code: 'ko',
  cardDetails: '카드 정보',
  testMode: '테스트 모드 — 4242 4242 4242 4242를 사용하세요',
  cardNumber: '카드 번호',
  expiry: '유효기간',
  expiryPlaceholder: 'MM / YY',
  cvc: '보안 코드(CVC)',
  errors: {
    incomplete_number: '카드 번호가 완전하지 않습니다.',
    invalid_number: '카드 번호가 올바르지 않습니다.',
    incomplete_expiry: '카드 유효기간이 완전하지 않습니다.',
    invalid_expiry_month: '카드 유효기간의 월이 올바르지 않습니다.',
    invalid_expiry_year_past: '카드 유효기간이 지났습니다.',
    incomplete_cvc: '카드 보안 코드가 완전하지 않습니다.',
  },
  testCardRequired: '테스트 결제입니다. 4242 4242 4242 4242 같은 테스트 카드를 사용하세요.',
  challengeTitle: '결제 확인',
  challengeText: '은행의 테스트 3-D Secure 인증',
  approve: '승인',
  cancel: '취소',
  unsupportedAction: '테스트 결제 서비스는 이 결제 단계를 지원하지 않습니다.',
  networkError: '결제 서비스에 연결할 수 없습니다. 연결을 확인하고 다시 시도하세요.',
  verificationFailed: '카드 인증을 완료할 수 없습니다. 다시 시도하세요.',
} satisfies MockMessages;
