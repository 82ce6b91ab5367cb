import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('pl');

export default {
  suggestions: 'Proponowane adresy',
  suggestionCount: (n) => `Proponowane adresy: ${number.format(n)}. Wybierz strzałkami w górę i w dół.`,
  noSuggestions: 'Brak proponowanych adresów. Wpisuj adres dalej.',
  suggestionsUnavailable: 'Podpowiedzi adresów są teraz niedostępne. Wpisz adres.',
  suggestionFilled: 'Adres uzupełniony. Sprawdź go.',
  undeliverable: 'Nie możemy dostarczyć przesyłki pod ten adres.',
} satisfies AssistTranslation;
