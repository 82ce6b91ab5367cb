import type { LocalPayTranslation } from './index.js';

export default {
  blikCode: 'BLIK 코드',
  blikHint: '은행 앱을 열어 BLIK 코드를 만들고 6자리를 입력하세요.',
  blikInvalid: 'BLIK 코드 6자리를 입력하세요.',
  blikApprove: '은행 앱에서 결제를 승인하세요.',
  scan: (method) => `휴대폰의 ${method}(으)로 코드를 스캔한 뒤 앱에서 결제를 승인하세요.`,
  qrLabel: (method) => `${method} QR 코드`,
  waiting: '결제를 기다리는 중…',
  failed: '결제가 완료되지 않아 청구된 금액이 없습니다. 결제 수단을 선택해 다시 시도하세요.',
  canceled: '결제가 끝나지 않아 청구된 금액이 없습니다. 준비되면 다시 결제하세요.',
} satisfies LocalPayTranslation;
