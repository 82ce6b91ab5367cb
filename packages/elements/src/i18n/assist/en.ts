import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('en');

export default {
  suggestions: 'Suggested addresses',
  suggestionCount: (n) => `Suggested addresses: ${number.format(n)}. Use the up and down arrow keys to choose one.`,
  noSuggestions: 'No suggested addresses. Keep typing the address.',
  suggestionsUnavailable: 'Address suggestions are not available right now. Type the address.',
  suggestionFilled: 'Address filled in. Please check it.',
  undeliverable: 'We can’t deliver to this address.',
} satisfies AssistTranslation;
