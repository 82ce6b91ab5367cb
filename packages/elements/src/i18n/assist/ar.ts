import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('ar');

export default {
  suggestions: 'عناوين مقترحة',
  suggestionCount: (n) => `عدد العناوين المقترحة: ${number.format(n)}. استخدم مفتاحَي السهم لأعلى ولأسفل للاختيار.`,
  noSuggestions: 'لا توجد عناوين مقترحة. تابع كتابة العنوان.',
  suggestionsUnavailable: 'اقتراحات العناوين غير متاحة الآن. اكتب العنوان.',
  suggestionFilled: 'تم ملء العنوان. يرجى التحقق منه.',
  undeliverable: 'لا يمكننا التوصيل إلى هذا العنوان.',
} satisfies AssistTranslation;
