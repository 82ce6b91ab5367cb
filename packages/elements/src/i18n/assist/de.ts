import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('de');

export default {
  suggestions: 'Vorgeschlagene Adressen',
  suggestionCount: (n) => `Vorgeschlagene Adressen: ${number.format(n)}. Mit den Pfeiltasten nach oben und unten auswählen.`,
  noSuggestions: 'Keine vorgeschlagenen Adressen. Geben Sie die Adresse weiter ein.',
  suggestionsUnavailable: 'Adressvorschläge sind gerade nicht verfügbar. Geben Sie die Adresse ein.',
  suggestionFilled: 'Adresse ausgefüllt. Bitte prüfen Sie sie.',
  undeliverable: 'An diese Adresse können wir nicht liefern.',
} satisfies AssistTranslation;
