import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('ja');

export default {
  suggestions: '候補の住所',
  suggestionCount: (n) => `候補の住所: ${number.format(n)}件。上下の矢印キーで選択してください。`,
  noSuggestions: '候補の住所はありません。住所の入力を続けてください。',
  suggestionsUnavailable: '現在、住所の候補を利用できません。住所を入力してください。',
  suggestionFilled: '住所を入力しました。内容をご確認ください。',
  undeliverable: 'この住所にはお届けできません。',
} satisfies AssistTranslation;
