import type { ResumeTranslation } from './index.js';

export default {
  title: '결제 이어서 하기',
  text: '다른 기기에서 이 상점의 결제를 마치지 않았습니다. 같은 장바구니로 이 기기에서 이어서 하세요.',
  line: (quantity, name) => `${name} × ${quantity}`,
  total: (amount) => `합계 ${amount}`,
  continue: '결제 이어서 하기',
  dismiss: '나중에',
  continuing: '결제를 여는 중…',
  unavailable: '이 결제는 더 이상 이어서 할 수 없습니다. 이 기기의 장바구니는 그대로 있습니다.',
  failed: '실패했습니다. 다시 시도해 주세요.',
} satisfies ResumeTranslation;
