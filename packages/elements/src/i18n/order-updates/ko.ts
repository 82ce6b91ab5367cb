import type { OrderUpdatesTranslation } from './index.js';

export default {
  legend: '주문 알림',
  email: '이메일로',
  sms: '문자(SMS)로',
  both: '이메일과 문자로',
  phone: '휴대폰 번호',
  hint: '주문이 확인되고, 발송되고, 배송이 완료되면 조회 링크와 함께 문자를 보내 드립니다.',
  required: '문자 알림을 받으려면 휴대폰 번호를 입력하세요.',
  invalid: (example) => `${example} 형식의 휴대폰 번호를 입력하세요.`,
} satisfies OrderUpdatesTranslation;
