import type { AssistTranslation } from './index.js';

const number = new Intl.NumberFormat('sv');

export default {
  suggestions: 'Föreslagna adresser',
  suggestionCount: (n) => `Föreslagna adresser: ${number.format(n)}. Välj med piltangenterna upp och ned.`,
  noSuggestions: 'Inga föreslagna adresser. Fortsätt skriva adressen.',
  suggestionsUnavailable: 'Adressförslag är inte tillgängliga just nu. Skriv adressen.',
  suggestionFilled: 'Adressen är ifylld. Kontrollera den.',
  undeliverable: 'Vi kan inte leverera till den här adressen.',
} satisfies AssistTranslation;
