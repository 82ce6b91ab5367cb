import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('ko');

export default {
  suggestions: '추천 주소',
  suggestionCount: (n) => `추천 주소 ${number.format(n)}개. 위아래 화살표 키로 선택하세요.`,
  noSuggestions: '추천 주소가 없습니다. 주소를 계속 입력하세요.',
  suggestionsUnavailable: '지금은 주소 추천을 사용할 수 없습니다. 주소를 입력하세요.',
  suggestionFilled: '주소가 입력되었습니다. 확인해 주세요.',
  undeliverable: '이 주소로는 배송할 수 없습니다.',
} satisfies AssistTranslation;
